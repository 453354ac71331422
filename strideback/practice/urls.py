from django.urls import include, path

from strideback.practice import hold_views, views

app_name = "practice"

urlpatterns = [
    path("practice/start/", views.start, name="start"),
    path("practice/", views.home, name="home"),
    path("", include("strideback.practice.action_urls")),
    path("plan/lift-hold/", hold_views.lift_hold, name="lift_hold"),
    path("", include("strideback.practice.exercise_urls")),
    path("", include("strideback.practice.client_urls")),
]
