"""The WSGI entry point, for `strideback serve` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.web.settings")
application = get_wsgi_application()
