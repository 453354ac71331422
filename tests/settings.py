"""Test settings: the production settings, with the data directory in a fresh temporary
folder (no test touches a real user's data).

On SQLite the test database is a file in that folder, not Django's shared in-memory
database: tests that write from two threads at once then meet the same WAL file, busy
timeout and immediate transactions as the app does (shared-cache memory databases fail at
once with "table is locked" instead of waiting their turn)."""

import os
import tempfile

# Each parallel worker (pytest-xdist) its own folder: its own static files and database.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _WORKER:
    os.environ["STRIDEBACK_DATA_DIR"] = tempfile.mkdtemp(prefix=f"strideback-tests-{_WORKER}-")
else:
    os.environ.setdefault("STRIDEBACK_DATA_DIR", tempfile.mkdtemp(prefix="strideback-tests-"))

from strideback.web.settings import *  # noqa: F403, E402
from strideback.web.settings import DATA_DIR, DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
