from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "strideback.programmes"
    label = "programmes"
    verbose_name = "Programmes"
