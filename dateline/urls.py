from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dateline.core.editions import edition_choose
from dateline.core.media import media_serve

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("_views/", include("dateline.popularity.urls")),
    path("_edition/", edition_choose, name="edition_choose"),
    path("", include("dateline.syndication.urls")),
]

if settings.DATELINE_SERVE_MEDIA:
    # The embedded mode serves uploads itself; production leaves this to nginx
    # or object storage (DATELINE_SERVE_MEDIA=false).
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", media_serve, {"document_root": settings.MEDIA_ROOT}),
    ]

# English, the first edition, lives at the root; other editions are prefixed.
urlpatterns += i18n_patterns(
    path("", include("dateline.popularity.edition_urls")),
    path("", include("dateline.comments.urls")),
    path("", include("dateline.syndication.edition_urls")),
    path("", include("dateline.search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
