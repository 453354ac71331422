"""One settings module. Every value comes from a STRIDEBACK_* environment variable with a
safe default; the embedded default is SQLite in the user's data directory."""

from __future__ import annotations

from strideback.web.environment import (
    data_dir,
    env_bool,
    env_database,
    env_int,
    env_list,
    env_str,
    secret_key,
)

DATA_DIR = data_dir()
SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("STRIDEBACK_DEBUG", False)
ALLOWED_HOSTS = env_list("STRIDEBACK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("STRIDEBACK_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "strideback.web",
    "strideback.accounts",
    "strideback.programmes",
    "strideback.tracking",
    "strideback.takeaway",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "strideback.web.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out gzipped to browsers that ask (static files are pre-compressed by whitenoise).
    # Django pads each response with random bytes against BREACH (since 4.2).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "strideback.web.urls"
WSGI_APPLICATION = "strideback.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "strideback.web.context.site",
            ],
        },
    },
]

# --- Database: embedded SQLite unless STRIDEBACK_DATABASE_URL names another. --------------
_DATABASE = env_database("STRIDEBACK_DATABASE_URL")
if _DATABASE is not None:
    DATABASES = {"default": _DATABASE}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "strideback.sqlite3",
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; immediate transactions take
                # the write lock at BEGIN, so two writers queue instead of failing half-way.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 10,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts. --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "tracking:today"
LOGOUT_REDIRECT_URL = "home"

# --- Mail: printed to the console unless an SMTP host is set. ---------------------------
_SMTP_HOST = env_str("STRIDEBACK_SMTP_HOST")
if _SMTP_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _SMTP_HOST
    EMAIL_PORT = env_int("STRIDEBACK_SMTP_PORT", 587, low=1, high=65535)
    EMAIL_HOST_USER = env_str("STRIDEBACK_SMTP_USER")
    EMAIL_HOST_PASSWORD = env_str("STRIDEBACK_SMTP_PASSWORD")
    EMAIL_USE_TLS = env_bool("STRIDEBACK_SMTP_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("STRIDEBACK_FROM_EMAIL", "Strideback <no-reply@strideback.invalid>")

# --- Security. Behind HTTPS (STRIDEBACK_HTTPS=1) cookies are secure and HSTS is on. -----
HTTPS = env_bool("STRIDEBACK_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("STRIDEBACK_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30  # a month: she should not have to sign in every day
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Language, time, static files. -------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("STRIDEBACK_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("STRIDEBACK_LOG_LEVEL", "WARNING")},
}
