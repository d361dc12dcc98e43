from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from dateline.core.site_settings import site_settings_for


def site_chrome(request):
    """The site's name and settings; the settings load only if a template uses them."""
    return {
        "WAGTAIL_SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "site_settings": SimpleLazyObject(
            lambda: site_settings_for(Site.find_for_request(request))
        ),
    }
