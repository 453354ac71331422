from django.urls import path

from strideback.practice import exercise_views as views

urlpatterns = [
    path("practice/exercises/", views.exercise_list, name="exercises"),
    path("practice/exercises/new/", views.exercise_new, name="exercise_new"),
    path("practice/exercises/<slug:base_id>/", views.exercise_detail, name="exercise"),
    path("practice/templates/", views.template_list, name="templates"),
    path("practice/templates/new/", views.template_new, name="template_new"),
    path("practice/templates/<slug:template_id>/", views.template_detail, name="template"),
    path(
        "practice/clients/<row_id:runner_id>/apply-template/",
        views.apply_template,
        name="apply_template",
    ),
]
