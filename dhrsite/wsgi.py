"""WSGI entry point, as served by gunicorn (`gunicorn dhrsite.wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhrsite.settings")

application = get_wsgi_application()
