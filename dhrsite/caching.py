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

    def set_and_publish(self, key, value, channel):
        """Keep `value` under `key` for ever and publish it on `channel`, in one transaction:
        whoever hears the message can trust that the key already holds it."""
        key = self.make_and_validate_key(key)
        client = self._cache.get_client(key, write=True)
        pipeline = client.pipeline(transaction=True)
        pipeline.set(key, self._cache._serializer.dumps(value))
        pipeline.publish(self.make_key(channel), value)
        pipeline.execute()

    def subscription(self, channel):
        """A new subscription to `channel` (redis-py's PubSub, on a connection of its own) on
        the server that is written to. Its first message confirms it."""
        pubsub = self._cache.get_client(write=True).pubsub()
        pubsub.subscribe(self.make_key(channel))
        return pubsub
