"""Participation figures: participants (online + paper), remarks and supports per project,
proposals, associations, shares of women and young people with the small-count rule."""

import pytest
from django.utils import timezone

from participation.consultations.selectors import figures, projects_for
from participation.consultations.services import Card, paper_remark_create, remark_create
from participation.core.services import support_toggle
from site_template.accounts.models import DemographicProfile

pytestmark = pytest.mark.django_db


def _profile(user, gender="", age=""):
    DemographicProfile.objects.create(user=user, consented_at=timezone.now(), gender=gender, age_bracket=age)


def test_counts(consultation, projects, make_citizen, focal):
    a, b, c = make_citizen(), make_citizen(), make_citizen(association_name="جمعية", association_verified=True)
    remark_create(consultation=consultation, project=projects[0], author=a, card=Card(problem="1"))
    remark_create(consultation=consultation, project=projects[0], author=b, card=Card(problem="2"))
    remark_create(consultation=consultation, project=projects[1], author=c, card=Card(problem="3"), for_association=True)
    remark_create(consultation=consultation, author=a, card=Card(problem="4"), proposal_title="مشروع جديد")
    paper_remark_create(consultation=consultation, entered_by=focal, on_behalf_of_name="فاطمة", project=projects[1],
                        card=Card(problem="5"), association_name="جمعية الأمل")
    supporter = make_citizen()
    for user in (a, supporter):
        support_toggle(contribution=projects[1].contribution, user=user)
    support_toggle(contribution=projects[0].contribution, user=supporter)

    stats = figures(consultation=consultation)
    assert stats.remarks == 4  # three online remarks + one paper remark
    assert stats.proposals == 1
    assert stats.online_participants == 4  # a, b, c, supporter
    assert stats.paper_participants == 1
    assert stats.participants == 5
    assert stats.supports == 3
    assert stats.associations == 2
    per_project = {p.number: (p.remark_count, p.contribution.support_count) for p in projects_for(consultation=consultation)}
    assert per_project == {68: (2, 1), 70: (2, 2)}


def test_small_count_rule_hides_shares(consultation, projects, make_citizen, settings):
    settings.STATS_MIN_GROUP_SIZE = 5
    women = [make_citizen() for _ in range(4)]
    men = [make_citizen() for _ in range(6)]
    for user in women:
        _profile(user, gender="female", age="18_24")
    for user in men:
        _profile(user, gender="male", age="50_64")
    for user in women + men:
        remark_create(consultation=consultation, project=projects[0], author=user, card=Card(problem="p"))
    stats = figures(consultation=consultation)
    assert (stats.women.count, stats.women.total) == (4, 10)
    assert not stats.women.shown  # only 4 women: hidden
    assert not stats.young.shown
    extra = make_citizen()
    _profile(extra, gender="female", age="25_34")
    remark_create(consultation=consultation, project=projects[1], author=extra, card=Card(problem="p"))
    stats = figures(consultation=consultation)
    assert stats.women.shown and stats.women.percent == round(100 * 5 / 11)
    assert stats.young.shown and stats.young.percent == round(100 * 5 / 11)


def test_figures_shown_as_svg_chart_and_table(client, consultation, consultation_fr, projects, citizen):
    remark_create(consultation=consultation, project=projects[0], author=citizen, card=Card(problem="p"))
    body = client.get(consultation_fr.url).content.decode()
    assert 'role="img"' in body and "<desc" in body and "<table>" in body
    assert "Remarques par projet" in body
    body_ar = client.get(consultation.url).content.decode()
    assert "الملاحظات حسب المشروع" in body_ar
    assert 'text-anchor="end"' in body_ar  # mirrored: labels on the right
