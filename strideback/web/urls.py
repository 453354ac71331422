from django.urls import include, path, re_path

from strideback.api import views as api_views
from strideback.api.api import api
from strideback.programmes import views as programme_views
from strideback.web.health import healthz

# allauth answers a throttled request with this view: the 429 page, with the time to wait.
handler429 = "strideback.accounts.views.too_many_requests"

urlpatterns = [
    path("", programme_views.home, name="home"),
    # For a load balancer: 200 when this server and its database answer, else 503.
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("strideback.accounts.urls")),
    path("", include("strideback.programmes.urls")),
    path("", include("strideback.tracking.urls")),
    path("", include("strideback.web.offline")),  # the service worker, /sw.js
    path("", include("strideback.takeaway.urls")),
    path("", include("strideback.practice.urls")),
    path("", include("strideback.api.urls")),  # the API tokens on her settings page
    path("api/v1/", api.urls),
    re_path(
        r"^api/", api_views.not_found, name="api_not_found"
    ),  # any other address under /api/: the JSON 404
]
