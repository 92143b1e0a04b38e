"""The few CouchDB HTTP calls the demo needs, with the standard library only."""
import base64
import json
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

DB = "results"


def _request(method, path, body=None):
    url = urllib.parse.urlsplit(settings.COUCHDB_URL)
    base = f"{url.scheme}://{url.hostname}:{url.port or 5984}"
    req = urllib.request.Request(base + path, method=method,
                                 data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if url.username:
        token = base64.b64encode(f"{urllib.parse.unquote(url.username)}:{urllib.parse.unquote(url.password or '')}".encode())
        req.add_header("Authorization", "Basic " + token.decode())
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.load(r)


def put(doc_id, doc):
    try:
        _request("PUT", f"/{DB}")
    except urllib.error.HTTPError as e:
        if e.code != 412:  # exists already
            raise
    return _request("PUT", f"/{DB}/{urllib.parse.quote(doc_id)}", doc)


def get(doc_id):
    try:
        return _request("GET", f"/{DB}/{urllib.parse.quote(doc_id)}")
    except urllib.error.HTTPError as e:
        if e.code == 404:
            return None
        raise
