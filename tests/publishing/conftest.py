"""Fixtures: a commune with the publishing pages made by the features' own ``commune_setup`` hooks."""

import pytest


def run_publishing_setup(site, home_ar, home_fr, *, demo: bool) -> None:
    from site_template.contact.wagtail_hooks import setup_contact
    from site_template.council.wagtail_hooks import setup_council
    from site_template.library.wagtail_hooks import setup_documents
    from site_template.news.wagtail_hooks import setup_news

    for fn in sorted([setup_news, setup_documents, setup_council, setup_contact], key=lambda f: f.order):
        fn(site=site, home_ar=home_ar, home_fr=home_fr, demo=demo, demo_users={})


@pytest.fixture
def publishing(commune_site, home_ar, home_fr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    run_publishing_setup(commune_site, home_ar, home_fr, demo=False)
    return commune_site


@pytest.fixture
def publishing_demo(commune_site, home_ar, home_fr, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    run_publishing_setup(commune_site, home_ar, home_fr, demo=True)
    return commune_site
