"""Task results in the cluster's CouchDB, over its HTTP API with nothing but urllib.

Celery's rpc:// backend cannot work behind a round-robin load balancer: only the app server that sent a task would see
its result. Every app server reads the database instead."""
import base64
import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

DATABASE = "results"


def request(method, path, body=None):
    """One request to the first CouchDB node that answers; returns its status and JSON body."""
    failure = None
    for url in settings.COUCHDB_URLS:
        parts = urllib.parse.urlsplit(url)
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            "%s://%s:%d%s" % (parts.scheme, parts.hostname, parts.port or 5984, path), data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if parts.username:
            user = urllib.parse.unquote(parts.username) + ":" + urllib.parse.unquote(parts.password or "")
            req.add_header("Authorization", "Basic " + base64.b64encode(user.encode()).decode())
        try:
            with urllib.request.urlopen(req, timeout=5) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"{}")
        except OSError as e:
            failure = e  # this node is down: try the next one
    raise failure or RuntimeError("COUCHDB_URL lists no database")


def save_result(task_id, result):
    path = "/%s/%s" % (DATABASE, urllib.parse.quote(task_id))
    status, _ = request("PUT", path, result)
    if status == 404:  # the first result ever: create the database
        request("PUT", "/" + DATABASE)
        status, _ = request("PUT", path, result)
    if status not in (201, 202):
        raise RuntimeError("CouchDB refused the result of %s: HTTP %d" % (task_id, status))


def load_result(task_id):
    status, document = request("GET", "/%s/%s" % (DATABASE, urllib.parse.quote(task_id)))
    if status != 200:
        return None
    return {k: v for k, v in document.items() if not k.startswith("_")}
