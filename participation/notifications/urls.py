"""Included under the language prefix at ``participation/notifications/``."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<id:pk>/open/", views.notification_open, name="open"),
    path("read-all/", views.mark_all_read, name="mark_all_read"),
    path("preferences/", views.preferences_update, name="preferences"),
    path("follow/<id:contribution_id>/", views.follow_toggle, name="follow_toggle"),
    path("follow-page/<id:page_id>/", views.follow_page_toggle, name="follow_page_toggle"),
    path("follows/<id:pk>/stop/", views.follow_stop, name="follow_stop"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
