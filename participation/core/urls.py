"""Generic participation endpoints, included under the language prefix at ``participation/``."""

from django.urls import path

from . import views

app_name = "participation_core"

urlpatterns = [
    path("contributions/<int:contribution_id>/comment/", views.comment_post, name="comment_post"),
    path("contributions/<int:contribution_id>/support/", views.support_toggle, name="support_toggle"),
    path("comments/<int:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/delete/", views.comment_delete, name="comment_delete"),
    path("report/<str:target>/<int:pk>/", views.report, name="report"),
]
