from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "strideback.web"
    label = "web"
    verbose_name = "Web"

    def ready(self) -> None:
        from strideback.web import converters

        converters.register()
