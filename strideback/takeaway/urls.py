from django.urls import path

from strideback.takeaway import views

app_name = "takeaway"

urlpatterns = [
    path("programme/handout/", views.handout, name="handout"),
    path("programme/handout.pdf", views.handout_pdf, name="handout_pdf"),
    path("calendar/<feed_token:token>.ics", views.feed, name="feed"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/calendar/", views.change_feed, name="calendar"),
    path("settings/preferences/", views.change_preferences, name="preferences"),
    path("settings/my-data.json", views.export_json, name="export_json"),
    path("settings/my-data.csv", views.export_csv, name="export_csv"),
    path("settings/delete/", views.delete_account, name="delete"),
    path("goodbye/", views.goodbye, name="goodbye"),
]
