from django.urls import path

from strideback.tracking import activity_views, progress_views, views, week_views

app_name = "tracking"

urlpatterns = [
    path("today/", views.today_page, name="today"),
    path("today/log/", views.log_session, name="log"),
    path(
        "today/next-day-check/<entry_id:public_id>/",
        views.next_day_check,
        name="next_day_check",
    ),
    path("retest/", views.retest, name="retest"),
    path("history/", views.history, name="history"),
    path("history/<entry_id:public_id>/edit/", views.edit_entry, name="edit"),
    path("progress/", progress_views.progress_page, name="progress"),
    path("plan/pause/", views.pause, name="pause"),
    path("plan/resume/", views.resume, name="resume"),
    path("plan/assessed/", views.clearance, name="clearance"),
    path("plan/move/", week_views.move, name="move"),
    path("plan/skip/", week_views.skip, name="skip"),
    path("today/earlier/", week_views.earlier, name="earlier"),
    path("history/<entry_id:public_id>/undo/", week_views.undo, name="undo"),
    path("activities/import/", activity_views.import_files, name="import"),
    path("activities/shared/", activity_views.shared, name="shared"),
    path("activities/confirm/", activity_views.confirm, name="confirm_import"),
    path("activities/<entry_id:public_id>/", activity_views.watch_entry, name="watch_entry"),
]
