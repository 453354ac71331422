from django.urls import path

from strideback.api import views

app_name = "api_tokens"

urlpatterns = [
    path("settings/tokens/", views.create_token, name="create"),
    path("settings/tokens/<row_id:token_id>/revoke/", views.revoke_token, name="revoke"),
]
