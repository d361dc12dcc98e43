"""The Most Viewed page, inside each edition's language prefix (/most-viewed/, /ar/most-viewed/)."""

from django.urls import path

from dateline.popularity import views

urlpatterns = [path("most-viewed/", views.most_viewed_page, name="most_viewed")]
