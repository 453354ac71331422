"""Test settings: the production settings, with the data directory in a fresh temporary
folder (no test touches a real user's data)."""

import os
import tempfile

os.environ.setdefault("STRIDEBACK_DATA_DIR", tempfile.mkdtemp(prefix="strideback-tests-"))

from strideback.web.settings import *  # noqa: F403
