import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")

django_application = get_wsgi_application()

# The view beacon is answered before Django's middleware (popularity/wsgi.py); imported
# after the setup above, which it needs.
from dateline.popularity.wsgi import beacon_fast_path  # noqa: E402

application = beacon_fast_path(django_application)
