#!/usr/bin/python3
"""A stand-in for Apache CouchDB on the stackwright rig: CouchDB is not packaged for Debian 12 and its repository
cannot be reached from the rig. It speaks the part of CouchDB's HTTP API the clusters use (GET /, /_up, /_all_dbs,
PUT/GET/DELETE of databases and documents, POST of a document) with CouchDB's status codes and error bodies, reads
the same /opt/couchdb/etc/{default,local}.ini ([chttpd] bind_address and port, [admins], [couchdb] database_dir) and
says what it is in its GET / answer. It is not CouchDB: no views, no replication, no clustering; vm.args is ignored.
Python 3 standard library only."""
import base64
import configparser
import hashlib
import json
import os
import re
import sys
import threading
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ETC = os.environ.get("COUCHDB_ETC", "/opt/couchdb/etc")
VERSION = "3.3.3"
DB_NAME = re.compile(r"^[a-z][a-z0-9_$()+/-]*$")
LOCK = threading.Lock()


def settings(etc=ETC):
    config = configparser.ConfigParser(inline_comment_prefixes=(";",), comment_prefixes=(";", "#"),
                                       interpolation=None, strict=False)
    config.optionxform = str  # admin names are case-sensitive
    config.read([os.path.join(etc, "default.ini"), os.path.join(etc, "local.ini")])
    return config


class Store:
    """One directory per database, one JSON file per document (its id hex-encoded as the file name)."""

    def __init__(self, root):
        self.root = root
        os.makedirs(root, exist_ok=True)

    def db(self, name):
        return os.path.join(self.root, name.replace("/", "%2F"))

    def doc(self, name, doc_id):
        return os.path.join(self.db(name), doc_id.encode().hex() + ".json")

    def dbs(self):
        return sorted(n.replace("%2F", "/") for n in os.listdir(self.root))

    def read(self, name, doc_id):
        try:
            with open(self.doc(name, doc_id)) as f:
                return json.load(f)
        except FileNotFoundError:
            return None

    def write(self, name, doc_id, body, old):
        generation = int(old["_rev"].split("-")[0]) + 1 if old else 1
        digest = hashlib.md5(json.dumps(body, sort_keys=True).encode()).hexdigest()
        body = dict(body, _id=doc_id, _rev="%d-%s" % (generation, digest))
        tmp = self.doc(name, doc_id) + ".tmp"
        with open(tmp, "w") as f:
            json.dump(body, f)
        os.replace(tmp, self.doc(name, doc_id))
        return body["_rev"]


