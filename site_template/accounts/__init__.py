"""Accounts: citizens, association members and staff (django-allauth, email log-in).

What other apps use:

* ``selectors.user_is_verified(user=…)`` — logged in, active, with a verified email: needed to contribute.
* ``user.public_name`` — the display name (or “Citizen”; “Former participant” once the account is deleted).
* ``user.listed_name`` — the name staff lists, exports and printed sheets show (full name, else display
  name, else the declared association; never the email address).
* ``user.association_name`` / ``user.association_verified`` / ``user.confirmed_association`` — the
  association a user contributes for, once staff confirmed it (Wagtail admin → Association members,
  permission ``accounts.verify_association``, granted to the focal point and the administrator).
* ``selectors.demographics_for_users(user_ids=…) -> {user_id: Demographics}`` — consented data for
  anonymous statistics only (gender, age bracket, ``is_young`` = under 35, neighbourhood id,
  association member); users without consent are absent.
* Hooks ``user_data_export`` (``fn(user) -> dict``) and ``user_anonymise`` (``fn(user) -> None``):
  see ``hooks.py`` ("My data": download and account deletion, contributions stay anonymised).
* ``emails.email_enqueue(message=…)`` — sends a rendered message through django_tasks.

Settings: ``MFA_REQUIRED_FOR_STAFF`` (TOTP before entering /admin/, see ``middleware.py``),
``ACCOUNTS_SIGNUP_MIN_SECONDS`` (bot check), ``ACCOUNT_RATE_LIMITS`` (allauth).
"""
