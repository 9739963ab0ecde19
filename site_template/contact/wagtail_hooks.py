"""The contact page, created by ``commune_setup`` in both languages with translated field labels."""

from __future__ import annotations

from wagtail import hooks

from .models import ContactPage, FormField

FIELDS = [
    # clean_name, type, required, label ar, label fr
    ("name", "singleline", True, "الاسم الكامل", "Nom complet"),
    ("email", "email", True, "البريد الإلكتروني", "Adresse e-mail"),
    ("subject", "singleline", True, "الموضوع", "Objet"),
    ("message", "multiline", True, "الرسالة", "Message"),
]


def _fields(lang: str) -> list[FormField]:
    return [
        FormField(clean_name=name, field_type=ftype, required=req, label=ar if lang == "ar" else fr,
                  sort_order=n)
        for n, (name, ftype, req, ar, fr) in enumerate(FIELDS)
    ]


@hooks.register("commune_setup")
def setup_contact(*, site, home_ar, home_fr, demo: bool, demo_users: dict | None = None, **kwargs) -> None:
    """The contact page under home in both languages. Idempotent."""
    from site_template.communes.models import CommuneSettings
    from site_template.library.slugs import free_slug
    from site_template.pages.tree import add_translated_child

    if ContactPage.objects.descendant_of(home_ar).exists():
        return
    commune = CommuneSettings.for_site(site)
    slug = free_slug("contact", home_ar, home_fr)
    page_ar, page_fr = add_translated_child(
        home_ar,
        page_class=ContactPage,
        ar={"title": "اتصل بنا", "slug": slug,
            "intro": "<p>راسلوا الجماعة عبر هذه الاستمارة، وسنجيبكم عبر بريدكم الإلكتروني.</p>",
            "thank_you_text": "<p>توصلت الجماعة برسالتكم، وسيتم الرد عليها في أقرب الآجال.</p>",
            "subject": "رسالة من استمارة الاتصال"},
        fr={"title": "Contact", "slug": slug,
            "intro": "<p>Écrivez à la commune avec ce formulaire ; nous vous répondrons par e-mail.</p>",
            "thank_you_text": "<p>La commune a bien reçu votre message et vous répondra au plus vite.</p>",
            "subject": "Message du formulaire de contact"},
        to_address=commune.email or "",
        show_in_menus=True,
    )
    for lang, page in (("ar", page_ar), ("fr", page_fr)):
        page.form_fields = _fields(lang)
        page.save()
        page.save_revision().publish()


setup_contact.order = 60
