"""The Django project: settings, URLs, the WSGI entry point, the server and site-wide pieces."""
