"""`manage.py export_archive FILE`: every record and every stored document in one zip file."""

from django.core.management.base import BaseCommand, CommandError

from dhrsite.archive import ArchiveError, export_archive


class Command(BaseCommand):
    help = "Write every record and every stored document to one zip file (see dhrsite/archive.py)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the archive, e.g. backup.zip")

    def handle(self, *args, file, **options):
        try:
            manifest = export_archive(file)
        except (ArchiveError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["records"].values())
        self.stdout.write(f"Wrote {file}: {rows} records and {len(manifest['files'])} files.")
