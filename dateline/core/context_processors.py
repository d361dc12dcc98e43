from django.conf import settings


def site_chrome(request):
    """What every template needs about the site itself, computed without queries."""
    return {"WAGTAIL_SITE_NAME": settings.WAGTAIL_SITE_NAME}
