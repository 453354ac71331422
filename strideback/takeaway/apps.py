from django.apps import AppConfig


class TakeawayConfig(AppConfig):
    name = "strideback.takeaway"
    label = "takeaway"
    verbose_name = "Take-away formats"
