from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, env_str

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]  # tests create sites on many hostnames
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("TEST_MEDIA_ROOT", str(BASE_DIR / "var" / "test-media")))
WAGTAILADMIN_BASE_URL = "http://testserver"
CACHE_VERSION_DIR = ""  # one process: cache versions live in the cache (no shared files)
# Staff tests across features log in to /admin/ with a password; tests/accounts switch this on to
# check the TOTP requirement (True in base and production settings).
MFA_REQUIRED_FOR_STAFF = False
ACCOUNTS_SIGNUP_MIN_SECONDS = 0  # tests/accounts set it to check the bot check

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns when it is missing)