class Handler(BaseHTTPRequestHandler):
    server_version = "CouchDB/%s (stackwright stand-in)" % VERSION

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

    def reply(self, status, body):
        data = json.dumps(body).encode() + b"\n"
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def error(self, status, error, reason):
        self.reply(status, {"error": error, "reason": reason})

    def admin(self):
        """Databases are admin-only, as CouchDB 3's default_security = admin_only."""
        admins = dict(self.server.config["admins"]) if self.server.config.has_section("admins") else {}
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return not admins
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return False
        return admins.get(user) == password

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            value = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            value = None
        return value if isinstance(value, dict) else None

    def route(self):
        parsed = urllib.parse.urlsplit(self.path)
        parts = [urllib.parse.unquote(p) for p in parsed.path.split("/") if p]
        query = dict(urllib.parse.parse_qsl(parsed.query))
        return parts, query

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        parts, _ = self.route()
        if not parts:
            return self.reply(200, {"couchdb": "Welcome", "version": VERSION, "features": [],
                                    "vendor": {"name": "stackwright CouchDB stand-in"}})
        if parts == ["_up"]:
            return self.reply(200, {"status": "ok", "seeds": {}})
        if not self.admin():
            return self.error(401, "unauthorized", "You are not a server admin.")
        if parts == ["_all_dbs"]:
            return self.reply(200, self.server.store.dbs())
        store = self.server.store
        if not os.path.isdir(store.db(parts[0])):
            return self.error(404, "not_found", "Database does not exist.")
        if len(parts) == 1:
            count = len([f for f in os.listdir(store.db(parts[0])) if f.endswith(".json")])
            return self.reply(200, {"db_name": parts[0], "doc_count": count, "doc_del_count": 0})
        doc = store.read(parts[0], "/".join(parts[1:]))
        return self.reply(200, doc) if doc else self.error(404, "not_found", "missing")

    def do_PUT(self):
        parts, _ = self.route()
        if not parts:
            return self.error(405, "method_not_allowed", "Only GET,HEAD allowed")
        if not self.admin():
            return self.error(401, "unauthorized", "You are not a server admin.")
        store = self.server.store
        if len(parts) == 1:
            return self.create_db(parts[0])
        body = self.body()
        if body is None:
            return self.error(400, "bad_request", "Document must be a JSON object")
        return self.save(parts[0], "/".join(parts[1:]), body)

    def do_POST(self):
        parts, _ = self.route()
        if len(parts) != 1 or not self.admin():
            return self.error(401, "unauthorized", "You are not a server admin.")
        body = self.body()
        if body is None:
            return self.error(400, "bad_request", "Document must be a JSON object")
        return self.save(parts[0], body.get("_id") or uuid.uuid4().hex, body)

    def do_DELETE(self):
        parts, query = self.route()
        if not parts or not self.admin():
            return self.error(401, "unauthorized", "You are not a server admin.")
        store = self.server.store
        with LOCK:
            if not os.path.isdir(store.db(parts[0])):
                return self.error(404, "not_found", "Database does not exist.")
            if len(parts) == 1:
                for f in os.listdir(store.db(parts[0])):
                    os.remove(os.path.join(store.db(parts[0]), f))
                os.rmdir(store.db(parts[0]))
                return self.reply(200, {"ok": True})
            doc_id = "/".join(parts[1:])
            old = store.read(parts[0], doc_id)
            if not old:
                return self.error(404, "not_found", "missing")
            if query.get("rev") != old["_rev"]:
                return self.error(409, "conflict", "Document update conflict.")
            os.remove(store.doc(parts[0], doc_id))
            return self.reply(200, {"ok": True, "id": doc_id, "rev": old["_rev"]})

    def create_db(self, name):
        if not DB_NAME.match(name):
            return self.error(400, "illegal_database_name", "Name: '%s'. Only lowercase characters (a-z), digits "
                              "(0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin "
                              "with a letter." % name)
        with LOCK:
            if os.path.isdir(self.server.store.db(name)):
                return self.error(412, "file_exists", "The database could not be created, the file already exists.")
            os.makedirs(self.server.store.db(name))
        return self.reply(201, {"ok": True})

    def save(self, name, doc_id, body):
        store = self.server.store
        with LOCK:
            if not os.path.isdir(store.db(name)):
                return self.error(404, "not_found", "Database does not exist.")
            old = store.read(name, doc_id)
            if old and body.get("_rev") != old["_rev"]:
                return self.error(409, "conflict", "Document update conflict.")
            rev = store.write(name, doc_id, body, old)
        return self.reply(201, {"ok": True, "id": doc_id, "rev": rev})


def make_server(config):
    """The server of these settings, bound but not serving (port 0 takes a free one)."""
    address = config.get("chttpd", "bind_address", fallback="127.0.0.1")
    port = config.getint("chttpd", "port", fallback=5984)
    server = ThreadingHTTPServer((address, port), Handler)
    server.config = config
    server.store = Store(config.get("couchdb", "database_dir", fallback="/opt/couchdb/data"))
    return server


def main():
    server = make_server(settings())
    sys.stderr.write("stackwright CouchDB stand-in (not CouchDB) on %s:%d, data in %s\n"
                     % (server.server_address[0], server.server_address[1], server.store.root))
    server.serve_forever()


if __name__ == "__main__":
    main()
