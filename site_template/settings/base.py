"""Settings shared by every environment.

Everything that differs between machines is read from the environment here,
in one place (see ``env_*`` helpers). ``dev``, ``test`` and ``production``
only adjust what they must.
"""

import os
from pathlib import Path

import dj_database_url

from themes.registry import static_dirs as theme_static_dirs
from themes.registry import template_dirs as theme_template_dirs

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # Project (foundation)
    "site_template.accounts",
    "site_template.communes",
    "site_template.pages",
    "site_template.news",
    "site_template.council",
    "site_template.search",
    "site_template.library",  # documents library (categories, DocumentsPage)
    "site_template.contact",  # contact form page
    "themes",
    # Participation features (one app per capability)
    "participation.core",
    "participation.suggestions",  # suggestions and remarks space
    "participation.notifications",  # follows, notifications, digests
    "participation.working_days",
    "participation.info_requests",
    "participation.meetings",
    "participation.consultations",  # digital consultation weeks on open projects
    "participation.programme",  # action programme and openness programme tracking
    "participation.budget",  # the citizen budget
    "participation.charter",  # the participation charter and the Citizen-Commune Label
    # Wagtail
    "django_tasks_db",  # the database task queue (TASKS_BACKEND=database) and its worker
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # right after security, as whitenoise asks
    "site_template.middleware.SecurityHeadersMiddleware",
    "participation.core.caching.AnonymousPageCacheMiddleware",  # cached anonymous pages, before sessions
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "site_template.middleware.BadInputMiddleware",  # crafted ids and page numbers: 404, not 500
    "site_template.accounts.middleware.StaffMFARequiredMiddleware",  # TOTP for staff in /admin/
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "site_template.urls"
WSGI_APPLICATION = "site_template.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates", *theme_template_dirs()],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "site_template.communes.context_processors.commune",
            ],
            "builtins": ["site_template.templatetags.site_tags"],
        },
    },
]

# Database: SQLite by default (no services needed); DATABASE_URL for PostgreSQL. Connections are
# kept for DB_CONN_MAX_AGE seconds on both: a new SQLite connection costs more than a whole
# uncached page's queries (it registers Django's SQL functions and reads the schema again).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL / CACHE_URL is set.
_cache_url = env_str("CACHE_URL") or env_str("REDIS_URL")
if _cache_url:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": _cache_url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    # One cache shared by every app server: sessions are read from it (and written through to the
    # database, which keeps them if Redis restarts); a log-out on one server is seen by all.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Per process. Room for the menus, routes and HTML fragments of a busy commune (a few MB):
    # the default of 300 entries would evict them faster than they are reused.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)},
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Internationalisation: Arabic first, French second.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية"), ("fr", "Français")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Africa/Casablanca"
FORMAT_MODULE_PATH = ["site_template.formats"]

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [PROJECT_DIR / "static", *theme_static_dirs()]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
SERVE_MEDIA = env_bool("SERVE_MEDIA")  # see urls.py
STORAGES = {
    "default": {"BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    # Files served only by views that check access (answers to information requests).
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "private" / "info_requests", "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible object storage (django-storages), shared by every app server, when a
# bucket is named: public media under media/, private files under private/ behind signed,
# short-lived addresses (never public).
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET")
if MEDIA_S3_BUCKET:
    _s3 = {
        "bucket_name": MEDIA_S3_BUCKET,
        "endpoint_url": env_str("MEDIA_S3_ENDPOINT_URL") or None,
        "region_name": env_str("MEDIA_S3_REGION") or None,
        "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY") or None,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": "media", "default_acl": "public-read", "querystring_auth": False,
                    "custom_domain": env_str("MEDIA_S3_CUSTOM_DOMAIN") or None},
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3, "location": "private/info_requests", "default_acl": "private",
                    "querystring_auth": True, "querystring_expire": 300},
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@commune.example.ma")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (emails, digests, reminders, large reports): Django's tasks framework.
#: TASKS_BACKEND: "immediate" (run at once, inside the request: dev, tests, the demo),
#: "database" (the django-tasks-db queue: `manage.py db_worker` runs them, retried and never lost
#: while the worker is down; the production default) or a backend's dotted path.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}


def tasks_setting(default: str) -> dict:
    backend = env_str("TASKS_BACKEND", default)
    return {"default": {"BACKEND": TASK_BACKENDS.get(backend, backend)}}


TASKS = tasks_setting("immediate")

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Commune")

# Council decisions are posted within 8 days of the session (organic law 113.14, art. 273).
COUNCIL_DECISIONS_PUBLICATION_DAYS = int(env_str("COUNCIL_DECISIONS_PUBLICATION_DAYS", "8"))
# Contact form: at most this many messages per IP address per window (seconds).
CONTACT_RATE_LIMIT = int(env_str("CONTACT_RATE_LIMIT", "5"))
CONTACT_RATE_WINDOW = int(env_str("CONTACT_RATE_WINDOW", "600"))
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "ods", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]},
    }
}

# Search: Wagtail's database backend by default; Elasticsearch when a URL is configured.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
# Wagtail's database backend with safe query strings (site_template/search/database.py).
# "simple": the text arrives normalised (site_template.search.normalise); a PostgreSQL language
# configuration would only add its own stemming and stop words on top. SQLite ignores it.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "site_template.search.database", "SEARCH_CONFIG": "simple"}}

# Accounts (django-allauth)
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env_str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Commune")
# Accounts app (site_template.accounts): sign-up form with display name, terms and bot check;
# emails through the task framework; rate limits per address (ip), account (user) and email (key).
ACCOUNT_ADAPTER = "site_template.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "site_template.accounts.forms.SignupForm"}
ACCOUNT_EMAIL_NOTIFICATIONS = True  # tell users when their password or email changes
ACCOUNT_RATE_LIMITS = {
    "signup": "5/10m/ip,20/d/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "5/m/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "delete_account": "5/10m/user",
}
ACCOUNTS_SIGNUP_MIN_SECONDS = int(env_str("ACCOUNTS_SIGNUP_MIN_SECONDS", "3"))  # bot check: minimum fill time
ALLAUTH_TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))  # client IP behind a reverse proxy
RATELIMIT_PROXY_COUNT = ALLAUTH_TRUSTED_PROXY_COUNT  # the same for participation.core.ratelimit
# Staff (is_staff / wagtailadmin.access_admin) must set up TOTP before entering /admin/ or using
# any staff-only view (site_template.accounts.staff).
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)
WAGTAILADMIN_LOGIN_URL = "account_login"  # the admin logs in through allauth (asks for the TOTP code)
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"  # private pages too (Wagtail's own form skips the TOTP code)
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no staff avatars from Gravatar (an email hash sent outside; CSP)
WAGTAIL_PASSWORD_RESET_ENABLED = False  # password reset through allauth only

# Security defaults valid everywhere; production tightens the rest.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
# The Wagtail admin needs inline styles and scripts; it gets a looser policy.
CONTENT_SECURITY_POLICY_ADMIN = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; font-src 'self' data:; frame-ancestors 'self'; "
    "base-uri 'self'; object-src 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

