"""Typed reading of STRIDEBACK_* environment variables: a bad value stops start-up with a
message that names the variable, what it held and what is allowed."""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from platformdirs import user_data_dir

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value; use one of: 1, true, yes, on, 0, false, no, off."
    )


def env_int(name: str, default: int, *, low: int, high: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if not low <= value <= high:
        raise ImproperlyConfigured(f"{name}={value} is out of range; use {low} to {high}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


RATE = re.compile(r"^[1-9][0-9]*/[0-9]*(s|sec|m|min|h|hour|d|day)$")


def env_rates(name: str, default: dict[str, str]) -> dict[str, str]:
    """Request rates "reads,writes" (e.g. ``120/min,30/min``); one value sets both."""
    given = env_list(name, [])
    if not given:
        return default
    if len(given) > 2 or not all(RATE.match(rate) for rate in given):
        raise ImproperlyConfigured(
            f"{name} must be one or two rates, reads then writes, such as 120/min,30/min "
            f"(a count, a slash and s, min, h or day); got {os.environ.get(name)!r}."
        )
    return {"read": given[0], "write": given[-1]}


DATABASE_SCHEMES = ("postgresql", "postgres", "sqlite")


def env_database(name: str) -> dict[str, Any] | None:
    """The database a URL names (PostgreSQL or SQLite), or None when the variable is unset."""
    raw = env_str(name)
    if not raw:
        return None
    scheme = raw.split("://", 1)[0] if "://" in raw else ""
    if scheme not in DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} must start with postgresql:// (or sqlite:///path); got {scheme or raw!r}."
        )
    return dict(dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True))


CACHE_TABLE = "strideback_cache"
CACHE_SCHEMES = ("redis", "rediss", "valkey", "valkeys")  # Valkey speaks Redis's protocol


def env_cache(name: str) -> dict[str, Any]:
    """The cache a URL names: unset, the database's own table (shared by every worker and
    every server on the same database); ``redis://host:6379/0`` a Redis server instead, or
    ``valkey://…`` a Valkey server (the same protocol, read as ``redis://``)."""
    raw = env_str(name)
    if not raw:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}
    scheme = raw.split("://", 1)[0] if "://" in raw else ""
    if scheme not in CACHE_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} must be unset (the database) or start with redis://, rediss://, "
            "valkey:// or valkeys://; "
            f"got {scheme or raw!r}."
        )
    if importlib.util.find_spec("redis") is None:
        raise ImproperlyConfigured(
            f"{name} names a Redis server: install its client first (pip install redis)."
        )
    location = raw.replace("valkey", "redis", 1) if scheme.startswith("valkey") else raw
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}


def data_dir() -> Path:
    """Where the embedded database, the secret key and the collected static files live."""
    path = Path(env_str("STRIDEBACK_DATA_DIR") or user_data_dir("strideback", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path) -> str:
    """STRIDEBACK_SECRET_KEY, or a key generated once and kept in the data directory."""
    from_env = env_str("STRIDEBACK_SECRET_KEY")
    if from_env:
        return from_env
    path = directory / "secret_key"
    if not path.exists():
        # Create it readable by its owner only; a second process racing us keeps the first key.
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    key = path.read_text().strip()
    if len(key) < 50:
        raise ImproperlyConfigured(
            f"The secret key in {path} is too short; delete the file to make a new one."
        )
    return key
