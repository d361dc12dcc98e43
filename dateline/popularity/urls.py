from django.urls import path

from dateline.popularity import views

app_name = "popularity"

urlpatterns = [
    path("", views.beacon, name="beacon"),
    path("pixel.gif", views.pixel, name="pixel"),
]
