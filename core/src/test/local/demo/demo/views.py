import os
import socket

from django.http import JsonResponse

from . import couch
from .tasks import add

SERVER = os.environ.get("APP_SERVER_ID") or socket.gethostname()


def enqueue(request):
    r = add.delay(2, 3)
    return JsonResponse({"task_id": r.id, "app_server": SERVER})


def result(request, task_id):
    doc = couch.get(task_id)
    if doc is None:
        return JsonResponse({"state": "PENDING", "app_server": SERVER})
    return JsonResponse({"state": "SUCCESS", "result": {"sum": doc["sum"], "worker": doc["worker"]},
                         "app_server": SERVER})
