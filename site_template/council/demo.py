"""Demo council sessions for ``create_commune --demo``: past February/May sessions with decisions,
the next ordinary session (February, May or October) and one extraordinary session."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import (
    CouncilAgendaItem,
    CouncilDecision,
    CouncilSessionIndexPage,
    CouncilSessionPage,
    SessionKind,
    VoteResult,
)

ORDINARY_MONTHS = (2, 5, 10)  # organic law 113.14, art. 33
PLACE_AR = "قاعة الاجتماعات بمقر جماعة العرائش"
PLACE_FR = "Salle des délibérations, siège de la commune de Larache"


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _first_weekday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 2)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def next_ordinary_date(today: dt.date) -> dt.date:
    for year in (today.year, today.year + 1):
        for month in ORDINARY_MONTHS:
            day = _first_weekday(year, month)
            if day > today:
                return day
    raise AssertionError("unreachable")


def last_ordinary_dates(today: dt.date, count: int) -> list[dt.date]:
    dates = []
    for year in (today.year, today.year - 1, today.year - 2):
        for month in reversed(ORDINARY_MONTHS):
            day = _first_weekday(year, month)
            if day + dt.timedelta(days=10) < today:
                dates.append(day)
    return sorted(dates, reverse=True)[:count]


MONTHS_AR = {2: "فبراير", 5: "ماي", 10: "أكتوبر"}
MONTHS_FR = {2: "février", 5: "mai", 10: "octobre"}

AGENDA = [
    ("دراسة برنامج عمل الانفتاح والمصادقة عليه", "Étude et adoption du programme d'ouverture",
     "لجنة الميزانية والشؤون المالية", "Commission du budget et des affaires financières"),
    ("دراسة اتفاقية شراكة مع الجمعيات لصيانة المناطق الخضراء", "Convention de partenariat avec les associations "
     "pour l'entretien des espaces verts", "لجنة المرافق العمومية", "Commission des services publics"),
    ("تقرير رئيس المجلس حول الأعمال المنجزة (المادة 106)", "Rapport du président sur les actions menées (art. 106)",
     "", ""),
]

DECISIONS = [
    ("المصادقة على اتفاقية الشراكة لصيانة المناطق الخضراء", "Adoption de la convention d'entretien des espaces "
     "verts", VoteResult.MAJORITY, 27, 4, 2),
    ("المصادقة على برمجة فائض الميزانية لتأهيل الإنارة العمومية", "Adoption de l'affectation de l'excédent à "
     "l'éclairage public", VoteResult.UNANIMOUS, 33, 0, 0),
]


def _session(index_ar, *, slug, kind, starts, title_ar, title_fr, summary_ar, summary_fr, agenda, decisions,
             posted_on=None, minutes=None, is_public=True):
    from site_template.pages.tree import add_translated_child

    page_ar, page_fr = add_translated_child(
        index_ar,
        page_class=CouncilSessionPage,
        ar={"title": title_ar, "slug": slug, "summary": summary_ar, "place": PLACE_AR},
        fr={"title": title_fr, "slug": slug, "summary": summary_fr, "place": PLACE_FR},
        kind=kind, starts_at=starts, ends_at=starts + dt.timedelta(hours=4), is_public=is_public, minutes=minutes,
    )
    for lang, page in (("ar", page_ar), ("fr", page_fr)):
        page.agenda_items = [
            CouncilAgendaItem(title=t_ar if lang == "ar" else t_fr, committee=c_ar if lang == "ar" else c_fr,
                              sort_order=n)
            for n, (t_ar, t_fr, c_ar, c_fr) in enumerate(agenda)
        ]
        page.decisions = [
            CouncilDecision(text=d_ar if lang == "ar" else d_fr, result=result, votes_for=yes, votes_against=no,
                            abstentions=abst, published_on=posted_on, sort_order=n)
            for n, (d_ar, d_fr, result, yes, no, abst) in enumerate(decisions)
        ]
        page.save()
        page.save_revision().publish()
    return page_ar, page_fr


def create_demo_sessions(*, index_ar: CouncilSessionIndexPage, minutes=None) -> None:
    if CouncilSessionPage.objects.child_of(index_ar).exists():
        return
    today = timezone.localdate()
    past = last_ordinary_dates(today, 3)
    for day in past:
        _session(
            index_ar, slug=f"session-{day:%Y-%m}", kind=SessionKind.ORDINARY, starts=_at(day),
            title_ar=f"الدورة العادية لشهر {MONTHS_AR[day.month]} {day.year}",
            title_fr=f"Session ordinaire de {MONTHS_FR[day.month]} {day.year}",
            summary_ar="دورة عادية عمومية طبقا للمادتين 33 و48 من القانون التنظيمي 113.14.",
            summary_fr="Session ordinaire publique (loi organique 113.14, art. 33 et 48).",
            agenda=AGENDA, decisions=DECISIONS, posted_on=day + dt.timedelta(days=5),
            minutes=minutes if day.month == 5 else None,
        )
    nxt = next_ordinary_date(today)
    _session(
        index_ar, slug=f"session-{nxt:%Y-%m}", kind=SessionKind.ORDINARY, starts=_at(nxt),
        title_ar=f"الدورة العادية لشهر {MONTHS_AR[nxt.month]} {nxt.year}",
        title_fr=f"Session ordinaire de {MONTHS_FR[nxt.month]} {nxt.year}",
        summary_ar="جدول الأعمال معلق بمقر الجماعة (المادة 48). الجلسات مفتوحة للعموم.",
        summary_fr="Ordre du jour affiché au siège de la commune (art. 48). Les séances sont publiques.",
        agenda=AGENDA, decisions=[],
    )
    extra = today + dt.timedelta(days=12)
    while extra.weekday() >= 5:  # a working day
        extra += dt.timedelta(days=1)
    _session(
        index_ar, slug=f"extraordinary-{extra:%Y-%m-%d}", kind=SessionKind.EXTRAORDINARY, starts=_at(extra, 15),
        title_ar="دورة استثنائية حول اتفاقية النقل الحضري",
        title_fr="Session extraordinaire sur la convention de transport urbain",
        summary_ar="دورة استثنائية بطلب من رئيس المجلس لدراسة نقطة فريدة.",
        summary_fr="Session extraordinaire convoquée par le président pour un point unique.",
        agenda=[("دراسة اتفاقية التدبير المفوض للنقل الحضري بالحافلات",
                 "Étude de la convention de gestion déléguée du transport urbain par bus",
                 "لجنة المرافق العمومية", "Commission des services publics")],
        decisions=[],
    )
