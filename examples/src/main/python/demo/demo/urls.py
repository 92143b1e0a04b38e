from django.contrib import admin
from django.urls import path

from . import views

urlpatterns = [
    path("", views.index),
    path("admin/", admin.site.urls),
    path("enqueue/", views.enqueue),
    path("result/<str:task_id>/", views.result),
    path("whoami/", views.whoami),
    path("cache/", views.hits),
]
