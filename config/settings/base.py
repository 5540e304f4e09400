"""Settings for every environment, read once from the process environment.

Each value has a safe local default so that a fresh clone runs with nothing set;
production sets DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS,
DATABASE_URL and REDIS_URL (see README, "Configuration").
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "").strip()
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


# --- Core --------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(set DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "local-development-only-not-secret"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # search lookups (trigram, full text); inert on SQLite
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "adminsortable2",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "core",
    "compliance",
    "catalog",
    "articles",
    "storefront",
]

MIDDLEWARE = [
    "config.middleware.RequestLogMiddleware",
    "storefront.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "storefront.context_processors.storefront",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------
# SQLite file by default; PostgreSQL in production, e.g.
# DATABASE_URL=postgres://user@host:5432/catalog
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Optional read replica: anonymous reads go to it, writes and staff stay on the primary.
# A replica that cannot be connected to is skipped (reads go to the primary) for this
# many seconds before it is tried again; a connection attempt gives up after 3 seconds
# unless the URL says otherwise (?connect_timeout=).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
REPLICA_RETRY_SECONDS = env_int("DJANGO_REPLICA_RETRY_SECONDS", 30)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    if DATABASES["replica"]["ENGINE"].endswith("postgresql"):
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    DATABASE_ROUTERS = ["config.db_router.ReadReplicaRouter"]
    MIDDLEWARE.insert(1, "config.db_router.PrimaryForWritesMiddleware")
# Search matches a misspelt title through the trigram index (core.search), at the word
# similarity this session setting gives (core.search.MIN_WORD_SIMILARITY).
for _database in DATABASES.values():
    if _database["ENGINE"].endswith("postgresql"):
        _options = _database.setdefault("OPTIONS", {})
        _options["options"] = (
            _options.get("options", "") + " -c pg_trgm.word_similarity_threshold=0.5"
        ).strip()

# --- Cache -------------------------------------------------------------------
# Redis when REDIS_URL is set, process-local memory otherwise. DJANGO_CACHE_BACKEND=dummy
# turns caching off (nothing is stored), to measure the site uncached.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHE_BACKEND = os.environ.get("DJANGO_CACHE_BACKEND", "").strip().lower()
if CACHE_BACKEND not in {"", "dummy"}:
    raise ImproperlyConfigured("DJANGO_CACHE_BACKEND may only be empty or 'dummy'.")
if CACHE_BACKEND == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("DJANGO_REDIS_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("DJANGO_REDIS_TIMEOUT", "0.5")),
            },
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "catalog"),
            "TIMEOUT": env_int("DJANGO_CACHE_TIMEOUT", 300),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": env_int("DJANGO_CACHE_TIMEOUT", 300),
        }
    }

# Whether the cache is one store shared by every worker (Redis). Per-process memory is
# not: what one worker cached another would keep serving after a change, so the page
# cache and the cached site texts are used only with a shared store.
SHARED_CACHE = bool(REDIS_URL) and CACHE_BACKEND != "dummy"
# Anonymous storefront pages and API responses are cached for this long (0 turns the
# page cache off); a change ends the pages that show it as soon as it commits.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 300) if SHARED_CACHE else 0
# Pages whose tags each process remembers, so that a hit takes one round trip to Redis.
PAGE_CACHE_TAGS_REMEMBERED = env_int("DJANGO_PAGE_CACHE_TAGS_REMEMBERED", 20_000)

# Built pages: anonymous responses kept in the database (shared by every worker) until
# what they show changes, served with one indexed query. Renderings made for requests are
# kept too, except on SQLite, where a page view must not write (one writer at a time).
BUILT_PAGES = env_bool("DJANGO_BUILT_PAGES", True) and CACHE_BACKEND != "dummy"
BUILT_PAGES_ON_READ = env_bool(
    "DJANGO_BUILT_PAGES_ON_READ", not DATABASES["default"]["ENGINE"].endswith("sqlite3")
)

# Pages a change drops are rendered again off the request by the task runner
# (django-tasks): "database" in production, with `manage.py db_worker` running; "immediate"
# (the default) renders them right after the change commits; "dummy" never does (pages
# are rendered when first read).
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
_tasks_backend = os.environ.get("DJANGO_TASKS_BACKEND", "immediate").strip().lower()
if _tasks_backend not in TASKS_BACKENDS:
    raise ImproperlyConfigured("DJANGO_TASKS_BACKEND must be immediate, database or dummy.")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[_tasks_backend]}}
# A change whose reach is wide rebuilds at most this many pages; the rest on first read.
REBUILD_PAGES_MAX = env_int("DJANGO_REBUILD_PAGES_MAX", 200)

# --- CDN in front (optional) --------------------------------------------------------------
# Pages carry Surrogate-Key and Cache-Tag headers naming what they show. With a purge
# URL set, each committed change asks the CDN to drop the pages tagged with it.
CDN_PURGE_URL = os.environ.get("DJANGO_CDN_PURGE_URL", "").strip()
CDN_PURGE_STYLE = os.environ.get("DJANGO_CDN_PURGE_STYLE", "cloudflare").strip().lower()
if CDN_PURGE_STYLE not in {"cloudflare", "fastly", "varnish"}:
    raise ImproperlyConfigured("DJANGO_CDN_PURGE_STYLE must be cloudflare, fastly or varnish.")
CDN_PURGE_TOKEN = os.environ.get("DJANGO_CDN_PURGE_TOKEN", "").strip()
CDN_PURGE_TIMEOUT = float(os.environ.get("DJANGO_CDN_PURGE_TIMEOUT", "2"))
CDN_MAX_AGE = env_int("DJANGO_CDN_MAX_AGE", 0)

# --- Auth --------------------------------------------------------------------
# Proxies in front of the site (load balancer, CDN) that append to X-Forwarded-For: the
# client's address, for the sign-in lockout and API rate limits alike, is the Nth
# address from the right of that header (core/net.py); with 0 it is REMOTE_ADDR and the
# header is ignored.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin sign-in: after DJANGO_LOGIN_FAILURE_LIMIT failures for one user name from one
# address, that pair is locked out for DJANGO_LOGIN_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.net.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = env_bool("DJANGO_AXES_VERBOSE", False)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation ----------------------------------------------------
# English at /, Hindi under /hi/ (the storefront's i18n_patterns); the API reads
# Accept-Language or ?lang=; the admin is in English. Content in Hindi is kept in the
# models' <field>_hi columns (core.i18n).
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("hi", "हिन्दी")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Kolkata")
USE_I18N = True
USE_TZ = True

# --- Static and media files --------------------------------------------------
STATIC_URL = os.environ.get("DJANGO_STATIC_URL", "/static/")  # a CDN URL in front of it
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded media on S3-compatible object storage when a bucket is named; a CDN domain
# in front of it is optional. Credentials come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (or the machine's role), as boto3 reads them.
MEDIA_BUCKET = os.environ.get("DJANGO_MEDIA_BUCKET", "").strip()
if MEDIA_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": os.environ.get("DJANGO_MEDIA_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DJANGO_MEDIA_REGION") or None,
            "custom_domain": os.environ.get("DJANGO_MEDIA_CDN_DOMAIN") or None,
            "location": os.environ.get("DJANGO_MEDIA_PREFIX", "media"),
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
# Serve uploaded media from Django itself (fine for one machine); off by default when
# object storage serves it, and to be turned off when a web server or CDN does.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", not MEDIA_BUCKET)
WHITENOISE_MAX_AGE = env_int("DJANGO_STATIC_MAX_AGE", 31536000)

# Uploads: the image rules staff and the API are held to.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", 12 * 1024 * 1024)
IMAGE_MAX_BYTES = env_int("DJANGO_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("DJANGO_IMAGE_MAX_PIXELS", 40_000_000)
IMAGE_RENDITION_WIDTHS = [
    int(w) for w in env_list("DJANGO_IMAGE_WIDTHS", ["320", "640", "960", "1280"])
]

# --- Catalog -----------------------------------------------------------------
CATALOG_DEFAULT_CURRENCY = os.environ.get("DJANGO_CATALOG_CURRENCY", "INR").upper()
CATALOG_BRAND_NAME = os.environ.get("DJANGO_BRAND_NAME", "Paincare Drops")
# Where the shop sells and delivers (ISO 3166-1 alpha-2): new shipping rules and the
# country its return policy and consumer care serve.
CATALOG_COUNTRY = os.environ.get("DJANGO_CATALOG_COUNTRY", "IN").upper()

# --- Security ----------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_TLS_PROXY", False) else None
)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A strict Content-Security-Policy: nothing inline runs or styles anything. Extra
# sources for images (a media CDN or bucket) come from DJANGO_CSP_IMG_SRC.
_static_origin = [STATIC_URL.split("/static")[0]] if STATIC_URL.startswith("https://") else []
_media_origin = (
    [f"https://{os.environ['DJANGO_MEDIA_CDN_DOMAIN']}"]
    if os.environ.get("DJANGO_MEDIA_CDN_DOMAIN")
    else []
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_static_origin],
        "style-src": ["'self'", *_static_origin],
        "img-src": [
            "'self'",
            "data:",
            *_static_origin,
            *_media_origin,
            *env_list("DJANGO_CSP_IMG_SRC", []),
        ],
        "font-src": ["'self'", *_static_origin],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- REST framework ----------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "EXCEPTION_HANDLER": "core.api.errors.api_exception_handler",
    "PAGE_SIZE": env_int("DJANGO_API_PAGE_SIZE", 20),
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttling.AnonRateThrottle",
        "core.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DJANGO_API_THROTTLE_ANON", "60/min"),
        "user": os.environ.get("DJANGO_API_THROTTLE_USER", "600/min"),
    },
    # Our throttles ask core.net.client_address; DRF's own, should a view name one,
    # then count clients the same way.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
API_GETTING_STARTED = f"""Products, use categories and health articles of the drops catalog.

