"""The project's cache backend: Django's Redis cache, with one client per server."""

from django.core.cache.backends import redis as django_redis


class _ReusedRedisClient(django_redis.RedisCacheClient):
    """Django's Redis client builds a new redis.Redis object (and its table of some 170
    response handlers) for every operation, which was a quarter of the cost of a page served
    from the cache. redis.Redis is safe to share between threads, so one per server is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCache(django_redis.RedisCache):
    """Django's RedisCache (settings.CACHES uses it when REDIS_URL is set), reusing its clients."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedRedisClient
