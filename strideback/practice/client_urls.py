from django.urls import path

from strideback.practice import client_views

urlpatterns = [
    path("practice/clients/<row_id:runner_id>/", client_views.client_page, name="client"),
    path("practice/clients/<row_id:runner_id>/notes/", client_views.write_note, name="client_note"),
    path(
        "practice/clients/<row_id:runner_id>/messages/",
        client_views.send_message,
        name="client_message",
    ),
    path(
        "practice/clients/<row_id:runner_id>/scores/",
        client_views.record_score,
        name="client_score",
    ),
    path(
        "practice/clients/<row_id:runner_id>/handout/", client_views.handout, name="client_handout"
    ),
    path("practice/licences/", client_views.licences, name="licences"),
    path("messages/", client_views.inbox, name="messages"),
    path("messages/<row_id:share_id>/reply/", client_views.reply, name="reply"),
]
