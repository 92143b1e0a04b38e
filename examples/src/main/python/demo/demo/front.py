"""The front page's checks, each bounded in time and each answering in words a person reads: which app server
answered, a Celery task run now through the broker (and which worker ran it), the database and the cache."""
import os
import time

from django.conf import settings

from . import cache, couch
from .tasks import add


def app_server(request):
    """This app server's name (gunicorn's raw_env) and the address it serves on (gunicorn's socket), when known."""
    name = os.environ.get("APP_SERVER_ID", "?")
    sock = request.META.get("gunicorn.socket")
    try:
        host, port = sock.getsockname()[:2]
        return name, "%s:%d" % (host, port)
    except (AttributeError, OSError, TypeError, ValueError):
        return name, "?"


def task():
    """Sends add(2, 3) through the broker and waits up to FRONT_PAGE_TASK_WAIT seconds for its result in CouchDB."""
    wait = getattr(settings, "FRONT_PAGE_TASK_WAIT", 3.0)
    try:
        # retry=False: a broker that is down fails the send now rather than holding the page
        sent = add.apply_async((2, 3), retry=False)
    except Exception as e:  # noqa: BLE001 - any failure to send is what the page reports
        return {"ok": False, "text": "the broker did not take the task: %s" % _short(e)}
    deadline = time.monotonic() + wait
    while True:
        try:
            found = couch.load_result(sent.id)
        except Exception as e:  # noqa: BLE001
            return {"ok": False, "text": "task %s sent, but its result cannot be read: %s" % (sent.id, _short(e))}
        if found is not None:
            return {"ok": True, "text": "add(2, 3) = %s, run by worker %s" % (found.get("sum"), found.get("worker")),
                    "worker": found.get("worker")}
        if time.monotonic() >= deadline:
            return {"ok": False, "text": "no worker answered within %g s (task %s is queued)" % (wait, sent.id)}
        time.sleep(0.1)


def database():
    """Whether a CouchDB node answers over HTTP (any status: it is there); the first that does."""
    try:
        status, _ = couch.request("GET", "/")
        return {"ok": True, "text": "reachable (HTTP %d)" % status}
    except Exception as e:  # noqa: BLE001
        return {"ok": False, "text": "not reachable: %s" % _short(e)}


def cache_state():
    try:
        cache.ping()
        return {"ok": True, "text": "reachable"}
    except cache.NoCache:
        return {"ok": None, "text": "none in this cluster (CACHE_URL is not set)"}
    except cache.CacheDown as e:
        return {"ok": False, "text": "not reachable: %s" % _short(e)}


def _short(error):
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:200] + "..."
