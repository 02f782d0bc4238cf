"""Backup and restore: the demo data leaves through export_archive and comes back whole."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from dhrsite.archive import archived_models, serialize_records, stored_files
from reviews.models import Review, ReviewDocument, Theme

pytestmark = pytest.mark.django_db(transaction=True)


def file_digests():
    return {
        name: hashlib.sha256(storage.open(name, "rb").read()).hexdigest()
        for storage, name in stored_files()
    }


def assert_same_records(restored, original):
    """Row by row, naming the first field that differs."""
    assert len(restored) == len(original)
    for after, before in zip(restored, original, strict=True):
        assert (after["model"], after["pk"]) == (before["model"], before["pk"])
        for field, value in before["fields"].items():
            assert after["fields"][field] == value, (before["model"], before["pk"], field)


def rows_by_model():
    return {model._meta.label_lower: model._base_manager.count() for model in archived_models()}


def test_the_demo_data_round_trips_every_row_and_every_file(tmp_path, settings):
    call_command("load_demo_data", stdout=io.StringIO())
    records = serialize_records()
    digests = file_digests()
    counts = rows_by_model()
    assert ReviewDocument.objects.count() >= 10 and len(digests) >= 20
    archive = tmp_path / "backup.zip"

    call_command("export_archive", str(archive), stdout=io.StringIO())

    # A new, empty database and storage.
    call_command("flush", "--noinput", verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    assert not Review.objects.exists() and stored_files() == []

    out = io.StringIO()
    call_command("import_archive", str(archive), stdout=out)

    assert "Restored" in out.getvalue()
    assert rows_by_model() == counts
    assert_same_records(json.loads(serialize_records()), json.loads(records))
    assert file_digests() == digests
    for document in ReviewDocument.objects.all():
        data = default_storage.open(document.file.name, "rb").read()
        assert hashlib.sha256(data).hexdigest() == document.sha256
    # New records after a restore get new ids.
    Theme.objects.create(name="After restore", slug="after-restore")


def test_import_refuses_a_database_that_is_not_empty(tmp_path):
    call_command("load_demo_data", stdout=io.StringIO())
    archive = tmp_path / "backup.zip"
    call_command("export_archive", str(archive), stdout=io.StringIO())

    with pytest.raises(CommandError, match="The database is not empty"):
        call_command("import_archive", str(archive), stdout=io.StringIO())


def test_import_refuses_a_damaged_file(tmp_path, settings):
    call_command("load_demo_data", stdout=io.StringIO())
    archive = tmp_path / "backup.zip"
    call_command("export_archive", str(archive), stdout=io.StringIO())
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("files/") and item.filename.endswith(".pdf"):
                data = data[:-10] + b"0123456789"
            target.writestr(item, data)
    call_command("flush", "--noinput", verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "restored-media"

    with pytest.raises(CommandError, match="damaged"):
        call_command("import_archive", str(damaged), stdout=io.StringIO())
    assert not Review.objects.exists()
