"""The demo app's own behaviour, against a fake CouchDB on 127.0.0.1: a task's result goes into the database and any
app server reads it back. Run with Debian's python3 from examples/src/main/python/demo:
    /usr/bin/python3 -m unittest discover -s ../../../test/python -t ../../../test/python
"""
import base64
import json
import os
import threading
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeCouch(BaseHTTPRequestHandler):
    """Just enough of CouchDB's HTTP API: PUT a database, PUT and GET a document, with basic auth."""
    databases = {}
    credentials = "Basic " + base64.b64encode(b"admin:couchpassword1").decode()

    def log_message(self, *args):
        pass

    def _reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _parts(self):
        if self.headers.get("Authorization") != self.credentials:
            self._reply(401, {"error": "unauthorized"})
            return None
        return self.path.strip("/").split("/")

    def do_PUT(self):
        parts = self._parts()
        if parts is None:
            return
        if len(parts) == 1:
            if parts[0] in self.databases:
                return self._reply(412, {"error": "file_exists"})
            self.databases[parts[0]] = {}
            return self._reply(201, {"ok": True})
        if parts[0] not in self.databases:
            return self._reply(404, {"error": "not_found", "reason": "Database does not exist."})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.databases[parts[0]][parts[1]] = dict(body, _id=parts[1], _rev="1-x")
        return self._reply(201, {"ok": True, "id": parts[1]})

    def do_GET(self):
        parts = self._parts()
        if parts is None:
            return
        document = self.databases.get(parts[0], {}).get(parts[1]) if len(parts) == 2 else None
        if document is None:
            return self._reply(404, {"error": "not_found"})
        return self._reply(200, document)


class DemoTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeCouch)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        port = cls.server.server_address[1]
        os.environ.update({
            "DJANGO_SECRET_KEY": "test-secret-key-0123456789",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "CELERY_BROKER_URL": "memory://",
            # the first CouchDB node is down: the app must go on to the next
            "COUCHDB_URL": "http://admin:couchpassword1@127.0.0.1:9 http://admin:couchpassword1@127.0.0.1:%d" % port,
            "APP_SERVER_ID": "appserver-7",
        })
        import django
        django.setup()
        from demo.celery import app
        app.conf.task_always_eager = True

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()

    def test_a_task_result_is_read_back_from_the_database(self):
        from django.test import Client
        client = Client()
        enqueued = client.get("/enqueue/").json()
        self.assertEqual(enqueued["app_server"], "appserver-7")
        result = client.get("/result/%s/" % enqueued["task_id"]).json()
        self.assertEqual(result["state"], "SUCCESS")
        self.assertEqual(result["result"]["sum"], 5)
        self.assertIn(enqueued["task_id"], FakeCouch.databases["results"])

    def test_an_unknown_task_is_pending(self):
        from django.test import Client
        self.assertEqual(Client().get("/result/nope/").json()["state"], "PENDING")

    def test_whoami_names_the_app_server_and_the_version_of_its_code(self):
        from django.test import Client
        from demo.version import VERSION
        self.assertEqual(Client().get("/whoami/").json(), {"app_server": "appserver-7", "version": VERSION,
                                                           "secure": False})

    def test_whoami_says_secure_when_the_proxy_says_https_and_the_settings_trust_it(self):
        from django.test import Client, override_settings
        with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
            self.assertTrue(Client().get("/whoami/", HTTP_X_FORWARDED_PROTO="https").json()["secure"])
            self.assertFalse(Client().get("/whoami/", HTTP_X_FORWARDED_PROTO="http").json()["secure"])

    def test_the_admin_is_there(self):
        from django.test import Client
        response = Client().get("/admin/login/")
        self.assertEqual(response.status_code, 200)


if __name__ == "__main__":
    unittest.main()
