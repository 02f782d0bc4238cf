"""The abstract models every published PDF is built on: the document and its page texts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .pipeline import check_restored, has_new_upload, prepare_upload
from .storage import (
    DocumentStorageError,
    cover_upload_to,
    delete_quietly,
    document_upload_to,
    note_written,
)
from .text import store_page_texts


class PdfDocument(models.Model):
    """A published PDF with the facts a reader needs before downloading it.

    A concrete model adds a `pages` relation: a PageText model with `document = ForeignKey(
    <the model>, related_name="pages")`, where the pipeline keeps each page's text.
    """

    file = models.FileField(_("PDF file"), upload_to=document_upload_to, max_length=200)
    size_bytes = models.PositiveBigIntegerField(_("size in bytes"), editable=False, default=0)
    page_count = models.PositiveIntegerField(_("pages"), editable=False, default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    cover = models.ImageField(
        _("cover image"), upload_to=cover_upload_to, max_length=200, blank=True, editable=False
    )
    removed_content = models.TextField(
        _("removed when uploaded"),
        blank=True,
        editable=False,
        help_text=_("What the upload checks took out of the file before publishing it."),
    )

    # Files a document owns in storage, deleted with it or when replaced.
    stored_file_fields = ("file", "cover")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Clean a new upload if nobody has, write its files, then the row and its page texts;
        if anything fails, remove what was written.

        A file this save replaces is deleted only once the transaction has committed, so a
        rollback never leaves a record pointing at a file that is gone.
        """
        prepare_upload(self)
        new_upload = has_new_upload(self)
        new_fields = [
            name
            for name in self.stored_file_fields
            if getattr(self, name) and not getattr(getattr(self, name), "_committed", True)
        ]
        replaced = self._stored_names(new_fields) if self.pk and new_fields else []
        written = []
        try:
            for name in new_fields:
                written.append(self._write(name))
            with transaction.atomic():
                super().save(*args, **kwargs)
                if new_upload:
                    store_page_texts(self)
        except BaseException:
            delete_quietly(written)
            raise
        if replaced:
            transaction.on_commit(lambda: delete_quietly(replaced))

    def clean(self):
        super().clean()
        try:
            prepare_upload(self)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error

    def _write(self, name):
        field_file = getattr(self, name)
        try:
            field_file.save(field_file.name, field_file.file, save=False)
        except Exception as error:
            raise DocumentStorageError(
                _("The file could not be stored (%(reason)s).")
                % {"reason": error.__class__.__name__}
            ) from error
        note_written(field_file.storage, field_file.name)
        return field_file.storage, field_file.name

    def _stored_names(self, field_names):
        """(storage, name) of the files now stored for these fields, that a save replaces."""
        stored = type(self)._default_manager.filter(pk=self.pk).values(*field_names).first()
        if not stored:
            return []
        return [
            (getattr(self, name).storage, stored[name])
            for name in field_names
            if stored[name] and stored[name] != getattr(self, name).name
        ]

    @property
    def removed_items(self):
        return [line for line in self.removed_content.splitlines() if line]

    @property
    def description(self):
        """What a reader sees beside the link: "PDF, 1.2 MB, 34 pages"."""
        pages = ngettext("%(count)d page", "%(count)d pages", self.page_count) % {
            "count": self.page_count
        }
        return _("PDF, %(size)s, %(pages)s") % {
            "size": filesizeformat(self.size_bytes),
            "pages": pages,
        }


class PageText(models.Model):
    """The text of one page of a document, stored by the pipeline when its file was saved.

    A concrete model adds `document = ForeignKey(<a PdfDocument>, related_name="pages")`.
    """

    number = models.PositiveIntegerField(_("page number"))
    text = models.TextField(_("text"), blank=True)

    class Meta:
        abstract = True
        ordering = ["document", "number"]
        verbose_name = _("document page")
        verbose_name_plural = _("document pages")


@receiver(post_delete, dispatch_uid="pdf_document_files")
def _delete_files_of_deleted_document(sender, instance, using, **kwargs):
    # Also reached by cascades and bulk deletes, which skip Model.delete().
    if not isinstance(instance, PdfDocument):
        return
    files = [
        (getattr(instance, name).storage, getattr(instance, name).name)
        for name in instance.stored_file_fields
        if getattr(instance, name)
    ]
    if files:
        transaction.on_commit(lambda: delete_quietly(files), using=using)


@receiver(pre_save, dispatch_uid="pdf_document_restored")
def _check_restored_document(sender, instance, raw, **kwargs):
    # A raw save (an archive import, a fixture) writes the record as it comes, past save().
    if raw and isinstance(instance, PdfDocument) and instance.file:
        check_restored(instance)
