"""Django settings for Dateline: everything comes from the environment (core/config.py)."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from dateline.core.config import Config

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
env = Config(var_dir=Path(os.environ.get("DATELINE_VAR_DIR", BASE_DIR / "var")))
VAR_DIR = env.var_dir
PRODUCTION = env.production

SECRET_KEY = env.secret_key()
DEBUG = env.debug()
ALLOWED_HOSTS = env.allowed_hosts()

INSTALLED_APPS = [
    "dateline.core",
    "dateline.news",
    "dateline.topics",
    "dateline.curation",
    "dateline.popularity",
    "dateline.comments",
    "dateline.syndication",
    "dateline.search",
    "dateline.multimedia",
    "dateline.maps",
    "dateline.accounts",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP, Permissions-Policy, CORP: outside the page cache, so cached pages get them too
    "dateline.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # at / only: the reader's remembered or browser edition, decided before the page cache
    "dateline.core.editions.EditionOfferMiddleware",
    # before sessions, CSRF and routing: a cached page skips them all
    "dateline.core.cache_middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # anonymous readers: site, locale, editions, sections, view restrictions from the cache
    "dateline.core.routing.RoutingMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dateline.accounts.two_factor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # last, as django-axes asks: it answers locked-out logins
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dateline.urls"
WSGI_APPLICATION = "dateline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "dateline.core.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {"default": env.database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = env.caches()

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the first edition and lives at the site root; other
# editions are prefixed (/ar/..., /fa/...). Arabic and Persian are declared now
# so an edition is only a new Wagtail locale and its page tree, not a restructure.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic")), ("fa", _("Persian"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Digits in the Arabic edition: "western" (0-9, as most pan-Arab news sites and the
# Maghreb print them) or "eastern" (٠-٩). Persian always uses Persian digits.
DATELINE_ARABIC_DIGITS = env.choice("DATELINE_ARABIC_DIGITS", ("western", "eastern"), "western")
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.boolean("DATELINE_MANIFEST_STATIC", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 3600

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Dateline"
WAGTAILADMIN_BASE_URL = env.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The admin's password reset answers every address alike and sends its email from a
# background task, so a real address is not answered more slowly (accounts/password_reset.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "dateline.accounts.password_reset.PasswordResetForm"  # noqa: S105
# Wagtail's database backend (SQLite FTS5 / PostgreSQL full-text search), with the
# headline weighted above the body on SQLite too (dateline/search/backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "dateline.search.backend"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip",
    # video files and their captions (dateline/multimedia checks their content too)
    "mp4", "webm", "vtt",
]  # fmt: skip
# Changing a slug or moving a page keeps the old URL alive as a permanent redirect.
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Off: Wagtail's responsive wrapper sets an inline style, which the public CSP blocks; the
# embed block's template sizes the frame with a class instead (blocks/embed_block.html).
WAGTAILEMBEDS_RESPONSIVE_HTML = False
# Embeds come only from these oEmbed providers (names in wagtail.embeds.oembed_providers),
# and the finder never fetches a private, loopback or link-local address (core/embeds.py).
DATELINE_EMBED_PROVIDERS = env.csv("DATELINE_EMBED_PROVIDERS", ["youtube", "vimeo"])
WAGTAILEMBEDS_FINDERS = [{"class": "dateline.core.embeds.SafeOEmbedFinder"}]

# Background work through django-tasks. Wagtail's own tasks stay on "default" and run at
# once, as before; "background" runs beside the web server, on a worker thread of each
# process (dateline/core/tasks.py), for work an editor's request must not wait for.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "dateline.core.tasks.ThreadBackend"},
}

# Images: the upload limits and the content checks (dateline/core/image_forms.py); the
# responsive presets are in dateline/core/images.py. No SVG: it can carry scripts.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.integer("DATELINE_IMAGE_MAX_MB", 20, minimum=1) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = (
    env.integer("DATELINE_IMAGE_MAX_MEGAPIXELS", 40, minimum=1) * 1_000_000
)
WAGTAILIMAGES_IMAGE_FORM_BASE = "dateline.core.image_forms.ImageForm"
# The modern formats every picture is offered in before its JPEG/PNG fallback.
DATELINE_IMAGE_SOURCE_FORMATS = env.csv("DATELINE_IMAGE_FORMATS", ["avif", "webp"])
if not set(DATELINE_IMAGE_SOURCE_FORMATS) <= {"avif", "webp"}:
    raise ImproperlyConfigured(
        "DATELINE_IMAGE_FORMATS lists the formats offered before the fallback: "
        f"avif, webp or both (comma-separated), not {','.join(DATELINE_IMAGE_SOURCE_FORMATS)!r}."
    )
TAGGIT_CASE_INSENSITIVE = True

LOGIN_URL = "wagtailadmin_login"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"
# Sessions in the database behind the cache: a cache outage logs no one out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy and Permissions-Policy: dateline/core/security.py. Extra origins
# the public pages may frame (oEmbed players besides YouTube and Vimeo), comma-separated.
DATELINE_CSP_FRAME_SOURCES = env.csv("DATELINE_CSP_FRAME_SOURCES", [])

# Accounts (dateline/accounts): login throttling with django-axes, per username *and*
# address (never address alone), plus a per-account cap whatever the address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "dateline.accounts.lockout.LoginAttemptHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.integer("DATELINE_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env.integer("DATELINE_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "dateline.accounts.client_ip.client_ip"
AXES_ALLOWED_CORS_ORIGINS = []
AXES_VERBOSE = False
DATELINE_LOGIN_ACCOUNT_LIMIT = env.integer("DATELINE_LOGIN_ACCOUNT_LIMIT", 100, minimum=1)
DATELINE_LOGIN_ACCOUNT_WINDOW = 3600  # seconds
# Proxies whose X-Forwarded-For is believed (addresses or networks); none by default.
DATELINE_TRUSTED_PROXIES = env.networks("DATELINE_TRUSTED_PROXIES")
# Two-factor sign-in for staff (django-otp TOTP); required of everyone when true.
DATELINE_REQUIRE_2FA = env.boolean("DATELINE_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "Dateline"
# No avatars from gravatar.com: the admin fetches nothing from other sites (and its CSP
# would block them).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env.csv("CSRF_TRUSTED_ORIGINS", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # One record, one line: CR/LF and ANSI escapes from paths or user names are escaped.
    "filters": {"single_line": {"()": "dateline.core.logging.SingleLineFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["single_line"]},
    },
    "root": {"handlers": ["console"], "level": env.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail 8 runs its background tasks through django-tasks, which logs
        # every task start and end at INFO.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        # Wagtail logs every page create/edit/publish at INFO; the admin's own
        # history keeps those, so the console shows only problems.
        "wagtail": {"level": "WARNING"},
    },
}

# Uploaded media are served by the app in the embedded mode; in production nginx
# or object storage serves them.
DATELINE_SERVE_MEDIA = env.boolean("DATELINE_SERVE_MEDIA", default=not PRODUCTION)

# Most Viewed (dateline/popularity/conf.py documents each one).
DATELINE_VIEWS_BACKEND = env.choice("DATELINE_VIEWS_BACKEND", ("", "db", "redis"), "")
DATELINE_VIEWS_COUNT_STAFF = env.boolean("DATELINE_VIEWS_COUNT_STAFF", default=False)
DATELINE_VIEWS_CLIENT_IP_HEADER = (
    env.environ.get("DATELINE_VIEWS_CLIENT_IP_HEADER", "").strip() or "REMOTE_ADDR"
)
DATELINE_VIEWS_RATE_LIMIT = env.integer("DATELINE_VIEWS_RATE_LIMIT", 60, minimum=1)
DATELINE_VIEWS_FLUSH_INTERVAL = env.integer("DATELINE_VIEWS_FLUSH_INTERVAL", 5)
DATELINE_VIEWS_REDIS_URL = env.environ.get("DATELINE_VIEWS_REDIS_URL", "").strip()
DATELINE_VIEWS_REDIS_PREFIX = env.environ.get("DATELINE_VIEWS_REDIS_PREFIX", "").strip()

# Email (moderator notifications): printed to the console in the embedded mode;
# production sends through SMTP at EMAIL_HOST:EMAIL_PORT.
EMAIL_BACKEND = env.environ.get("EMAIL_BACKEND", "").strip() or (
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.environ.get("DEFAULT_FROM_EMAIL", "Dateline <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Reader comments: comments one client may send per hour.
DATELINE_COMMENTS_RATE_LIMIT = env.integer("DATELINE_COMMENTS_RATE_LIMIT", 5, minimum=1)

# Maps (dateline/maps): the limits of one uploaded GeoJSON layer, and an optional tile
# server drawn under the offline base map (off by default: nothing is fetched elsewhere).
DATELINE_MAP_MAX_FEATURES = env.integer("DATELINE_MAP_MAX_FEATURES", 2000, minimum=1)
DATELINE_MAP_MAX_MB = env.integer("DATELINE_MAP_MAX_MB", 5, minimum=1)
DATELINE_MAP_TILES_URL = env.environ.get("DATELINE_MAP_TILES_URL", "").strip()
DATELINE_MAP_TILES_ATTRIBUTION = env.environ.get("DATELINE_MAP_TILES_ATTRIBUTION", "").strip()

# The anonymous page cache and the HTTP caching headers (dateline/core/cache_middleware.py;
# README "Caching"). Pages are fresh in the app and in shared caches for
# DATELINE_PAGE_CACHE_SECONDS, then served stale while one request re-renders them.
DATELINE_PAGE_CACHE = env.boolean("DATELINE_PAGE_CACHE", default=True)
DATELINE_PAGE_CACHE_SECONDS = env.integer("DATELINE_PAGE_CACHE_SECONDS", 60, minimum=1)
DATELINE_CACHE_MAX_AGE = env.integer("DATELINE_CACHE_MAX_AGE", 60)
DATELINE_CACHE_STALE_WHILE_REVALIDATE = env.integer("DATELINE_CACHE_STALE_WHILE_REVALIDATE", 300)
DATELINE_CACHE_STALE_IF_ERROR = env.integer("DATELINE_CACHE_STALE_IF_ERROR", 86_400)
_EDITION = "(?:/(?:{}))?".format("|".join(code for code, _name in LANGUAGES))
# Paths never stored (regular expressions matched at the start of the path): the admin,
# documents, the view beacon, Wagtail's password forms, the comment POST, search results.
DATELINE_PAGE_CACHE_EXCLUDE = [
    r"/admin/",
    r"/django-admin/",
    r"/documents/",
    r"/_views/",
    r"/_util/",
    r"/_edition/",
    _EDITION + r"/comments/\d+/$",
    _EDITION + r"/search/$",
]
# Purging the front proxy on publish (Wagtail's frontend cache module; off by default).
WAGTAILFRONTENDCACHE = env.frontend_cache()
