"""Sitemaps and robots.txt, at the site root for every edition."""

from django.urls import path

from dateline.syndication import views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="syndication_robots"),
    path("sitemap.xml", views.sitemap_index, name="syndication_sitemap_index"),
    path("sitemap-<section>.xml", views.sitemap, name="syndication_sitemap"),
    path("news-sitemap.xml", views.news_sitemap, name="syndication_news_sitemap"),
]
