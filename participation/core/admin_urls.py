from django.urls import path

from . import admin_views

app_name = "participation_core_admin"

urlpatterns = [
    path("", admin_views.ModerationQueueView.as_view(), name="queue"),
    path("hidden/", admin_views.HiddenItemsView.as_view(), name="hidden"),
    path("log/", admin_views.ModerationLogView.as_view(), name="log"),
    path("blocks/", admin_views.BlocksView.as_view(), name="blocks"),
    path("block/<id:user_id>/", admin_views.BlockUserView.as_view(), name="block"),
    path("<str:kind>/<id:pk>/<str:action>/", admin_views.ModerationActionView.as_view(), name="moderate"),
    path("contributions/", admin_views.ContributionListView.as_view(), name="contributions"),
    path("contributions/<id:pk>/", admin_views.ContributionAnswerView.as_view(), name="answer"),
]
