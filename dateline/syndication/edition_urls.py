"""Feeds, inside each edition's language prefix (/feeds/rss/, /ar/feeds/rss/)."""

from django.urls import re_path

from dateline.syndication import views

app_name = "syndication"

urlpatterns = [
    re_path(r"^feeds/(?P<fmt>rss|atom)/$", views.feed, name="feed"),
    re_path(
        r"^feeds/(?P<kind>section|tag|topic|author)/(?P<slug>[^/]+)/(?P<fmt>rss|atom)/$",
        views.feed,
        name="scoped_feed",
    ),
]
