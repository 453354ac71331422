from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "strideback.practice"
    label = "practice"
    verbose_name = "Practices"
