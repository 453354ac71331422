"""The account pages, at allauth's URL names (its views redirect to each other by them):
only the ones Strideback uses, in its own layout."""

from allauth.account import views as allauth
from django.urls import include, path, re_path

from strideback.accounts import views

urlpatterns = [
    path("signup/", views.SignUpView.as_view(), name="account_signup"),
    path("confirm-email/", views.CodeView.as_view(), name="account_email_verification_sent"),
    path("login/", views.SignInView.as_view(), name="account_login"),
    path("logout/", allauth.logout, name="account_logout"),
    path("reauthenticate/", allauth.reauthenticate, name="account_reauthenticate"),
    path("email/", views.ChangeEmailView.as_view(), name="account_email"),
    path("password/change/", views.ChangePasswordView.as_view(), name="account_change_password"),
    # Two-factor sign-in: set up, the code at sign-in, recovery codes (allauth's MFA).
    path("2fa/", include("allauth.mfa.urls")),
    path("inactive/", allauth.account_inactive, name="account_inactive"),
    path("password-reset/", views.ResetPasswordView.as_view(), name="account_reset_password"),
    path("password-reset/sent/", allauth.password_reset_done, name="account_reset_password_done"),
    path(
        "password-reset/done/",
        allauth.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    re_path(
        r"^password-reset/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        views.NewPasswordView.as_view(),
        name="account_reset_password_from_key",
    ),
]
