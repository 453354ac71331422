from django.urls import path

from strideback.programmes import views

app_name = "programmes"

urlpatterns = [
    path("intake/", views.intake, name="intake"),
    path("intake/<slug:slug>/", views.intake_step, name="intake_step"),
    path("verdict/", views.verdict, name="verdict"),
    path("programme/", views.programme_page, name="programme"),
    path("exercises/", views.exercise_list, name="exercises"),
    path("exercises/<slug:exercise_id>/", views.exercise_detail, name="exercise"),
    path("sources/", views.sources, name="sources"),
]