## Getting started

**Reading** needs no account: every `GET` of products, uses and articles is public and
shows what the storefront shows (published items). Each product gives its storefront
page as `web_url`, its packs with `price`, `mrp` (inclusive of all taxes) and `offers`
(where each pack can be bought), and `declarations`, the product information Indian law
asks a listing to show.

**Writing** (and the staff endpoints below the public ones) needs a staff account's
token: `Authorization: Token <key>`, issued by an administrator
(`manage.py drf_create_token <username>`). What a token may change follows its owner's
role; on a live product or article, a change to what shoppers read waits for a claims
reviewer (`202` with the revision).

**Rate limits**: anonymous clients {REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]},
signed-in clients {REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["user"]}; past them the
answer is `429` with `Retry-After`.

**Languages**: texts come in English, or in Hindi with `Accept-Language: hi` or
`?lang=hi` (a text not translated yet stays English); `Content-Language` names the
answer's language. Staff write each language's field by name (`tagline`, `tagline_hi`).

**Errors** share one JSON shape: `status`, `code`, `message` and, per field, `errors`.
An unknown filter value or ordering is a `400` that says so.

## What you must show

If you show our products or articles, show with each the `disclaimer` the API gives;
wherever a product marked `age_restricted` is listed, its `notices` (the 18+ notice);
next to any offer to sell a product, its `declarations`; and before an article's
exercises, its `warning_signs` (when to see a doctor instead).
"""

SPECTACULAR_SETTINGS = {
    "TITLE": "Drops catalog API",
    "DESCRIPTION": API_GETTING_STARTED,
    # Public reads first, then what staff tools use.
    "TAGS": [
        {"name": "products", "description": "Products with packs, offers and declarations."},
        {"name": "uses", "description": "The uses products and articles are grouped under."},
        {"name": "articles", "description": "Health articles and their exercises."},
        {"name": "variants", "description": "Staff: packs, prices, MRPs and stock."},
        {"name": "offers", "description": "Staff: where each pack can be bought."},
        {"name": "ingredients", "description": "Staff: each product's declared ingredients."},
        {"name": "article-products", "description": "Staff: the products articles recommend."},
        {"name": "exercises", "description": "Staff: the exercises of articles."},
    ],
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PublicationStatusEnum": "compliance.models.PublicationStatus",
        "AvailabilityEnum": "catalog.models.Variant.Availability",
        "RevisionStatusEnum": "compliance.models.Revision.Status",
    },
}

# --- Logging -----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"message": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "requests": {"class": "logging.StreamHandler", "formatter": "message"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # One JSON line per request (config/middleware.py) replaces these two.
        "catalog.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}

# --- Admin -------------------------------------------------------------------
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
