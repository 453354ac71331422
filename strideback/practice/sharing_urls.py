"""Sharing, starting a runner in clinic, the team and the access log.

The runner's pages: /share/ (enter a code), /share/<code>/ (see and answer an invitation),
/claim/<code>/ (set her password on an account started in clinic), and ending a
practice's access from her settings."""

from django.urls import path

from strideback.practice import sharing_views, team_views

urlpatterns = [
    # The runner.
    path("share/", sharing_views.enter_code, name="share_enter"),
    path("share/<invite_code:code>/", sharing_views.offer, name="share_offer"),
    path("share/<invite_code:code>/accept/", sharing_views.accept, name="share_accept"),
    path("share/<invite_code:code>/decline/", sharing_views.decline, name="share_decline"),
    path("settings/sharing/<row_id:share_id>/end/", sharing_views.revoke, name="share_revoke"),
    path("claim/<invite_code:code>/", sharing_views.claim, name="claim"),
    # The professional.
    path("practice/invite/", sharing_views.invite_client, name="invite_client"),
    path("practice/clinic-start/", sharing_views.clinic_start, name="clinic_start"),
    path("practice/team/", team_views.team_page, name="team"),
    path("practice/team/invite/", team_views.invite_member, name="invite_member"),
    path(
        "practice/team/<row_id:member_id>/remove/", team_views.remove_member, name="remove_member"
    ),
    path("practice/team/<row_id:member_id>/owner/", team_views.hand_over, name="hand_over"),
    path(
        "practice/team/clients/<row_id:runner_id>/clinician/",
        team_views.assign_clinician,
        name="assign_clinician",
    ),
    path(
        "practice/team/clients/<row_id:runner_id>/status/",
        team_views.client_status,
        name="client_status",
    ),
    path("practice/audit/", team_views.audit, name="audit"),
]
