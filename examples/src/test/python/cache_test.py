"""The demo app's Redis cache, against a real redis-server on 127.0.0.1 that this test starts and stops: the counter
rises with each request, and without CACHE_URL (the seed) the cache view says so while the rest of the app works.
Named cache_test.py, not test_*.py, so that test_demo.py's run (which has no cache) does not pick it up. Run with
Debian's python3 from examples/src/main/python/demo, REDIS_SERVER naming the redis-server binary:
    /usr/bin/python3 -m unittest discover -s ../../../test/python -t ../../../test/python -p cache_test.py
"""
import os
import socket
import subprocess
import tempfile
import time
import unittest


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port, process, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not listen on 127.0.0.1:%d within %d s" % (port, seconds))


class CacheTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.port = _free_port()
        cls.redis = subprocess.Popen(
            [os.environ["REDIS_SERVER"], "--bind", "127.0.0.1", "--port", str(cls.port), "--dir", cls.dir.name,
             "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        _wait_for(cls.port, cls.redis)
        os.environ.update({
            "DJANGO_SECRET_KEY": "test-secret-key-0123456789",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "CELERY_BROKER_URL": "memory://",
            "COUCHDB_URL": "http://admin:couchpassword1@127.0.0.1:9",
            "CACHE_URL": "redis://127.0.0.1:%d/0" % cls.port,
            "APP_SERVER_ID": "appserver-7",
        })
        import django
        django.setup()

    @classmethod
    def tearDownClass(cls):
        cls.redis.terminate()
        cls.redis.wait(10)
        cls.dir.cleanup()

    def test_the_counter_rises_with_each_request_and_names_the_app_server(self):
        from django.test import Client
        client = Client()
        first = client.get("/cache/").json()
        second = client.get("/cache/").json()
        self.assertEqual(second["hits"], first["hits"] + 1)
        self.assertEqual(second["app_server"], "appserver-7")

    def test_without_cache_url_the_cache_view_says_so_and_the_rest_of_the_app_works(self):
        from django.test import Client, override_settings
        with override_settings(CACHE_URLS=[]):
            response = Client().get("/cache/")
            self.assertEqual(response.status_code, 404)
            self.assertIn("CACHE_URL is not set", response.json()["error"])
            self.assertEqual(Client().get("/whoami/").json()["app_server"], "appserver-7")

    def test_a_cache_that_does_not_answer_is_a_503_with_the_reason(self):
        from django.test import Client, override_settings
        with override_settings(CACHE_URLS=["redis://127.0.0.1:%d/0" % _free_port()]):
            response = Client().get("/cache/")
            self.assertEqual(response.status_code, 503)
            self.assertIn("the cache does not answer", response.json()["error"])

    def test_the_front_page_says_the_cache_is_reachable(self):
        from django.test import Client
        from demo.celery import app
        app.conf.task_always_eager = True
        page = Client().get("/").content.decode()
        self.assertIn('<td id="cache" class="ok">reachable</td>', page)


if __name__ == "__main__":
    unittest.main()
