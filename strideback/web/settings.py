"""One settings module. Every value comes from a STRIDEBACK_* environment variable with a
safe default; the embedded default is SQLite in the user's data directory."""

from __future__ import annotations

from strideback.web.environment import (
    data_dir,
    env_bool,
    env_cache,
    env_database,
    env_int,
    env_list,
    env_rates,
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
    # Before allauth, so that its pages and mails are ours (templates are found in this order).
    "strideback.accounts",
    "strideback.programmes",
    "strideback.tracking",
    "strideback.takeaway",
    "strideback.practice",
    "strideback.api",
    # django-ninja's own templates and static files: the API's docs page is served from
    # here, with no CDN.
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "strideback.web.security.ContentSecurityPolicyMiddleware",
    # Up here with the other headers, so that an answer given by a middleware below (the 400
    # page for a request the app cannot read) is never shown in a frame either.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A request the app cannot read (a form in another charset, a NUL byte) gets the 400 page
    # here, before anything reads it, with every header above.
    "strideback.web.malformed.MalformedRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out gzipped to browsers that ask (static files are pre-compressed by whitenoise).
    # Django pads each response with random bytes against BREACH (since 4.2).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "strideback.accounts.zones.TimeZoneMiddleware",  # her "today" follows her zone
    # A page made for someone with a session (signed in, or a visitor's answers) is never stored.
    "strideback.web.security.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A view that hits a unique key because the same thing was saved at the same moment
    # answers 409 with a page that says so (see strideback.web.conflicts).
    "strideback.web.conflicts.ConflictMiddleware",
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
                "strideback.practice.context.unread_messages",
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

# --- Cache: shared by every worker and server, so rate limits hold across all of them. ----
# The database's own table by default (made by `strideback serve`); a Redis URL instead.
CACHES = {"default": env_cache("STRIDEBACK_CACHE_URL")}

# --- The JSON API (/api/v1/, django-ninja): requests per token (or per signed-in runner),
# "reads,writes" each as count/period (s, min, h, day); counted in the cache above. ------
API_RATES = env_rates("STRIDEBACK_API_RATE", {"read": "120/min", "write": "30/min"})

# --- Accounts (django-allauth): sign-in by email and password, the address verified by a
# code on sign-up, the same answer whether or not an address has an account. -------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "tracking:today"
LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SIGNUP_REDIRECT_URL = "programmes:intake"  # a new account without answers starts there

ACCOUNT_ADAPTER = "strideback.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "strideback.accounts.forms.SignInForm",
    "signup": "strideback.accounts.forms.SignUpForm",
    "confirm_email_verification_code": "strideback.accounts.forms.CodeForm",
    "reset_password": "strideback.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "strideback.accounts.forms.NewPasswordForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# A code she types on the next page: on a phone she stays where she is (a link could open in
# another browser, without her answers), and she can read it on any device.
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_MAX_ATTEMPTS = 3  # wrong tries before a code stops working
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = 30 * 60  # a feed or a nap can come in between
ACCOUNT_LOGIN_TIMEOUT = 30 * 60
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_RESEND = True  # up to two new codes
ACCOUNT_SESSION_REMEMBER = True  # signed in for SESSION_COOKIE_AGE, as before
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_CHANGE_EMAIL = True  # one address, changed once the new one is checked by a code
ACCOUNT_REAUTHENTICATION_METHODS = ["password", "mfa"]  # before changing how she signs in
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    # Wrong passwords: 5 per address in 5 minutes stops guessing (about one try a minute at
    # most) while a runner who mistypes a few times never meets it; per connection a little
    # more, since a family or a clinic may share one.
    "login_failed": "10/5m/ip,5/5m/key",
    # Every sign-in sent from one connection, right or wrong.
    "login": "60/m/ip",
    # Accounts made from one connection: a clinic signing up a class stays under it.
    "signup": "20/10m/ip",
    # Reset mails: 3 to one address in 15 minutes (she asks again once or twice if it is slow
    # to arrive), 10 from one connection.
    "reset_password": "10/15m/ip,3/15m/key",
    # Choosing the new password from the mailed link.
    "reset_password_from_key": "20/m/ip",
    # Codes mailed to one address: one every 30 seconds and 6 an hour. With 3 tries a code,
    # that is at most 18 guesses an hour at a 6-digit code.
    "confirm_email": "1/30s/key,6/h/key",
}
# Two-factor sign-in (allauth's MFA): an authenticator app's 6-digit code, with single-use
# recovery codes. Professionals must have it before any client's data is shown
# (strideback.practice.access); a runner may turn it on too.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Strideback"
# A code from the 30-second window just before or after is accepted too (RFC 6238 §5.2
# allows for the delay between reading a code and it reaching the server).
MFA_TOTP_TOLERANCE = 1
MFA_FORMS = {
    "authenticate": "strideback.accounts.forms.TwoFactorCodeForm",
    "activate_totp": "strideback.accounts.forms.ActivateTwoFactorForm",
}

# Unverified sign-ups and visitors' unfinished answers are deleted by `strideback cleanup`
# (and on every `strideback serve`) after these many days.
UNVERIFIED_SIGNUP_DAYS = 7
VISITOR_ANSWERS_DAYS = 7

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
# The address the app is reached at, for the links in mail sent without a request (alerts).
SITE_URL = env_str("STRIDEBACK_SITE_URL", "http://localhost:8000")

# --- Security. Behind HTTPS (STRIDEBACK_HTTPS=1) cookies are secure and HSTS is on. -----
HTTPS = env_bool("STRIDEBACK_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"  # the links in her mail
if env_bool("STRIDEBACK_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Rate limits count each runner's own address, the last one the proxy adds, not the proxy's.
    ALLAUTH_TRUSTED_PROXY_COUNT = 1
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
