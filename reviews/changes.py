"""What the public sees has changed: the generation that public pages and search facets follow.

The generation is a random token shared by every worker of every instance: in Redis when the
site has it (`settings.DHR_CACHE_SHARED`), otherwise in the database (`PageGeneration`, one
row, one small read per request), never in a worker's own memory, where a change made through
another worker would go unheard. Any change to a record that public pages show draws a new
one, so whatever was kept under the old one (a cached page, a process's facet bitmaps) is never
used again. Each app says which of its models those are (`watch`, from its
AppConfig.ready()); nothing here names an app or a view.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

GENERATION_KEY = "dhr:pages:generation"


def _new_generation():
    return uuid.uuid4().hex


def generation_in_cache():
    """Whether the generation is kept in the cache (shared Redis) rather than the database."""
    return settings.DHR_CACHE_SHARED


def public_generation():
    """The current generation (made if there is none)."""
    if not generation_in_cache():
        return _database_generation()
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
            cache.set(GENERATION_KEY, _new_generation(), timeout=None)
        else:
            from .models import PageGeneration

            PageGeneration.objects.update_or_create(pk=1, defaults={"token": _new_generation()})
    except Exception:  # noqa: BLE001 - a cache outage must not stop a save
        logger.exception("could not clear the page cache")


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
