import datetime as dt

import pytest
from django.utils import timezone

from site_template.council.models import CouncilSessionIndexPage, CouncilSessionPage
from site_template.council.selectors import decisions_due_on, is_overdue, overdue_sessions, upcoming_sessions

from .factories import days_ago, make_session


@pytest.fixture
def sessions_index(publishing, home_ar):
    return CouncilSessionIndexPage.objects.descendant_of(home_ar).get()


def overdue_slugs():
    return sorted({p.slug for p in overdue_sessions()})


@pytest.mark.django_db
def test_overdue_after_eight_days_without_decisions(sessions_index):
    make_session(sessions_index, slug="nine-days", starts_at=days_ago(9))
    make_session(sessions_index, slug="eight-days", starts_at=days_ago(8))
    make_session(sessions_index, slug="yesterday", starts_at=days_ago(1))
    assert overdue_slugs() == ["nine-days"]
    # both language versions are flagged: each must show the decisions
    assert overdue_sessions().filter(slug="nine-days").count() == 2


@pytest.mark.django_db
def test_posted_decisions_clear_the_flag_and_one_unposted_keeps_it(sessions_index):
    posted = timezone.localdate() - dt.timedelta(days=20)
    make_session(sessions_index, slug="all-posted", starts_at=days_ago(25), decisions=[posted, posted])
    make_session(sessions_index, slug="one-missing", starts_at=days_ago(25), decisions=[posted, None])
    assert overdue_slugs() == ["one-missing"]


@pytest.mark.django_db
def test_deadline_runs_from_the_last_sitting(sessions_index):
    page_ar, _ = make_session(sessions_index, slug="long", starts_at=days_ago(12))
    page_ar.ends_at = days_ago(3)
    page_ar.save_revision().publish()
    page_ar.refresh_from_db()
    assert decisions_due_on(page_ar) == timezone.localdate() - dt.timedelta(days=3) + dt.timedelta(days=8)
    assert not is_overdue(page_ar)


@pytest.mark.django_db
def test_delay_is_a_setting(sessions_index, settings):
    make_session(sessions_index, slug="four-days", starts_at=days_ago(4))
    assert overdue_slugs() == []
    settings.COUNCIL_DECISIONS_PUBLICATION_DAYS = 3
    assert overdue_slugs() == ["four-days"]


@pytest.mark.django_db
def test_dashboard_panel_and_listing_flag_overdue_sessions(client, sessions_index, django_user_model):
    make_session(sessions_index, slug="late", starts_at=days_ago(30))
    make_session(sessions_index, slug="recent", starts_at=days_ago(2))
    admin = django_user_model.objects.create_superuser(email="admin@example.ma", password="x-very-secret-1")
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    assert "council-overdue-heading" in html
    assert "دورة late" in html and "Session late" in html
    assert "دورة recent" not in html
    listing = client.get("/admin/council_sessions/?overdue=true").content.decode()
    assert "دورة late" in listing and "دورة recent" not in listing


@pytest.mark.django_db
def test_dashboard_panel_hidden_when_nothing_is_late(client, sessions_index, django_user_model):
    make_session(sessions_index, slug="recent", starts_at=days_ago(2))
    admin = django_user_model.objects.create_superuser(email="admin@example.ma", password="x-very-secret-1")
    client.force_login(admin)
    assert "council-overdue-heading" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_next_sessions_on_home_page(client, sessions_index, home_fr):
    make_session(sessions_index, slug="past", starts_at=days_ago(40))
    make_session(sessions_index, slug="next", starts_at=days_ago(-10), agenda=["Budget", "Transport"])
    make_session(sessions_index, slug="extra", starts_at=days_ago(-3), kind="extraordinary")
    assert [p.slug for p in upcoming_sessions(home=home_fr)] == ["extra", "next"]
    html = client.get("/fr/").content.decode()
    assert 'id="home-council"' in html
    assert "Session next" in html and "Session extra" in html and "Session past" not in html
    assert html.index("Session extra") < html.index("Session next")
    assert "Session extraordinaire" in html
    assert "#agenda" in html


@pytest.mark.django_db
def test_index_lists_past_sessions_with_posted_decisions_only(client, sessions_index):
    posted = timezone.localdate() - dt.timedelta(days=30)
    make_session(sessions_index, slug="may", starts_at=days_ago(35), decisions=[posted, None])
    html = client.get("/fr/council-sessions/").content.decode()
    assert "Session may" in html
    assert "Décision 0" in html and "Décision 1" not in html


@pytest.mark.django_db
def test_session_page_renders_in_both_languages(client, sessions_index):
    make_session(sessions_index, slug="oct", starts_at=days_ago(-5), agenda=["Budget"])
    for lang in ("ar", "fr"):
        response = client.get(f"/{lang}/council-sessions/oct/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{lang}"' in html
        assert 'id="agenda"' in html and "Budget" in html


@pytest.mark.django_db
def test_demo_sessions(publishing_demo, home_ar):
    sessions = CouncilSessionPage.objects.descendant_of(home_ar)
    kinds = {s.kind for s in sessions}
    assert kinds == {"ordinary", "extraordinary"}
    upcoming_ordinary = [s for s in upcoming_sessions(home=home_ar) if s.kind == "ordinary"]
    assert upcoming_ordinary and timezone.localtime(upcoming_ordinary[0].starts_at).month in (2, 5, 10)
    assert not overdue_sessions().exists()
