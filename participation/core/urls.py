"""Generic participation endpoints, included under the language prefix at ``participation/``."""

from django.urls import path

from . import views

app_name = "participation_core"

urlpatterns = [
    path("contributions/<id:contribution_id>/comment/", views.comment_post, name="comment_post"),
    path("contributions/<id:contribution_id>/support/", views.support_toggle, name="support_toggle"),
    path("contributions/<id:contribution_id>/rate/", views.rate, name="rate"),
    path("comments/<id:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<id:comment_id>/delete/", views.comment_delete, name="comment_delete"),
    path("report/<str:target>/<id:pk>/", views.report, name="report"),
]
