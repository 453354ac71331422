from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "strideback.api"
    label = "api"
    verbose_name = "The JSON API"
