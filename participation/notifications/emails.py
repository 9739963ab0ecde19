"""Notification emails: rendered in the recipient's language, plain text + HTML, each with a
signed one-click unsubscribe link (also in the ``List-Unsubscribe`` header, RFC 8058)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext

from participation.core.pages import localized_page, page_site, source_language

from .models import Notification, NotificationEvent

UNSUBSCRIBE_SALT = "participation.notifications.unsubscribe"


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps({"u": user_id}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_user_id(token: str) -> int | None:
    """The user id a token was made for, or None when it was tampered with."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    return user_id if isinstance(user_id, int) else None


def _root_url(site) -> str:
    if site is not None:
        return site.root_url.rstrip("/")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _absolute(url: str, site) -> str:
    return url if url.startswith(("http://", "https://")) else f"{_root_url(site)}{url}"


def _commune_name(site) -> str:
    from site_template.communes.models import CommuneSettings

    if site is None:
        return settings.WAGTAIL_SITE_NAME
    return CommuneSettings.for_site(site).name or site.site_name or settings.WAGTAIL_SITE_NAME


def _site(notification: Notification):
    if notification.contribution_id:
        return notification.contribution.site
    return page_site(notification.page)


def _excerpt(notification: Notification, language: str) -> str:
    """A few lines under the sentence: the answer, the comment, or what the page says of itself
    (a page model may define ``notification_summary(event) -> str``, called in ``language``)."""
    if notification.page_id:
        page = localized_page(notification.page, language).specific
        summary = getattr(page, "notification_summary", None)
        text = summary(notification.event) if callable(summary) else ""
    elif notification.event == NotificationEvent.OFFICIAL_ANSWER:
        text = notification.contribution.official_answer
    elif notification.params.get("texts"):
        texts = notification.params["texts"]
        text = texts.get(language) or texts.get(source_language()) or ""
    elif (
        notification.event in (NotificationEvent.COMMENT, NotificationEvent.REPLY) and notification.comment_id
    ):
        comment = notification.comment
        text = "" if comment is None or comment.is_deleted or comment.is_hidden else comment.text
    else:
        text = ""
    return Truncator(text or "").chars(500)


def _links(*, user_id: int, site, language: str) -> dict[str, str]:
    with translation.override(language):
        settings_url = reverse("notifications:list") + "#preferences"
        unsubscribe = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user_id)})
    return {"settings_url": _absolute(settings_url, site), "unsubscribe_url": _absolute(unsubscribe, site)}


def _message(*, to: str, subject: str, context: dict, template: str, language: str) -> EmailMultiAlternatives:
    with translation.override(language):
        context = {**context, "LANGUAGE_CODE": language, "LANGUAGE_BIDI": translation.get_language_bidi()}
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
    headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


def notification_email(*, notification: Notification, to: str, language: str) -> EmailMultiAlternatives:
    """One notification, one email (users who chose "right away")."""
    site = _site(notification)
    with translation.override(language):
        commune = _commune_name(site)
        text = notification.message
        context = {
            "notification": notification,
            "message_text": text,
            "excerpt": _excerpt(notification, language),
            "url": _absolute(notification.url(language), site),
            "commune_name": commune,
            **_links(user_id=notification.user_id, site=site, language=language),
        }
        subject = f"{commune} — {Truncator(text).chars(120)}"
    return _message(to=to, subject=subject, context=context, template="notification", language=language)


def digest_email(*, notifications: list[Notification], to: str, language: str) -> EmailMultiAlternatives:
    """Everything since the last digest in one email (users who chose "once a day")."""
    site = _site(notifications[0])
    with translation.override(language):
        commune = _commune_name(site)
        items = [
            {
                "message_text": n.message,
                "excerpt": Truncator(_excerpt(n, language)).chars(200),
                "url": _absolute(n.url(language), site),
                "created_at": n.created_at,
            }
            for n in notifications
        ]
        count = len(items)
        subject = f"{commune} — " + translation.ngettext(
            "%(count)d new notification", "%(count)d new notifications", count
        ) % {"count": count}
        context = {
            "items": items,
            "count": count,
            "commune_name": commune,
            "intro": gettext("Here is what happened on what you follow."),
            **_links(user_id=notifications[0].user_id, site=site, language=language),
        }
    return _message(to=to, subject=subject, context=context, template="digest", language=language)
