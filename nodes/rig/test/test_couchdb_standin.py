"""The CouchDB stand-in answers the calls the demo app makes (demo/couch.py) as CouchDB 3 does.
Run: python3 -m unittest discover -s nodes/rig/test"""
import base64
import importlib.util
import json
import os
import shutil
import tempfile
import threading
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location("couchdb_standin", os.path.join(HERE, "..", "couchdb-standin",
                                                                             "couchdb.py"))
couchdb = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(couchdb)


class StandInTest(unittest.TestCase):
    def setUp(self):
        self.etc = tempfile.mkdtemp()
        shutil.copy(os.path.join(HERE, "..", "couchdb-standin", "default.ini"), self.etc)
        with open(os.path.join(self.etc, "local.ini"), "w") as f:
            f.write("[chttpd]\nbind_address = 127.0.0.1\nport = 0\n[couchdb]\ndatabase_dir = %s/data\n"
                    "[admins]\nAdmin = s3cret ; a comment\n" % self.etc)
        self.server = couchdb.make_server(couchdb.settings(self.etc))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        shutil.rmtree(self.etc)

    def call(self, method, path, body=None, user="Admin:s3cret"):
        url = "http://127.0.0.1:%d%s" % (self.server.server_address[1], path)
        request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode())
        if user:
            request.add_header("Authorization", "Basic " + base64.b64encode(user.encode()).decode())
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as e:
            return e.code, json.load(e)

    def test_says_it_is_a_stand_in_without_credentials(self):
        # given a running stand-in / when GET / without credentials
        status, body = self.call("GET", "/", user=None)
        # then
        self.assertEqual(200, status)
        self.assertEqual("stackwright CouchDB stand-in", body["vendor"]["name"])

    def test_up_answers_without_credentials(self):
        self.assertEqual((200, "ok"), (self.call("GET", "/_up", user=None)[0], "ok"))

    def test_databases_are_for_the_admin_of_local_ini_only(self):
        # given / when
        anonymous = self.call("PUT", "/results", user=None)
        wrong = self.call("PUT", "/results", user="Admin:guess")
        # then
        self.assertEqual((401, "unauthorized"), (anonymous[0], anonymous[1]["error"]))
        self.assertEqual(401, wrong[0])

    def test_the_demo_apps_first_result_creates_the_database(self):
        # given no database: the demo's save_result sees 404, creates it, and saves again
        self.assertEqual(404, self.call("PUT", "/results/task-1", {"value": 3})[0])
        self.assertEqual((201, {"ok": True}), self.call("PUT", "/results"))
        # when
        status, saved = self.call("PUT", "/results/task-1", {"value": 3})
        # then
        self.assertEqual(201, status)
        status, doc = self.call("GET", "/results/task-1")
        self.assertEqual((200, 3, saved["rev"]), (status, doc["value"], doc["_rev"]))

    def test_a_second_database_of_the_same_name_is_refused(self):
        self.call("PUT", "/results")
        self.assertEqual((412, "file_exists"), (lambda r: (r[0], r[1]["error"]))(self.call("PUT", "/results")))

    def test_an_update_without_the_current_revision_conflicts(self):
        # given a saved document
        self.call("PUT", "/results")
        rev = self.call("PUT", "/results/d", {"v": 1})[1]["rev"]
        # when / then
        self.assertEqual(409, self.call("PUT", "/results/d", {"v": 2})[0])
        status, body = self.call("PUT", "/results/d", {"v": 2, "_rev": rev})
        self.assertEqual(201, status)
        self.assertTrue(body["rev"].startswith("2-"))

    def test_a_missing_document_is_not_found(self):
        self.call("PUT", "/results")
        self.assertEqual((404, "not_found", "missing"),
                         (lambda r: (r[0], r[1]["error"], r[1]["reason"]))(self.call("GET", "/results/none")))

    def test_a_database_name_couchdb_refuses_is_refused(self):
        status, body = self.call("PUT", "/Results")
        self.assertEqual((400, "illegal_database_name"), (status, body["error"]))


if __name__ == "__main__":
    unittest.main()
