from django.urls import include, path

from strideback.programmes import views as programme_views

urlpatterns = [
    path("", programme_views.home, name="home"),
    path("accounts/", include("strideback.accounts.urls")),
    path("", include("strideback.programmes.urls")),
    path("", include("strideback.tracking.urls")),
    path("", include("strideback.web.offline")),  # the service worker, /sw.js
    path("", include("strideback.takeaway.urls")),
]
