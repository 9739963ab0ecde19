"""Access-to-information requests (law 31-13) with the personal-data rules of law 09-08.

Public side (``InfoRequestPage`` routes, one page per commune under “Participate”, ar + fr):
``""`` request form · ``r/<token>/receipt/`` receipt · ``r/<token>/receipt/pdf/`` printable
receipt · ``r/<token>/`` private status page (answer, attachments, complaint) ·
``r/<token>/data/`` what the site holds + rectification/erasure · ``mine/`` the logged-in
user's requests · ``register/`` published answers (no identity) · ``figures/`` and
``figures/csv/`` yearly figures for the CDAI report · ``published/`` proactive publication
(art. 10) from the documents library.

Officer side (Wagtail admin → “Information requests”): queue ordered open-first by deadline,
processing page per request (identity views logged in ``IdentityAccessLog``, written so the
page never fails while another process writes), one service per transition in ``services.py``;
tracking numbers are counted per commune and year (``TrackingCounter``) and read
``<COMMUNE>-<year>-<sequence>`` (``LARACHE-2026-00001``; numbers given before that prefix,
``2026-00001``, are kept); deadlines in ``deadlines.py`` from ``InfoRequestSettings``
(Settings → Information requests) and ``participation.working_days``.

Scheduled commands (run daily, e.g. cron ``15 7 * * *``):

    python manage.py info_requests_remind            # officers: due within N days + overdue
    python manage.py info_requests_erase_identities  # retention (law 09-08 art. 3)
    python manage.py holidays_sync                   # yearly: import next year's holidays
"""
