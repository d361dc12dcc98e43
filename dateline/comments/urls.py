from django.urls import path

from dateline.comments.views import comment_post

app_name = "comments"
urlpatterns = [path("comments/<int:page_id>/", comment_post, name="post")]
