"""Settings of the demo app. Everything the cluster determines comes from the environment that stackwright renders
(/etc/stackwright/demo.env); nothing here names a host."""
import os
from pathlib import Path

import django

BASE_DIR = Path(__file__).resolve().parent.parent


def _env(name):
    try:
        return os.environ[name]
    except KeyError:
        raise RuntimeError(name + " is not set; it comes from the rendered /etc/stackwright/demo.env") from None


SECRET_KEY = _env("DJANGO_SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = _env("DJANGO_ALLOWED_HOSTS").split()


def _trusted_origins(origins):
    """Django 4 takes origins with their scheme ("https://*.example.org"); Django 3.2 (Debian 12's) the host alone,
    a leading dot for a wildcard (".example.org")."""
    if django.VERSION >= (4, 0):
        return origins
    return [o.split("://", 1)[-1].replace("*.", ".", 1) for o in origins]


# With TLS the load balancer and the controller serve HTTPS and say so in X-Forwarded-Proto; gunicorn trusts that
# header from them only (forwarded_allow_ips), and the app servers are reachable from them only.
if os.environ.get("DJANGO_HTTPS") == "on":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = _trusted_origins(os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split())

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "demo",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "demo.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
WSGI_APPLICATION = "demo.wsgi.application"
# The admin's users live on each app server; the demo's own data (task results) lives in CouchDB.
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(BASE_DIR / "db.sqlite3")}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", str(BASE_DIR / "static-collected"))

_brokers = _env("CELERY_BROKER_URL").split()
CELERY_BROKER_URL = _brokers[0] if len(_brokers) == 1 else _brokers
CELERY_TASK_IGNORE_RESULT = True  # results go to CouchDB, see demo/couch.py
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
COUCHDB_URLS = _env("COUCHDB_URL").split()
# How long the front page waits for a worker to run its task (demo/front.py).
FRONT_PAGE_TASK_WAIT = 3.0
# The Redis cache, when the cluster has one (demo/cache.py); one URL per cache instance, separated by commas.
CACHE_URLS = os.environ.get("CACHE_URL", "").replace(",", " ").split()
