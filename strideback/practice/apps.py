from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "strideback.practice"
    label = "practice"
    verbose_name = "Practices"

    def ready(self) -> None:
        from strideback.practice import alerts, export
        from strideback.programmes.signals import event_recorded
        from strideback.takeaway.services import add_export_section

        event_recorded.connect(alerts.on_event_recorded, dispatch_uid="practice_alerts")
        add_export_section("clinical_notes", export.clinical_notes)
        add_export_section("messages", export.messages)
