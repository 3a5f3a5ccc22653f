"""Settings shared by every environment. Values come from the environment only.

See `.env.example` for every variable and its default.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from .environment import (
    BASE_DIR,
    VAR_DIR,
    broker_url,
    database_from_url,
    env,
    filesystem_broker_options,
)

# --- Core --------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
SITE_URL = env("SAFAR_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_SITE_NAME = "Safar"
CSRF_FAILURE_VIEW = "lms.errors.csrf_failure"

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Database ----------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'safar.sqlite3'}")
DATABASES = {"default": database_from_url(DATABASE_URL)}

# --- Applications ------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
WAGTAIL_APPS = [
    "wagtail_localize",  # content translation (cms/README: why wagtail-localize)
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
]
THIRD_PARTY_APPS = [
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc, served from our own static files
    "csp",
]
LOCAL_APPS = [
    "lms",
    "accounts",
    "courses",
    "assessments",
    "certificates",
    "media_pipeline",
    "cms",
    "xapi",
    "referrals",
    "blended",
]
INSTALLED_APPS = LOCAL_APPS + DJANGO_APPS + WAGTAIL_APPS + THIRD_PARTY_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages are compressed (a lesson's HTML shrinks ~3x on a 2G link); Django's
    # GZip adds random padding against BREACH and CSRF tokens are masked per
    # request. Static files come pre-compressed from WhiteNoise.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.middleware.SafarLocaleMiddleware",
    # After the language is known (its message is translated), before any view
    # reads the body.
    "lms.middleware.UploadSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.middleware.AdminLoginThrottleMiddleware",
    "lms.middleware.OutOfRangeIdMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # 400/404 for admin requests Wagtail's views would fail on (cms/admin_input.py).
    "cms.admin_input.AdminBadInputMiddleware",
    # 404 for any Wagtail admin URL naming another track's object.
    "cms.track_admin_middleware.AdminTrackWallMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.middleware.SafarCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Passwords and sign-in ---------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    # First: an oversized password is refused before anything hashes it.
    {"NAME": "accounts.passwords.MaximumSizeValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# Sign in with a username, an e-mail address or a phone number.
AUTHENTICATION_BACKENDS = ["accounts.backends.IdentifierBackend"]
SAFAR_LOGIN_MAX_FAILURES = env.int("SAFAR_LOGIN_MAX_FAILURES", default=5)
SAFAR_LOGIN_LOCKOUT_SECONDS = env.int("SAFAR_LOGIN_LOCKOUT_SECONDS", default=15 * 60)
# New accounts per client address per hour (accounts/throttle.py).
SAFAR_SIGNUP_MAX_PER_HOUR = env.int("SAFAR_SIGNUP_MAX_PER_HOUR", default=20)
# How many reverse proxies in front of the site append to X-Forwarded-For and
# can be trusted (nginx: 1). None by default: the client is REMOTE_ADDR.
SAFAR_TRUSTED_PROXY_COUNT = env.int("SAFAR_TRUSTED_PROXY_COUNT", default=0)
# Where SMS go: the default writes them to the log ("safar.sms").
SAFAR_SMS_BACKEND = env("SAFAR_SMS_BACKEND", default="accounts.sms.LogSMSBackend")
SAFAR_SMS_CODE_MINUTES = 15

# --- Languages ---------------------------------------------------------------
# Tajik is the default; Russian, Uzbek and English follow. Django ships locale
# data for all four; Safar's own strings live in each app's locale/ folder.
LANGUAGE_CODE = "tg"
LANGUAGES = [
    ("tg", _("Tajik")),
    ("ru", _("Russian")),
    ("uz", _("Uzbek")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# "Translate this page" makes a draft, never a live page still in Tajik; the
# translation goes live through MRC review (cms/translation_review.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "lms" / "locale"]
TIME_ZONE = "Asia/Dushanbe"
USE_I18N = True
USE_TZ = True

# --- Static files and media --------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "lms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Whether Django itself serves MEDIA_URL (one-machine setups). With S3 storage
# media comes from the bucket and this is off.
SERVE_MEDIA = env.bool("SAFAR_SERVE_MEDIA", default=True)
# Who may fetch which file from MEDIA_URL (lms/media.py): one gate per app.
SAFAR_MEDIA_GATES = [
    "media_pipeline.selectors.media_path_visible",
    "courses.access.image_path_visible",
    "certificates.selectors.media_path_visible",
]
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0

_s3_bucket = env("DJANGO_AWS_STORAGE_BUCKET_NAME", default="")
if _s3_bucket:
    # Any S3-compatible object store (MinIO, Ceph, AWS): every web and worker
    # machine reads and writes media here through Django's storage API.
    _s3_options = {
        "bucket_name": _s3_bucket,
        "access_key": env("DJANGO_AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env("DJANGO_AWS_SECRET_ACCESS_KEY", default=None),
        "endpoint_url": env("DJANGO_AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env("DJANGO_AWS_S3_REGION_NAME", default=None),
        "custom_domain": env("DJANGO_AWS_S3_CUSTOM_DOMAIN", default=None),
        "querystring_auth": env.bool("DJANGO_AWS_QUERYSTRING_AUTH", default=True),
        "querystring_expire": 3600,
        "file_overwrite": False,
        "default_acl": None,
        "location": env("DJANGO_AWS_LOCATION", default="media"),
    }
    DEFAULT_STORAGE = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _s3_options}
    SERVE_MEDIA = False
    # Where browsers fetch media from (videos, posters, images, HLS segments):
    # allowed by the Content-Security-Policy below.
    if _s3_options["custom_domain"]:
        MEDIA_ORIGINS = [f"https://{_s3_options['custom_domain']}"]
    elif _s3_options["endpoint_url"]:
        _endpoint = urlsplit(_s3_options["endpoint_url"])
        MEDIA_ORIGINS = [f"{_endpoint.scheme}://{_endpoint.netloc}"]  # path-style URLs
        if not (_endpoint.hostname or "").replace(".", "").isdigit():  # virtual-host style
            MEDIA_ORIGINS.append(f"{_endpoint.scheme}://*.{_endpoint.netloc}")
    else:  # AWS itself
        MEDIA_ORIGINS = [f"https://{_s3_bucket}.s3.amazonaws.com"] + (
            [f"https://{_s3_bucket}.s3.{_s3_options['region_name']}.amazonaws.com"]
            if _s3_options["region_name"]
            else []
        )
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ORIGINS = []
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Upload limits -----------------------------------------------------------
# Requests larger than this are refused with 413 before anything is read or
# stored. Videos are the largest uploads; everything else has smaller limits.
SAFAR_MAX_UPLOAD_BYTES = env.int("SAFAR_MAX_UPLOAD_MB", default=2048) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "xlsx", "pptx", "mp3", "m4a", "ogg"]
# Documents always go through Wagtail's view, where the wall between the tracks
# is checked (courses/wagtail_hooks.py), never straight from storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Security headers --------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview view SAMEORIGIN itself.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

# Only our own origin's scripts, styles, fonts and media. Images may also be
# data:/blob: URLs (Wagtail's admin previews uploads that way). No inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "font-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
        "media-src": ["'self'", "blob:", *MEDIA_ORIGINS],
        "connect-src": ["'self'", *MEDIA_ORIGINS],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],  # Wagtail preview only (X-Frame-Options)
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}

# --- Caches ------------------------------------------------------------------
CACHES = {
    "default": env.cache_url("DJANGO_CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}"),
}
# Production sets this: sign-in and sign-up limits count in the cache, so every
# process must share it (lms/checks.py refuses a per-process or per-machine one).
SAFAR_REQUIRE_SHARED_CACHE = False

# --- Celery ------------------------------------------------------------------
# Default: kombu's filesystem transport under var/, which needs no server.
# Production: CELERY_BROKER_URL=redis://... shared by every web and worker machine.
CELERY_BROKER_URL = broker_url(env("CELERY_BROKER_URL", default="filesystem://"))
CELERY_RESULT_BACKEND = env(
    "CELERY_RESULT_BACKEND", default=f"file://{VAR_DIR / 'celery' / 'results'}"
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker_options(VAR_DIR / "celery")
else:
    # Longer than the longest transcode, so a running encode is never
    # redelivered to a second worker while the first still works on it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": int(timedelta(hours=6).total_seconds()),
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = int(timedelta(days=1).total_seconds())
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {
    # The stall sweep must run while every media worker is busy (or dead).
    "media_pipeline.tasks.videos_stalled_requeue": {"queue": "default"},
    "media_pipeline.tasks.*": {"queue": "media"},
}
# Short tasks: generous limits that still stop a stuck one. The media queue's
# tasks set their own, hours long (see media_pipeline/tasks.py).
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_SEND_TASK_EVENTS = False
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic tasks: production runs ONE `celery -A lms beat` (demo_serve embeds it
# in its worker with -B). Forwarding's safety net: a delivery for every
# endpoint with a backlog, whatever happened to the task queued at commit.
CELERY_BEAT_SCHEDULE = {
    # Registered migrants are reminded by SMS the day before their session
    # (each session once; blended/services.py).
    "blended-session-reminders": {
        "task": "blended.tasks.session_reminders_send",
        "schedule": timedelta(hours=1),
    },
    "xapi-forward-all": {
        "task": "xapi.tasks.statements_forward_all",
        "schedule": timedelta(minutes=5),
    },
    # A transcode whose worker died (kill -9, OOM, a lost message on the
    # filesystem broker) is started again (media_pipeline/stalls.py).
    "media-videos-stalled-requeue": {
        "task": "media_pipeline.tasks.videos_stalled_requeue",
        "schedule": timedelta(minutes=2),
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")

# --- REST API ----------------------------------------------------------------
REST_FRAMEWORK = {
    # Apps and kiosks: `Authorization: Token …` (accounts/tokens.py); the web
    # pages: the session, with CSRF.
    "DEFAULT_AUTHENTICATION_CLASSES": (
        "accounts.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ),
    "DEFAULT_PERMISSION_CLASSES": ("rest_framework.permissions.IsAuthenticated",),
    # JSON with a size and depth limit (core/parsers.py), forms, uploads.
    "DEFAULT_PARSER_CLASSES": (
        "core.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # One error body for every 4xx (core/api_errors.py).
    "EXCEPTION_HANDLER": "core.api_errors.exception_handler",
    # Per signed-in user and per client address (the shared cache), and a
    # tighter one for signing in (on top of the account lockout).
    "DEFAULT_THROTTLE_CLASSES": (
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.ScopedRateThrottle",
    ),
    "DEFAULT_THROTTLE_RATES": {
        "user": env("SAFAR_API_RATE_USER", default="600/min"),
        "anon": env("SAFAR_API_RATE_ANON", default="120/min"),
        "auth": env("SAFAR_API_RATE_AUTH", default="30/min"),
    },
}
# How long an API token signs an app in (accounts/tokens.py).
SAFAR_API_TOKEN_DAYS = env.int("SAFAR_API_TOKEN_DAYS", default=90)
# API request bodies (core/parsers.py): larger or deeper JSON is refused with 400.
SAFAR_JSON_MAX_BYTES = env.int("SAFAR_JSON_MAX_KB", default=1024) * 1024
SAFAR_JSON_MAX_DEPTH = env.int("SAFAR_JSON_MAX_DEPTH", default=32)
SPECTACULAR_SETTINGS = {
    "TITLE": "Safar API",
    "DESCRIPTION": "The API of Safar, the e-learning platform of the Migrant Resource Centre.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "OAS_VERSION": "3.1.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Document Safar's API only, not Wagtail's internal admin API.
    "PREPROCESSING_HOOKS": ["lms.api_router.only_safar_endpoints"],
    # The one error body (core/api_errors.py) as a component, on every 4xx.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api_errors.declare_errors",
    ],
}

# --- Wagtail -----------------------------------------------------------------
# The database's own full-text search: SQLite FTS5 on the embedded default,
# PostgreSQL full-text search in production. "simple": no one language's
# stemmer or stop words for pages in four (cms/search_text.py folds instead).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("en", "English"),
    ("ru", "Russian"),
    ("tg", "Tajik"),
    ("uz", "Uzbek"),
]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# --- Logging -----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin

# --- Media pipeline (media_pipeline/) ------------------------------------------
# Largest video file accepted, checked before it is stored (the request-level
# SAFAR_MAX_UPLOAD_MB above still applies first).
SAFAR_VIDEO_MAX_BYTES = env.int("SAFAR_VIDEO_MAX_MB", default=2048) * 1024 * 1024
# Longest video accepted; longer ones are refused before any transcode.
SAFAR_VIDEO_MAX_SECONDS = env.int("SAFAR_VIDEO_MAX_SECONDS", default=3 * 60 * 60)
# x264 speed/size trade-off for every rung, and the HLS segment length.
SAFAR_VIDEO_X264_PRESET = env("SAFAR_VIDEO_X264_PRESET", default="veryfast")
SAFAR_VIDEO_HLS_SEGMENT_SECONDS = env.int("SAFAR_VIDEO_HLS_SEGMENT_SECONDS", default=4)
# Local scratch space for transcodes (outputs are published to storage after).
SAFAR_VIDEO_WORK_DIR = env("SAFAR_VIDEO_WORK_DIR", default="")
# A video whose processing has not reported progress for this long is stalled:
# requeued (at most SAFAR_VIDEO_STALL_REQUEUES times, then failed with "Try
# again"); scratch folders untouched this long are removed.
SAFAR_VIDEO_STALL_MINUTES = env.float("SAFAR_VIDEO_STALL_MINUTES", default=10)
SAFAR_VIDEO_STALL_REQUEUES = env.int("SAFAR_VIDEO_STALL_REQUEUES", default=2)
# A video counts as watched when played segments cover this share of it.
SAFAR_VIDEO_WATCHED_FRACTION = env.float("SAFAR_VIDEO_WATCHED_FRACTION", default=0.9)
# Who may fetch a video's files and report viewing events: the pipeline knows no
# learners or tracks, so the wall between the tracks is given to it from above.
SAFAR_VIDEO_ACCESS_POLICY = "courses.access.can_view_video"

# --- Certificates (certificates/) ----------------------------------------------
# Open Badges 3.0 signing key: an Ed25519 private key in PEM ("\n" escapes
# allowed). Required in production; elsewhere a development key is created
# once at SAFAR_OB_DEV_KEY_FILE. Retired public keys (PEM, comma-separated) stay
# in the published JWKS so that credentials signed before a rotation verify.
SAFAR_OB_PRIVATE_KEY = env("SAFAR_OB_PRIVATE_KEY", default="")
SAFAR_OB_RETIRED_PUBLIC_KEYS = env.list("SAFAR_OB_RETIRED_PUBLIC_KEYS", default=[])
SAFAR_OB_DEV_KEY_FILE = env("SAFAR_OB_DEV_KEY_FILE", default="") or str(
    VAR_DIR / "openbadges-dev-key.pem"
)
# Verify page: lookups per client address per minute.
SAFAR_VERIFY_RATE_PER_MINUTE = env.int("SAFAR_VERIFY_RATE_PER_MINUTE", default=30)
