import os

from django.http import JsonResponse
from django.shortcuts import render

from . import cache, couch, front
from .tasks import add
from .version import VERSION


def _server():
    return os.environ.get("APP_SERVER_ID", "?")


def enqueue(request):
    task = add.delay(2, 3)
    return JsonResponse({"task_id": task.id, "app_server": _server()})


def result(request, task_id):
    found = couch.load_result(task_id)
    state = "SUCCESS" if found is not None else "PENDING"
    return JsonResponse({"state": state, "result": found, "app_server": _server()})


def whoami(request):
    """The app server, its code's version, and whether Django took the request as HTTPS (behind a TLS proxy: the
    X-Forwarded-Proto it trusts through SECURE_PROXY_SSL_HEADER)."""
    return JsonResponse({"app_server": _server(), "version": VERSION, "secure": request.is_secure()})


def hits(request):
    """Counts this request in the cluster's cache and says which app server answered."""
    try:
        return JsonResponse({"hits": cache.hit(), "app_server": _server()})
    except cache.NoCache as e:
        return JsonResponse({"error": str(e), "app_server": _server()}, status=404)
    except cache.CacheDown as e:
        return JsonResponse({"error": str(e), "app_server": _server()}, status=503)


def index(request):
    """The front page: the cluster working, as a person sees it. Plain HTML; every value escaped by the template."""
    name, address = front.app_server(request)
    return render(request, "demo/front.html", {
        "app_server": name,
        "address": address,
        "version": VERSION,
        "task": front.task(),
        "database": front.database(),
        "cache": front.cache_state(),
    })
