from django.urls import path

from strideback.practice import action_views

urlpatterns = [
    path(
        "practice/clients/<row_id:runner_id>/act/<slug:kind>/",
        action_views.act,
        name="act",
    ),
]
