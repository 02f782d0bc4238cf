"""`manage.py import_archive FILE`: restore an archive into an empty database and storage."""

from django.core.management.base import BaseCommand, CommandError

from dhrsite.archive import ArchiveError, import_archive


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_archive into an empty database (after migrate) "
        "and an empty document storage. Refuses to mix with existing records."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive written by export_archive")

    def handle(self, *args, file, **options):
        try:
            manifest = import_archive(file)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["records"].values())
        self.stdout.write(f"Restored {file}: {rows} records and {len(manifest['files'])} files.")
