"""Small builders for publishing tests (real pages through the same tree service as the generator)."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from site_template.council.models import CouncilAgendaItem, CouncilDecision, CouncilSessionPage
from site_template.news.models import NewsPage
from site_template.pages.tree import add_translated_child


def make_image(title="Test image", description="وصف"):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), "#336699").save(buffer, format="PNG")
    image = get_image_model()(title=title, description=description, file=ImageFile(buffer, name="t.png"))
    image.save()
    return image


def make_news(index_ar, n: int, *, date=None, tags_ar=(), tags_fr=(), image=None, kind="news"):
    page_ar, page_fr = add_translated_child(
        index_ar,
        page_class=NewsPage,
        ar={"title": f"خبر رقم {n}", "slug": f"item-{n}", "intro": f"مقدمة الخبر {n}"},
        fr={"title": f"Actualité {n}", "slug": f"item-{n}", "intro": f"Chapeau de l'actualité {n}"},
        date=date or (dt.date(2024, 1, 1) + dt.timedelta(days=n)),
        kind=kind,
        image=image,
    )
    for page, tags in ((page_ar, tags_ar), (page_fr, tags_fr)):
        if tags:
            page.tags.set(list(tags))
            page.save()
            page.save_revision().publish()
    return page_ar, page_fr


def make_session(index_ar, *, slug, starts_at, kind="ordinary", decisions=(), agenda=("Budget",)):
    """``decisions``: iterable of posted-on dates (None = not posted)."""
    page_ar, page_fr = add_translated_child(
        index_ar,
        page_class=CouncilSessionPage,
        ar={"title": f"دورة {slug}", "slug": slug, "place": "مقر الجماعة"},
        fr={"title": f"Session {slug}", "slug": slug, "place": "Siège de la commune"},
        kind=kind,
        starts_at=starts_at,
    )
    for page in (page_ar, page_fr):
        page.agenda_items = [CouncilAgendaItem(title=t, sort_order=i) for i, t in enumerate(agenda)]
        page.decisions = [
            CouncilDecision(text=f"Décision {i}", result="majority", published_on=posted, sort_order=i)
            for i, posted in enumerate(decisions)
        ]
        page.save()
        page.save_revision().publish()
    return page_ar, page_fr


def days_ago(days: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
