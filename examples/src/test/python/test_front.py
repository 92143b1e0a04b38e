"""The demo app's front page at /: what answered, a Celery task run now and the worker that ran it, the database and
the cache, each said in words; every value escaped. Against a fake CouchDB on 127.0.0.1 (test_demo's). Run with
Debian's python3 from examples/src/main/python/demo:
    /usr/bin/python3 -m unittest discover -s ../../../test/python -t ../../../test/python
"""
import os
import socket
import threading
import unittest
from http.server import ThreadingHTTPServer

from test_demo import FakeCouch


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FrontPageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeCouch)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.couch = ["http://admin:couchpassword1@127.0.0.1:%d" % cls.server.server_address[1]]
        # the settings of whichever test module set Django up first stay; each test overrides what it needs
        os.environ.update({
            "DJANGO_SECRET_KEY": "test-secret-key-0123456789",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "CELERY_BROKER_URL": "memory://",
            "COUCHDB_URL": cls.couch[0],
            "APP_SERVER_ID": "appserver-7",
        })
        import django
        django.setup()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()

    def setUp(self):
        from demo.celery import app
        os.environ["APP_SERVER_ID"] = "appserver-7"
        app.conf.task_always_eager = True

    def _page(self, **overrides):
        from django.test import Client, override_settings
        with override_settings(**dict({"COUCHDB_URLS": self.couch, "CACHE_URLS": []}, **overrides)):
            response = Client().get("/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_the_page_names_the_app_server_and_the_version(self):
        from demo.version import VERSION
        page = self._page()
        self.assertIn('<td id="app-server">appserver-7 (', page)
        self.assertIn('<td id="version">%s</td>' % VERSION, page)

    def test_a_task_run_now_names_the_worker_that_ran_it(self):
        page = self._page()
        self.assertRegex(page, r'<td id="task" class="ok">add\(2, 3\) = 5, run by worker \S+</td>')

    def test_without_a_worker_the_page_says_none_answered_within_the_wait(self):
        from demo.celery import app
        app.conf.task_always_eager = False
        page = self._page(FRONT_PAGE_TASK_WAIT=0.3)
        self.assertIn('<td id="task" class="bad">no worker answered within 0.3 s (task ', page)

    def test_a_database_that_does_not_answer_is_named_so(self):
        page = self._page(COUCHDB_URLS=["http://admin:couchpassword1@127.0.0.1:%d" % _closed_port()])
        self.assertIn('<td id="database" class="bad">not reachable: ', page)
        self.assertNotIn("couchpassword1", page)

    def test_a_database_that_answers_is_reachable(self):
        self.assertIn('<td id="database" class="ok">reachable (HTTP ', self._page())

    def test_a_cluster_without_a_cache_says_it_has_none(self):
        self.assertIn('<td id="cache" class="none">none in this cluster (CACHE_URL is not set)</td>', self._page())

    def test_what_the_page_shows_is_escaped(self):
        os.environ["APP_SERVER_ID"] = "<script>alert(1)</script>"
        page = self._page()
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", page)
        self.assertNotIn("<script>", page)

    def test_the_page_links_the_other_entry_points(self):
        page = self._page()
        for link in ("/whoami/", "/enqueue/", "/cache/", "/static/demo/hello.txt", "/admin/"):
            self.assertIn('<a href="%s">' % link, page)


if __name__ == "__main__":
    unittest.main()
