"""Reading the uploaded ZIP file safely: nothing is unpacked to disk, every name must stay
inside the ZIP, and no file (nor the whole) may unpack to more than the site's limits, whatever
its header claims (a "zip bomb")."""

import posixpath
import re
import zipfile
import zlib

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MANIFEST_NAME = "manifest.csv"
MAX_ENTRIES = 5000
MAX_MANIFEST_BYTES = 2 * 1024 * 1024
# What zipping tools add on their own; never named by a manifest, never reported.
_JUNK = re.compile(r"(^|/)(__MACOSX/|\._|\.DS_Store$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError)


class PackageError(Exception):
    """The ZIP file as a whole cannot be used; the message says why."""


def clean_name(name):
    """A name inside the ZIP with forward slashes, or None if it points outside the ZIP."""
    name = name.replace("\\", "/").strip()
    if name.startswith("./"):
        name = name[2:]
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    if ".." in name.split("/"):
        return None
    return name


class Package:
    """The files of an uploaded ZIP, by their name relative to the folder of `manifest.csv`."""

    def __init__(self, file):
        try:
            if hasattr(file, "seek"):
                file.seek(0)
            self.archive = zipfile.ZipFile(file)
            infos = self.archive.infolist()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
            raise PackageError(
                _("This is not a ZIP file, or it is damaged. Make the ZIP file again.")
            ) from error
        if len(infos) > MAX_ENTRIES:
            raise PackageError(
                _("The ZIP file holds more than %(limit)d files. Split it into smaller ones.")
                % {"limit": MAX_ENTRIES}
            )
        entries = {}
        for info in infos:
            name = clean_name(info.filename)
            if name is None:
                raise PackageError(
                    _(
                        "The ZIP file holds a name that points outside it (%(name)s), so "
                        "nothing in it was read. Make the ZIP file again from a folder."
                    )
                    % {"name": info.filename[:200]}
                )
            if info.is_dir() or _JUNK.search(name):
                continue
            entries[name] = info
        total = sum(info.file_size for info in entries.values())
        if total > settings.DHR_MAX_IMPORT_BYTES:
            raise PackageError(
                _(
                    "Unpacked, the ZIP file's contents are %(size)s; the most one import "
                    "accepts is %(limit)s. Split it into smaller ZIP files."
                )
                % {
                    "size": filesizeformat(total),
                    "limit": filesizeformat(settings.DHR_MAX_IMPORT_BYTES),
                }
            )
        manifests = [name for name in entries if posixpath.basename(name).lower() == MANIFEST_NAME]
        if not manifests:
            raise PackageError(
                _("The ZIP file has no manifest.csv. Add one (download the template).")
            )
        if len(manifests) > 1:
            raise PackageError(
                _("The ZIP file has more than one manifest.csv (%(names)s). Keep one.")
                % {"names": ", ".join(sorted(manifests))}
            )
        folder = posixpath.dirname(manifests[0])
        prefix = f"{folder}/" if folder else ""
        self.manifest_info = entries.pop(manifests[0])
        # Files outside the manifest's folder keep their full name, so they are reported.
        self.files = {
            (name[len(prefix) :] if prefix and name.startswith(prefix) else name): info
            for name, info in entries.items()
        }

    def read_manifest(self):
        if self.manifest_info.file_size > MAX_MANIFEST_BYTES:
            raise PackageError(_("manifest.csv is too large to be a manifest."))
        return self._read(self.manifest_info, MAX_MANIFEST_BYTES)

    def read(self, name):
        """The bytes of one file; raises PackageError if it is too large, locked or damaged."""
        info = self.files[name]
        limit = settings.DHR_MAX_UPLOAD_BYTES
        if info.file_size > limit:
            raise PackageError(
                _("The file is %(size)s; the largest file accepted is %(limit)s.")
                % {"size": filesizeformat(info.file_size), "limit": filesizeformat(limit)}
            )
        return self._read(info, limit)

    def _read(self, info, limit):
        if info.flag_bits & 0x1:
            raise PackageError(_("This file is password-protected in the ZIP file."))
        try:
            with self.archive.open(info) as stream:
                data = stream.read(limit + 1)
        except READ_ERRORS as error:
            raise PackageError(
                _("This file is damaged in the ZIP file (%(reason)s). Make the ZIP file again.")
                % {"reason": str(error)[:120] or error.__class__.__name__}
            ) from error
        if len(data) > limit:
            raise PackageError(
                _("The file is larger than its ZIP entry says; the largest accepted is %(limit)s.")
                % {"limit": filesizeformat(limit)}
            )
        return data

    def close(self):
        self.archive.close()
