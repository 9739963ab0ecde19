"""What a new commune gets from access to information: its page, with demo requests when asked
(``info_requests_setup``, the ``commune_setup`` hook), and what each role may do with the requests
(``role_permissions``, the ``role_permissions`` hook). Idempotent per site."""

from __future__ import annotations

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Page, Site

from participation.core.pages import in_source_language
from participation.working_days.models import PublicHoliday
from participation.working_days.services import default_sync_years, holidays_sync
from site_template.communes.roles import Role
from site_template.pages.tree import add_translated_child

from . import services
from .models import AccessForm, IdDocument, InfoRequest, InfoRequestPage, RefusalGround


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _parent(home_ar: Page) -> Page:
    return home_ar.get_children().filter(slug="participate").first() or home_ar


@transaction.atomic
def info_requests_setup(*, site: Site, home_ar: Page, home_fr: Page, demo: bool, demo_users: dict) -> InfoRequestPage:
    if not PublicHoliday.objects.exists():
        holidays_sync(years=default_sync_years())
    page = in_source_language(InfoRequestPage.objects.descendant_of(home_ar)).first()
    if page is None:
        page, _page_fr = add_translated_child(
            _parent(home_ar),
            page_class=InfoRequestPage,
            ar={"title": "الحصول على المعلومات", "slug": "information", "intro": _p(
                "من حقكم الحصول على المعلومات التي تتوفر عليها الجماعة (الفصل 27 من الدستور والقانون 31.13). "
                "قدموا طلبكم هنا، دون حساب، وتتبعوه برابطكم الخاص. تجيب الجماعة داخل أجل 20 يوم عمل.")},
            fr={"title": "Accès à l'information", "slug": "information", "intro": _p(
                "Vous avez le droit d'accéder aux informations détenues par la commune (article 27 de la "
                "Constitution et loi 31-13). Déposez votre demande ici, sans compte, et suivez-la avec votre "
                "lien privé. La commune répond dans un délai de 20 jours ouvrables.")},
            show_in_menus=False,
        )
    if demo and not InfoRequest.objects.filter(site=site).exists():
        _demo_requests(page=page, demo_users=demo_users)
    return page


def _demo_requests(*, page: InfoRequestPage, demo_users: dict) -> None:
    officer = demo_users.get("information_officer") or demo_users.get("administrator")
    citizen = demo_users.get("citizen")
    answered, _token = services.info_request_create(
        page=page,
        identity=services.Identity(full_name="مواطن تجريبي", postal_address="حي الأندلس، العرائش",
                                   id_document=IdDocument.CIN, id_number="LA123456",
                                   email=getattr(citizen, "email", "") or "citizen@example.ma"),
        subject="ميزانية الجماعة لسنة 2025",
        information_requested="أطلب نسخة من الميزانية المصادق عليها لسنة 2025 مع تفصيل نفقات التجهيز.",
        access_form=AccessForm.EMAIL,
        requester=citizen,
    )
    services.info_request_start(request=answered, by=officer)
    services.info_request_answer(
        request=answered, by=officer, publish=True,
        message="تجدون الميزانية المصادق عليها في دورة أكتوبر منشورة في مكتبة الوثائق، صنف الميزانية. "
                "نفقات التجهيز مفصلة في الجزء الثاني.",
    )
    refused, _token = services.info_request_create(
        page=page,
        identity=services.Identity(full_name="Citoyen de démonstration", postal_address="Quartier Jnane Pacha, Larache",
                                   id_document=IdDocument.CIN, id_number="LB654321", email="citoyen2@example.ma"),
        subject="Dossier médical d'un voisin",
        information_requested="Je demande le dossier de santé de mon voisin.",
        access_form=AccessForm.PAPER,
        language="fr",
    )
    services.info_request_refuse(
        request=refused, by=officer, ground=RefusalGround.EXCEPTION, exception="private_life",
        reason="Il s'agit de données personnelles d'un tiers, protégées par l'article 7 de la loi 31-13.",
    )
    services.info_request_create(
        page=page,
        identity=services.Identity(full_name="جمعية الحي", postal_address="القبيبات، العرائش",
                                   id_document=IdDocument.CIN, id_number="LC778899"),
        subject="محضر دورة فبراير للمجلس",
        information_requested="نطلب محضر الدورة العادية لشهر فبراير.",
        access_form=AccessForm.ON_SITE,
    )


def role_permissions() -> dict:
    """The information officer and the administrator handle the requests and the public holidays
    their legal deadlines count."""
    perms = [
        "info_requests.view_inforequest",
        "info_requests.change_inforequest",
        "info_requests.change_inforequestsettings",
        "working_days.view_publicholiday",
        "working_days.add_publicholiday",
        "working_days.change_publicholiday",
    ]
    return {Role.INFORMATION_OFFICER: perms, Role.ADMINISTRATOR: perms}
