"""WSGI entry point for production servers (gunicorn, uWSGI): production settings by default."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voorop.settings.production")

application = get_wsgi_application()
