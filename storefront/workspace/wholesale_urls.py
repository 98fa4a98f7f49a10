"""The wholesale workspace, under /<lang>/workspace/wholesale/."""

from django.urls import path

from . import wholesale_board, wholesale_desk

app_name = "wholesale"

urlpatterns = [
    path("c/<slug:slug>/", wholesale_board.board, name="board"),
    path("c/<slug:slug>/<str:number>/", wholesale_board.quote_page, name="quote"),
    path("w/<slug:slug>/", wholesale_desk.desk, name="desk"),
]
