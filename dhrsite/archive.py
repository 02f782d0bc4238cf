"""Backup and restore: every record and every stored document in one zip file.

The archive holds:

- `records.json`: every row of every model, as Django's serializers give them, with natural
  keys for content types and permissions (which `migrate` recreates with ids of its own), and
  times kept to the microsecond;
- `files/<name>`: every file a record points to (documents, covers, logos), under the name it
  has in storage;
- `manifest.json`: the format, when it was made, how many rows of each model, and the SHA-256
  of each file, checked again on import.

`import_archive` restores into an empty database (after `migrate`) and an empty storage, and
refuses anything else rather than mixing two sites' records.
"""

import datetime
import hashlib
import io
import json
import zipfile

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction

FORMAT = "dhrsite-archive/1"
# Recreated by `migrate` (content types, permissions) or not worth keeping (sessions, the
# page generation, which the first request after a restore draws anew).
SKIPPED_MODELS = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "reviews.pagegeneration",
}


class ArchiveError(Exception):
    """The archive cannot be written or restored; the message says why."""


def archived_models():
    """Every model whose rows are archived, parents before the rows that point to them."""
    app_list = {
        config: None for config in apps.get_app_configs() if config.models_module is not None
    }
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [
        model
        for model in ordered
        if model._meta.label_lower not in SKIPPED_MODELS
        and not model._meta.proxy
        and model._meta.managed
    ]


def _file_fields(model):
    return [field for field in model._meta.fields if isinstance(field, models.FileField)]


def stored_files(using=DEFAULT_DB_ALIAS):
    """(storage, name) of every file a record points to, each once."""
    seen = {}
    for model in archived_models():
        fields = _file_fields(model)
        if not fields:
            continue
        for row in model._base_manager.using(using).values(*[f.name for f in fields]):
            for field in fields:
                name = row[field.name]
                if name:
                    seen.setdefault(name, field.storage)
    return [(storage, name) for name, storage in sorted(seen.items())]


def serialize_records(using=DEFAULT_DB_ALIAS):
    """All archived rows as JSON, in a stable order (by model, then primary key)."""

    def rows():
        for model in archived_models():
            yield from model._base_manager.using(using).order_by("pk").iterator()

    records = serializers.serialize("python", rows(), use_natural_foreign_keys=True)
    return json.dumps(records, cls=FullPrecisionEncoder, indent=1)


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's JSON encoder keeps times to the millisecond; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def export_archive(path, using=DEFAULT_DB_ALIAS):
    """Write the archive to `path`; returns the manifest."""
    with transaction.atomic(using=using):
        # One consistent moment: no row can change between the records and the file list.
        records = serialize_records(using)
        counts = {
            model._meta.label_lower: model._base_manager.using(using).count()
            for model in archived_models()
        }
        files = stored_files(using)
    manifest = {
        "format": FORMAT,
        "created": datetime.datetime.now(tz=datetime.UTC).isoformat(timespec="seconds"),
        "records": counts,
        "files": {},
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("records.json", records)
        for storage, name in files:
            digest = hashlib.sha256()
            with storage.open(name, "rb") as source, archive.open(f"files/{name}", "w") as target:
                for chunk in iter(lambda: source.read(1024 * 1024), b""):
                    digest.update(chunk)
                    target.write(chunk)
            manifest["files"][name] = digest.hexdigest()
        archive.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def _read_manifest(archive):
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except KeyError as error:
        raise ArchiveError("This is not a dhrsite archive: it has no manifest.json.") from error
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"Unknown archive format {manifest.get('format')!r}; need {FORMAT}.")
    return manifest


def _check_empty(using):
    filled = [
        model._meta.label
        for model in archived_models()
        if model._base_manager.using(using).exists()
    ]
    if filled:
        raise ArchiveError(
            "The database is not empty, so nothing was imported. Restore into a new database "
            "(run `manage.py migrate` on it first). Tables with rows: " + ", ".join(filled)
        )


def import_archive(path, storage=None, using=DEFAULT_DB_ALIAS):
    """Restore the archive at `path`; returns the manifest. Nothing is changed on failure."""
    from django.core.files.storage import default_storage

    storage = storage or default_storage
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise ArchiveError(f"Cannot read {path}: {error}") from error
    with archive:
        manifest = _read_manifest(archive)
        _check_empty(using)
        for name, expected in manifest["files"].items():
            digest = hashlib.sha256(archive.read(f"files/{name}")).hexdigest()
            if digest != expected:
                raise ArchiveError(f"The archive's copy of {name} is damaged (SHA-256 differs).")
            if storage.exists(name):
                raise ArchiveError(
                    f"The storage already holds {name}, so nothing was imported. Restore into "
                    "an empty storage."
                )
        written = []
        try:
            # Files first: a document's record is checked against its stored file as it is
            # restored (reviews.documents: a restored PDF must be one the pipeline cleaned).
            for name in manifest["files"]:
                saved = storage.save(name, ContentFile(archive.read(f"files/{name}")))
                written.append(saved)
                if saved != name:
                    raise ArchiveError(f"The storage renamed {name} to {saved}.")
            with transaction.atomic(using=using):
                _load_records(archive.read("records.json"), using)
        except BaseException:
            for name in written:
                storage.delete(name)
            raise
    return manifest


def _load_records(data, using):
    loaded_models = set()
    objects = serializers.deserialize(
        "python",
        json.loads(data),
        using=using,
        handle_forward_references=True,
        ignorenonexistent=False,
    )
    deferred = []
    for obj in objects:
        try:
            obj.save(using=using)
        except ValidationError as error:
            raise ArchiveError(
                f"{obj.object._meta.verbose_name} {obj.object.pk} was not restored: "
                + " ".join(error.messages)
            ) from error
        loaded_models.add(type(obj.object))
        if obj.deferred_fields:
            deferred.append(obj)
    for obj in deferred:
        obj.save_deferred_fields(using=using)
    # Links restored above made the search index follow rows still half loaded; the search
    # index is derived data, so build it again from the restored records and page texts.
    call_command("rebuild_search_index", skip_extraction=True, stdout=io.StringIO())
    # New rows after a restore must not collide with restored ids (PostgreSQL sequences).
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), list(loaded_models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
