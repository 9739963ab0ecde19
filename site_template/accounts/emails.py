"""Sending email without slowing the request: the message is rendered in the request (so in the
reader's language), then handed to the task framework (``django_tasks``; the immediate backend
in dev and tests, a worker in production)."""

from __future__ import annotations

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django_tasks import task


@task()
def send_email_task(
    *, subject: str, body: str, from_email: str, to: list[str], html: str = "", headers: dict | None = None
) -> None:
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def email_enqueue(*, message: EmailMessage) -> None:
    """Queues an already rendered message (plain text body, optional HTML alternative)."""
    html = ""
    body = message.body
    if isinstance(message, EmailMultiAlternatives):
        for content, mimetype in message.alternatives:
            if mimetype == "text/html":
                html = str(content)
    elif message.content_subtype == "html":
        html = body
    send_email_task.enqueue(
        subject=str(message.subject),
        body=str(body),
        from_email=str(message.from_email),
        to=[str(address) for address in message.to],
        html=html,
        headers={str(k): str(v) for k, v in (message.extra_headers or {}).items()},
    )
