"""Follows and notifications (app label ``notifications``). API for features:

Models: ``Follow`` (user + contribution, or user + logical page = "follow a theme"),
``Notification`` (user, contribution, comment, event, actor, params, created_at, read_at,
emailed_at; ``.message`` renders one sentence in the active language), ``NotificationPreference``
(OneToOne user: ``email_frequency`` immediate | daily | none, ``language`` of the emails, set at
the first follow from the request's language).

Services (``participation.notifications.services``): ``follow_ensure(*, user, contribution) -> bool``,
``follow_toggle(*, user, contribution, language=None) -> bool``,
``follow_page_toggle(*, user, page, language=None) -> bool``,
``notify_followers(*, contribution, event, actor, comment=None)`` (called by the core services;
events official_answer | status_change | reply | comment; the actor is never notified; a reply
also reaches the parent comment's author; page followers get answers and status changes),
``preference_update``, ``preference_unsubscribe``, ``notification_mark_read``,
``notifications_mark_all_read``.

Emails go through ``django_tasks`` after the transaction commits (``tasks.send_notification_emails``)
in the recipient's language, text + HTML, with a signed one-click unsubscribe link and the
``List-Unsubscribe``/``List-Unsubscribe-Post`` headers. Daily digests:
``manage.py send_notification_digests`` (cron, once a day).

Templates: ``{% include "notifications/includes/follow_button.html" with contribution=c %}``
(uses ``c.viewer_follows`` from ``.with_viewer_state(user)`` when present) and
``notifications/includes/follow_page_button.html`` (``page``). The header link shows the unread count
(the ``account_links`` hook of ``site_template.accounts.hooks``; cached per user).

URLs (namespace ``notifications``, under ``/<lang>/participation/notifications/``): ``list``,
``open`` (pk), ``mark_all_read``, ``preferences``, ``follow_toggle`` (contribution_id),
``follow_page_toggle`` (page_id), ``unsubscribe`` (token).
"""
