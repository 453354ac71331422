from django.urls import include, path

from strideback.practice import caseload_views, hold_views, views

app_name = "practice"

urlpatterns = [
    path("practice/start/", views.start, name="start"),
    path("practice/", caseload_views.home, name="home"),
    path(
        "practice/clients/<row_id:runner_id>/seen/",
        caseload_views.flag_seen,
        name="flag_seen",
    ),
    path("", include("strideback.practice.action_urls")),
    path("plan/lift-hold/", hold_views.lift_hold, name="lift_hold"),
    path("", include("strideback.practice.exercise_urls")),
    path("", include("strideback.practice.client_urls")),
    path("", include("strideback.practice.sharing_urls")),
]
