"""What a new commune gets from citizen meetings: their pages, themes and demo content
(``meetings_setup``, the ``commune_setup`` hook) and what each role may do with them
(``role_permissions``, the ``role_permissions`` hook). Idempotent: running it again on the same
site creates nothing twice."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from participation.core.pages import in_source_language, source_language
from site_template.communes.roles import Role
from site_template.pages.tree import add_translated_child

from .models import MeetingFormat, MeetingIdea, MeetingIndexPage, MeetingPage, MeetingTheme

THEMES = [
    ("action-programme", "برنامج عمل الجماعة", "Programme d'action de la commune"),
    ("openness", "الانفتاح والمشاركة المواطنة", "Ouverture et participation citoyenne"),
    ("environment", "البيئة والمساحات الخضراء", "Environnement et espaces verts"),
]


def _p(*paragraphs: str) -> str:
    from django.utils.html import escape

    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def _ul(*items: str) -> str:
    from django.utils.html import escape

    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _parent(home_ar: Page) -> Page:
    return home_ar.get_children().filter(slug="participate").first() or home_ar


def _local(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


@transaction.atomic
def meetings_setup(*, site: Site, home_ar: Page, home_fr: Page, demo: bool, demo_users: dict) -> MeetingIndexPage:
    index = in_source_language(MeetingIndexPage.objects.descendant_of(home_ar)).first()
    if index is None:
        index, _index_fr = add_translated_child(
            _parent(home_ar),
            page_class=MeetingIndexPage,
            ar={"title": "اللقاءات المواطنة", "slug": "meetings",
                "search_description": "مواعيد اللقاءات المواطنة والتسجيل فيها، وتقاريرها والأفكار التي جمعت فيها.",
                "intro": _p(
                "تنظم الجماعة لقاءات مواطنة مفتوحة للمواطنات والمواطنين والجمعيات حول برنامج عمل الجماعة "
                "ومشاريعها. سجلوا حضوركم، واطلعوا بعد كل لقاء على تقريره والأفكار التي تم جمعها.")},
            fr={"title": "Rencontres citoyennes", "slug": "meetings",
                "search_description": "Les rencontres citoyennes : dates, inscription, comptes rendus et idées recueillies.",
                "intro": _p(
                "La commune organise des rencontres citoyennes ouvertes aux habitantes, aux habitants et aux "
                "associations sur son programme d'action et ses projets. Inscrivez-vous, puis retrouvez après "
                "chaque rencontre son compte rendu et les idées recueillies.")},
            show_in_menus=False,
        )
    themes = {}
    for slug, name_ar, name_fr in THEMES:
        themes[slug], _created = MeetingTheme.objects.get_or_create(
            site=site, slug=slug, defaults={"name_ar": name_ar, "name_fr": name_fr}
        )
    if demo and not MeetingPage.objects.child_of(index).exists():
        _demo_meetings(index=index, themes=themes, demo_users=demo_users)
    return index


def _meeting(index: MeetingIndexPage, *, ar: dict[str, Any], fr: dict[str, Any], **common: Any) -> MeetingPage:
    page_ar, _page_fr = add_translated_child(index, page_class=MeetingPage, ar=ar, fr=fr, **common)
    return page_ar


def _demo_meetings(*, index: MeetingIndexPage, themes: dict, demo_users: dict) -> None:
    hall_ar = {"place": "قاعة الاجتماعات بمقر الجماعة", "address": "مقر الجماعة، شارع محمد الخامس",
               "directions": "المدخل الرئيسي لمقر الجماعة، الطابق الأرضي. موقف السيارات أمام المقر."}
    hall_fr = {"place": "Salle de réunion de l'hôtel de ville", "address": "Siège de la commune, avenue Mohammed V",
               "directions": "Entrée principale du siège de la commune, rez-de-chaussée. Parking devant le bâtiment."}
    first = _meeting(
        index,
        ar={**hall_ar, "title": "اللقاء المواطن الأول: جمع الأفكار", "slug": "first-citizen-meeting-2023",
            "summary": "لقاء تشاوري لجمع أفكار المواطنات والمواطنين والجمعيات من أجل برنامج الانفتاح.",
            "agenda": _ul("كلمة رئيس الجماعة", "تقديم آليات المشاركة المواطنة", "ورشات لجمع الأفكار",
                          "خلاصات وتوصيات"),
            "organiser": "نقطة الارتكاز للمشاركة المواطنة",
            "report": [("paragraph", _p(
                "انعقد اللقاء المواطن الأول يوم 21 مارس 2023 بمقر الجماعة بحضور 70 مشاركا ومشاركة، منهم 40 "
                "امرأة، وممثلو 18 جمعية. تم خلال اللقاء تقديم آليات المشاركة المواطنة وجمع أفكار الحاضرين "
                "في ورشات موضوعاتية."))],
            "ideas": [MeetingIdea(text="إحداث فضاء رقمي لتلقي اقتراحات المواطنين والرد عليها"),
                      MeetingIdea(text="تهيئة المساحات الخضراء بالأحياء وصيانتها بشراكة مع الجمعيات"),
                      MeetingIdea(text="إعداد دليل ترويجي لمؤهلات الجماعة"),
                      MeetingIdea(text="نشر ميزانية المواطن بلغة مبسطة")]},
        fr={**hall_fr, "title": "Première rencontre citoyenne : recueil des idées",
            "slug": "first-citizen-meeting-2023",
            "summary": "Rencontre de concertation pour recueillir les idées des habitants et des associations "
                       "pour le programme d'ouverture.",
            "agenda": _ul("Mot du président de la commune", "Présentation des mécanismes de participation",
                          "Ateliers de recueil d'idées", "Conclusions et recommandations"),
            "organiser": "Point focal de la participation citoyenne",
            "report": [("paragraph", _p(
                "La première rencontre citoyenne s'est tenue le 21 mars 2023 au siège de la commune avec 70 "
                "participants, dont 40 femmes, et les représentants de 18 associations. Les mécanismes de "
                "participation ont été présentés et les idées des participants recueillies en ateliers."))]},
        starts_at=_local(2023, 3, 21, 10), duration_minutes=180, theme=themes["openness"],
        format=MeetingFormat.IN_PERSON, step_free_access=True, capacity=80,
        participants_count=70, women_count=40, associations_count=18,
    )
    _meeting(
        index,
        ar={**hall_ar, "title": "اللقاء المواطن الثاني: مشروع برنامج الانفتاح", "slug": "second-citizen-meeting-2023",
            "summary": "تقديم مشروع برنامج الانفتاح ومناقشته مع المواطنات والمواطنين والجمعيات.",
            "agenda": _ul("تقديم مشروع البرنامج ومشاريعه", "مناقشة مفتوحة", "تعبئة بطاقات الملاحظات"),
            "organiser": "نقطة الارتكاز للمشاركة المواطنة"},
        fr={**hall_fr, "title": "Deuxième rencontre citoyenne : le projet de programme d'ouverture",
            "slug": "second-citizen-meeting-2023",
            "summary": "Présentation et discussion du projet de programme d'ouverture avec les habitants et les "
                       "associations.",
            "agenda": _ul("Présentation du projet de programme et de ses projets", "Débat ouvert",
                          "Remplissage des fiches de remarques"),
            "organiser": "Point focal de la participation citoyenne"},
        starts_at=_local(2023, 7, 25, 16), duration_minutes=150, theme=themes["action-programme"],
        format=MeetingFormat.IN_PERSON, step_free_access=True, capacity=80,
    )
    today = timezone.localdate()
    soon = today + timedelta(days=10)
    upcoming = _meeting(
        index,
        ar={**hall_ar, "title": "لقاء مواطن حول المساحات الخضراء", "slug": "green-spaces-meeting",
            "summary": "تقديم حصيلة صيانة المساحات الخضراء وجمع اقتراحات الأحياء.",
            "agenda": _ul("حصيلة المشروع 70: صيانة المساحات الخضراء", "اقتراحات الأحياء", "الخطوات المقبلة"),
            "organiser": "قسم البيئة ونقطة الارتكاز", "accessibility_notes": "يرجى إخبارنا مسبقا بأي حاجة خاصة."},
        fr={**hall_fr, "title": "Rencontre citoyenne sur les espaces verts", "slug": "green-spaces-meeting",
            "summary": "Bilan de l'entretien des espaces verts et recueil des propositions des quartiers.",
            "agenda": _ul("Bilan du projet 70 : entretien des espaces verts", "Propositions des quartiers",
                          "Prochaines étapes"),
            "organiser": "Service de l'environnement et point focal",
            "accessibility_notes": "Merci de nous signaler à l'avance tout besoin particulier."},
        starts_at=timezone.make_aware(datetime.combine(soon, time(17, 0))), duration_minutes=120,
        theme=themes["environment"], format=MeetingFormat.IN_PERSON, capacity=40,
        step_free_access=True, sign_language=True, childcare=True,
        registration_opens_at=timezone.now() - timedelta(days=1),
    )
    later = today + timedelta(days=30)
    _meeting(
        index,
        ar={"title": "لقاء مواطن عن بعد: ميزانية المواطن", "slug": "citizen-budget-online-meeting",
            "summary": "شرح ميزانية الجماعة بلغة مبسطة والإجابة عن أسئلة المواطنين.", "place": "قاعة الاجتماعات",
            "agenda": _ul("تقديم ميزانية المواطن", "أسئلة وأجوبة"), "organiser": "المصلحة المالية"},
        fr={"title": "Rencontre en ligne : le budget citoyen", "slug": "citizen-budget-online-meeting",
            "summary": "Le budget de la commune expliqué simplement, et les réponses aux questions des habitants.",
            "place": "Salle de réunion", "agenda": _ul("Présentation du budget citoyen", "Questions et réponses"),
            "organiser": "Service financier"},
        starts_at=timezone.make_aware(datetime.combine(later, time(18, 0))), duration_minutes=90,
        theme=themes["action-programme"], format=MeetingFormat.HYBRID,
        online_url="https://meet.jit.si/commune-budget-citoyen", capacity=None,
    )
    from . import services

    services.meeting_report_thread(meeting=first)
    citizen = demo_users.get("citizen")
    if citizen is not None:
        try:
            services.registration_create(meeting=upcoming, user=citizen, language=source_language())
        except services.RegistrationError:
            pass


def role_permissions() -> dict:
    """The focal point manages the themes and sees the registrants; the communicator reads the themes."""
    return {
        Role.FOCAL_POINT: [
            "meetings.add_meetingtheme", "meetings.change_meetingtheme", "meetings.delete_meetingtheme",
            "meetings.view_meetingtheme", "meetings.view_registration",
        ],
        Role.COMMUNICATOR: ["meetings.view_meetingtheme"],
    }
