from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "strideback.tracking"
    label = "tracking"
    verbose_name = "Tracking"
