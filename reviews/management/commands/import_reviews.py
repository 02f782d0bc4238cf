"""`manage.py import_reviews FILE.zip --partnership SLUG [--dry-run]`: a partnership's old
reviews and their PDFs from one ZIP file, as drafts (reviews/bulk_import)."""

from django.core.management.base import BaseCommand, CommandError

from reviews.bulk_import import ImportRefused, import_reviews, plan_import
from reviews.models import Partnership


class Command(BaseCommand):
    help = (
        "Import a partnership's reviews from a ZIP file of PDFs and manifest.csv, as drafts, all "
        "or nothing. With --dry-run, only say what would be created and what stops it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the ZIP file")
        parser.add_argument("--partnership", required=True, help="the partnership's slug")
        parser.add_argument("--dry-run", action="store_true", help="check only; change nothing")

    def handle(self, *args, file, partnership, dry_run, **options):
        try:
            partnership = Partnership.objects.get(slug=partnership)
        except Partnership.DoesNotExist:
            raise CommandError(f"There is no partnership with the slug {partnership!r}.") from None
        try:
            handle = open(file, "rb")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        with handle:
            if dry_run:
                plan = plan_import(handle, partnership=partnership)
                self._show_plan(plan)
                if not plan.ok:
                    raise CommandError(
                        f"{len(plan.problems)} problem(s): nothing would be imported."
                    )
                self.stdout.write(
                    f"Dry run: {len(plan.reviews)} review(s) and {len(plan.documents)} document(s) "
                    f"would be imported into {partnership}. Nothing was changed."
                )
                if plan.to_check:
                    self.stdout.write(
                        f"{len(plan.to_check)} possible personal data to check (this does not "
                        "stop the import; each review's page in the admin lists them again)."
                    )
                return
            try:
                report = import_reviews(handle, partnership=partnership, progress=self._progress)
            except ImportRefused as error:
                if error.plan is not None:
                    self._show_plan(error.plan)
                else:
                    self._show_problems(error.problems)
                raise CommandError(
                    f"{len(error.problems)} problem(s): nothing was imported."
                ) from error
        for review in report.reviews:
            self.stdout.write(f"Created draft: {review} ({review.slug})")
        self.stdout.write(
            f"Imported {len(report.reviews)} review(s) and {len(report.documents)} document(s) "
            f"into {partnership}, as drafts."
        )

    def _progress(self, number, total, file_name):
        self.stdout.write(f"{number} of {total}: {file_name}")

    def _show_plan(self, plan):
        for review in plan.reviews:
            reference = f", {review.reference}" if review.reference else ""
            month = f", {review.published_on:%Y-%m}" if review.published_on else ""
            self.stdout.write(f"Review {review.pseudonym}{reference}{month}")
            for document in review.documents:
                self.stdout.write(
                    f"  row {document.row}: {document.kind_label}, {document.language_label}: "
                    f"{document.file_name}"
                )
        for found in plan.to_check:
            self.stdout.write(f"To check, row {found.row} ({found.file_name}): {found.message}")
        self._show_problems(plan.problems)

    def _show_problems(self, problems):
        for problem in problems:
            where = f"row {problem.row}" if problem.row else "ZIP file"
            name = f" ({problem.file_name})" if problem.file_name else ""
            self.stderr.write(f"Problem, {where}{name}: {problem.message}")
