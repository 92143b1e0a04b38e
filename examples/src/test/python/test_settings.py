"""The demo's settings as the rendered environment makes them: with TLS (DJANGO_HTTPS="on") the request is secure when
the proxy says so, the cookies go over HTTPS only, and forms from the HTTPS origins are trusted. Each test loads the
settings module afresh, so the environment of the other tests is not touched."""
import importlib.util
import os
import unittest
from pathlib import Path
from unittest import mock

SETTINGS = Path(__file__).resolve().parents[2] / "main" / "python" / "demo" / "demo" / "settings.py"
BASE = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "10.0.10.3",
    "CELERY_BROKER_URL": "amqp://demo:pw@10.0.30.1:5672/demo",
    "COUCHDB_URL": "http://admin:pw@10.0.40.1:5984",
}


def load(**env):
    with mock.patch.dict(os.environ, dict(BASE, **env), clear=True):
        spec = importlib.util.spec_from_file_location("settings_under_test", SETTINGS)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


class SettingsTest(unittest.TestCase):
    def test_with_tls_the_proxys_scheme_is_trusted_and_cookies_are_secure(self):
        s = load(DJANGO_HTTPS="on", DJANGO_CSRF_TRUSTED_ORIGINS="https://10.0.10.3 https://*.apps.example.org")
        self.assertEqual(("HTTP_X_FORWARDED_PROTO", "https"), s.SECURE_PROXY_SSL_HEADER)
        self.assertTrue(s.SESSION_COOKIE_SECURE)
        self.assertTrue(s.CSRF_COOKIE_SECURE)

    def test_the_origins_take_the_form_of_the_django_that_runs(self):
        import django
        s = load(DJANGO_HTTPS="on", DJANGO_CSRF_TRUSTED_ORIGINS="https://10.0.10.3 https://*.apps.example.org")
        expected = (["https://10.0.10.3", "https://*.apps.example.org"] if django.VERSION >= (4, 0)
                    else ["10.0.10.3", ".apps.example.org"])
        self.assertEqual(expected, s.CSRF_TRUSTED_ORIGINS)

    def test_without_tls_nothing_of_https_is_set(self):
        s = load()
        self.assertFalse(hasattr(s, "SECURE_PROXY_SSL_HEADER"))
        self.assertFalse(hasattr(s, "SESSION_COOKIE_SECURE"))
        self.assertFalse(hasattr(s, "CSRF_TRUSTED_ORIGINS"))


if __name__ == "__main__":
    unittest.main()
