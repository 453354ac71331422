from django.urls import path

from strideback.practice import caseload_views, views

app_name = "practice"

urlpatterns = [
    path("practice/start/", views.start, name="start"),
    path("practice/", caseload_views.home, name="home"),
    path(
        "practice/clients/<row_id:runner_id>/seen/",
        caseload_views.flag_seen,
        name="flag_seen",
    ),
]
