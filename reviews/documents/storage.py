"""Where a document's files are kept, and how a failed save leaves none of them behind.

Storage names are ours, never the uploader's. Files written inside `files_follow_transaction`
are deleted again if the enclosing transaction rolls back; a file a save replaces is deleted
only once the transaction has committed. Opening a stored file for a reader catches an outage
before the response begins (`open_stored`).
"""

import contextlib
import contextvars
import logging
import uuid

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class DocumentStorageError(Exception):
    """The file store refused a write. Nothing was saved."""


class StorageUnavailable(Exception):
    """The document storage (a disk or an S3 endpoint) could not be reached: a 503, not a 500
    (dhrsite/errors.py answers any exception that carries an `outage_message`)."""

    outage_message = _("This document cannot be fetched at the moment. Try again in a few minutes.")


def document_upload_to(instance, filename):
    """A random name that reveals nothing about the upload."""
    return f"documents/{uuid.uuid4().hex}.pdf"


def cover_upload_to(instance, filename):
    return f"covers/{uuid.uuid4().hex}.png"


# Files written by PdfDocument.save() inside `files_follow_transaction()`, so that a rollback
# of the enclosing transaction can remove them again.
_written_files = contextvars.ContextVar("dhr_written_files", default=None)


@contextlib.contextmanager
def files_follow_transaction(using=None):
    """An atomic block whose document files disappear again if it rolls back.

    Django has no rollback hook, so a save that wrote its files and then saw a later step of
    the same transaction fail would leave them behind; inside this block it does not.
    """
    written = []
    token = _written_files.set(written)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        delete_quietly(written)
        raise
    finally:
        _written_files.reset(token)


def note_written(storage, name):
    """Record a file just written, for the enclosing `files_follow_transaction` if any."""
    tracker = _written_files.get()
    if tracker is not None:
        tracker.append((storage, name))


def delete_quietly(files):
    """Delete (storage, name) pairs, logging rather than raising: cleaning up after a failure
    must not hide it."""
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:  # noqa: BLE001
            logger.exception("Could not delete %s after a failed save", name)


def open_stored(field_file):
    """Open a stored file for streaming, fetching it now so that an outage is caught here.

    Past this point the response has begun, and a storage error could only cut it short. A file
    that is missing from a working storage is a 404.
    """
    try:
        handle = field_file.storage.open(field_file.name, "rb")
        # S3 files are fetched on first use; do it while we can still answer 503.
        getattr(handle, "file", None)
    except FileNotFoundError as error:
        raise Http404 from error
    except Exception as error:
        if _is_missing_object(error):
            raise Http404 from error
        logger.warning("document storage unavailable: %s", error)
        raise StorageUnavailable(str(error)) from error
    return handle


def _is_missing_object(error):
    response = getattr(error, "response", None)
    code = (response or {}).get("Error", {}).get("Code") if isinstance(response, dict) else None
    return code in {"404", "NoSuchKey", "NotFound"}
