"""What the public sees has changed: the generation that public pages and search facets follow.

The generation is a random token shared by every worker of every instance: in Redis when the
site has it (`settings.DHR_CACHE_SHARED`), otherwise in the database (`PageGeneration`, one
row, one small read per request), never in a worker's own memory, where a change made through
another worker would go unheard. Any change to a record that public pages show draws a new
one, so whatever was kept under the old one (a cached page, a process's facet bitmaps) is never
used again. Each app says which of its models those are (`watch`, from its
AppConfig.ready()); nothing here names an app or a view.

With Redis, a new generation is also published (one transaction with the new token), and each
worker process listens (`heard_generation`): before it answers, it reads whatever has arrived
on its subscription, which costs a look at a socket rather than a round trip. A change is
published before the request that made it is answered, so it is heard by every worker at
least as soon as anyone can ask them about it; the benchmark (bench/load.py) measures how
long the last worker still serves the old page. What the subscription cannot vouch for is
asked of Redis as before: until the subscription is confirmed, after it was lost or renewed
(changes may have gone by unheard), and once every `DHR_GENERATION_CONFIRM_SECONDS`, which
bounds what a silently broken connection could hide.
"""

import logging
import os
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

logger = logging.getLogger(__name__)

GENERATION_KEY = "dhr:pages:generation"
# Where each new generation is published.
GENERATION_CHANNEL = "dhr:pages:generations"
# After losing the subscription, a process asks Redis on every request and tries to subscribe
# again after this many seconds.
RESUBSCRIBE_SECONDS = 5


def _new_generation():
    return uuid.uuid4().hex


def generation_in_cache():
    """Whether the generation is kept in the cache (shared Redis) rather than the database."""
    return settings.DHR_CACHE_SHARED


def public_generation():
    """The current generation (made if there is none)."""
    if not generation_in_cache():
        return _database_generation()
    generation = heard_generation()
    if generation is not None:
        return generation
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _database_generation():
    from .models import PageGeneration

    token = PageGeneration.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:
        token = PageGeneration.objects.get_or_create(pk=1, defaults={"token": _new_generation()})[
            0
        ].token
    return token


def pages_changed(**kwargs):
    """Forget every cached page and facet bitmap (the next request makes them again)."""
    try:
        if generation_in_cache():
            cache.set_and_publish(GENERATION_KEY, _new_generation(), GENERATION_CHANNEL)
        else:
            from .models import PageGeneration

            PageGeneration.objects.update_or_create(pk=1, defaults={"token": _new_generation()})
    except Exception:  # noqa: BLE001 - a cache outage must not stop a save
        logger.exception("could not clear the page cache")


class _GenerationListener:
    """A process's subscription to new generations, and the generation it last heard."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pid = None
        self._subscription = None
        self._subscribed = False
        self._generation = None
        self._confirmed_at = 0.0
        self._resubscribe_at = 0.0

    def forget(self):
        """Drop the subscription (the cache it was made on is no longer the site's)."""
        with self._lock:
            self._drop()
            self._resubscribe_at = 0.0

    def _drop(self):
        subscription, self._subscription = self._subscription, None
        if subscription is not None:
            try:
                subscription.close()
            except Exception:  # noqa: BLE001 - a connection already gone
                logger.debug("closing a lost subscription failed", exc_info=True)

    def generation(self):
        """The current generation as heard, or None where the subscription cannot vouch for
        it (the caller then asks Redis)."""
        # Another thread of this process is reading the subscription: ask Redis instead.
        if not self._lock.acquire(blocking=False):
            return None
        try:
            return self._heard()
        except Exception:  # noqa: BLE001 - a lost subscription: Redis is asked instead
            logger.warning("lost the subscription to new generations", exc_info=True)
            self._drop()
            return None
        finally:
            self._lock.release()

    def _heard(self):
        now = time.monotonic()
        if self._pid != os.getpid():  # a forked process: the parent's connection is not ours
            self._pid, self._subscription = os.getpid(), None
        if self._subscription is None:
            if now < self._resubscribe_at:
                return None
            self._resubscribe_at = now + RESUBSCRIBE_SECONDS
            self._subscribed, self._generation = False, None
            self._subscription = cache.subscription(GENERATION_CHANNEL)
        while (message := self._subscription.get_message(timeout=0)) is not None:
            if message["type"] == "subscribe":
                # Subscribed, or subscribed again after redis-py reconnected by itself: changes
                # may have gone by unheard, so the generation is read afresh.
                self._subscribed, self._generation = True, None
            elif message["type"] == "message":
                self._generation = message["data"].decode()
        if not self._subscribed:
            return None
        if self._generation is None or now - self._confirmed_at >= (
            settings.DHR_GENERATION_CONFIRM_SECONDS
        ):
            self._generation = cache.get(GENERATION_KEY)
            self._confirmed_at = now
        return self._generation


_listener = _GenerationListener()


def heard_generation():
    """The generation this process has heard of on its subscription (None without one)."""
    return _listener.generation()


@receiver(setting_changed)
def _cache_settings_changed(setting, **kwargs):
    # The tests give each one a Redis prefix of its own, and so a channel of its own.
    if setting in ("CACHES", "DHR_CACHE_SHARED"):
        _listener.forget()


def _record_changed(sender, **kwargs):
    pages_changed()
    # And again once the change is committed: a page made between the first token and the
    # commit, from the data before the change, is then never served.
    transaction.on_commit(pages_changed)


def watch(models):
    """Draw a new generation whenever one of these models' records is saved, deleted or
    relinked (many-to-many), from any process: the admin, a command, a shell."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(_record_changed, sender=model, dispatch_uid=f"changes-save-{label}")
        post_delete.connect(_record_changed, sender=model, dispatch_uid=f"changes-del-{label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _record_changed, sender=through, dispatch_uid=f"changes-m2m-{label}-{field.name}"
            )
