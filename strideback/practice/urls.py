from django.urls import include, path

from strideback.practice import views

app_name = "practice"

urlpatterns = [
    path("practice/start/", views.start, name="start"),
    path("practice/", views.home, name="home"),
    path("", include("strideback.practice.sharing_urls")),
]
