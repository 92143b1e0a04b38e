"""The cluster's Redis cache, when it has one: CACHE_URL in the env file names it (redis://:PASSWORD@HOST:PORT/DB).

Debian 12's Django is 3.2, which has no Redis cache backend, so the demo talks to Redis with redis-py (Debian's
python3-redis), imported only when a cache is configured: a cluster without one needs neither the package nor the
server."""
from django.conf import settings

COUNTER = "demo:hits"

_clients = {}


class NoCache(Exception):
    """The cluster has no cache: CACHE_URL is not set."""


class CacheDown(Exception):
    """The cache is configured but cannot be used: not reachable, or redis-py is not installed."""


def _client():
    if not settings.CACHE_URLS:
        raise NoCache("this cluster has no cache: CACHE_URL is not set")
    url = settings.CACHE_URLS[0]
    if url not in _clients:
        try:
            import redis
        except ImportError as e:
            raise CacheDown("CACHE_URL is set but redis-py is missing (Debian package python3-redis): %s" % e) from e
        # short timeouts: a cache that is down must not hold a gunicorn worker for long
        _clients[url] = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    return _clients[url]


def hit():
    """Counts one more hit, shared by every app server; returns the count."""
    client = _client()
    import redis

    try:
        return client.incr(COUNTER)
    except redis.RedisError as e:
        raise CacheDown("the cache does not answer: %s" % e) from e


def ping():
    """Raises NoCache or CacheDown unless the cache answers."""
    client = _client()
    import redis

    try:
        client.ping()
    except redis.RedisError as e:
        raise CacheDown("the cache does not answer: %s" % e) from e
