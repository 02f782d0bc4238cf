"""Step 2 of the pipeline: take out what a published PDF must not carry, and say what went.

Scripts, actions other than following a link, embedded files, multimedia, XFA forms and the
metadata that can name people (the information dictionary, XMP, private application data)
are removed (`strip_pdf`). `find_active_content` then reads every object of the result, so
anything the cleaner missed is found before the file is published.
"""

import io

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

from .validate import PARSE_ERRORS

# Actions a link or bookmark may keep: move within the document, open a web address, or a
# viewer command such as "next page". Everything else (JavaScript, Launch, SubmitForm,
# ImportData, GoToR, GoToE, Rendition, ...) is removed.
SAFE_ACTIONS = {"/GoTo", "/URI", "/Named"}
# Annotations that carry files or multimedia players rather than marks on the page.
UNSAFE_ANNOTATIONS = {"/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D"}
# Keys that should not appear anywhere in a cleaned document.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFile", "/EmbeddedFiles", "/XFA"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData"}
# The information dictionary's entries, named as an office suite shows them.
INFO_LABELS = {
    "/Author": _("author"),
    "/Creator": _("creator (the program that made it)"),
    "/Producer": _("producer"),
    "/Title": _("title"),
    "/Subject": _("subject"),
    "/Keywords": _("keywords"),
}
XMP_LABELS = [
    ("dc_creator", _("author")),
    ("xmp_creator_tool", _("creator (the program that made it)")),
    ("pdf_producer", _("producer")),
    ("dc_title", _("title")),
    ("dc_subject", _("subject")),
    ("pdf_keywords", _("keywords")),
    ("dc_description", _("description")),
]
# What a removed link or button did, in words, by its action.
LINK_ACTION_LABELS = {
    "/Launch": _("starts another program or opens a file"),
    "/SubmitForm": _("sends form data to a website"),
    "/ImportData": _("imports data from a file"),
    "/GoToR": _("opens another PDF"),
    "/GoToE": _("opens an embedded PDF"),
}


class Removals:
    """What the cleaner took out, counted, then described in words an officer understands."""

    def __init__(self):
        self.scripts = 0
        self.open_action = False
        self.document_actions = False
        self.page_actions = 0
        self.field_actions = 0
        self.link_actions = {}
        self.attachments = []
        self.multimedia = 0
        self.xfa = False
        self.info_fields = []
        self.xmp_fields = []
        self.xmp = False
        self.private_data = False

    def action(self, action):
        kind = str(action.get("/S", "")) or "?"
        if kind == "/JavaScript":
            self.scripts += 1
        else:
            self.link_actions[kind] = self.link_actions.get(kind, 0) + 1

    def describe(self):
        """One line for each kind of thing removed, in the order an officer would look."""
        said = [*self._actions(), *self._links(), *self._embedded(), *self._metadata()]
        return tuple(str(item) for item in said)

    def _actions(self):
        if self.scripts:
            yield ngettext(
                "JavaScript (%(count)d script)", "JavaScript (%(count)d scripts)", self.scripts
            ) % {"count": self.scripts}
        if self.open_action:
            yield _("an action that ran when the document was opened")
        if self.document_actions:
            yield _("actions that ran when the document was closed, saved or printed")
        if self.page_actions:
            yield ngettext(
                "actions that ran when %(count)d page was shown",
                "actions that ran when %(count)d pages were shown",
                self.page_actions,
            ) % {"count": self.page_actions}
        if self.field_actions:
            yield ngettext(
                "actions in %(count)d form field",
                "actions in %(count)d form fields",
                self.field_actions,
            ) % {"count": self.field_actions}

    def _links(self):
        for kind, count in sorted(self.link_actions.items()):
            label = LINK_ACTION_LABELS.get(kind) or _(
                "does something other than follow a link (%(kind)s)"
            ) % {"kind": kind[1:]}
            yield ngettext(
                "%(count)d link or button that %(label)s",
                "%(count)d links or buttons that %(label)s",
                count,
            ) % {"count": count, "label": label}

    def _embedded(self):
        if self.attachments:
            yield ngettext(
                "%(count)d embedded file (%(names)s)",
                "%(count)d embedded files (%(names)s)",
                len(self.attachments),
            ) % {
                "count": len(self.attachments),
                "names": ", ".join(f"“{name}”" for name in self.attachments),
            }
        if self.multimedia:
            yield ngettext(
                "%(count)d embedded media player",
                "%(count)d embedded media players",
                self.multimedia,
            ) % {"count": self.multimedia}
        if self.xfa:
            yield _("an XFA form, which can run scripts")

    def _metadata(self):
        if self.info_fields:
            yield _("document properties: %(fields)s") % {
                "fields": ", ".join(str(f) for f in self.info_fields)
            }
        if self.xmp:
            fields = ", ".join(str(f) for f in self.xmp_fields) or _("no named fields")
            yield _("XMP metadata (%(fields)s)") % {"fields": fields}
        if self.private_data:
            yield _("private data left by the program that made the file")


def _safe_action(action, removals):
    """True if an action may stay; its chained /Next actions are removed either way."""
    action = action.get_object() if action is not None else None
    if not isinstance(action, DictionaryObject):
        return True
    if "/Next" in action:
        chained = action["/Next"].get_object()
        for item in chained if isinstance(chained, ArrayObject) else [chained]:
            item = item.get_object()
            if isinstance(item, DictionaryObject):
                removals.action(item)
        del action["/Next"]
    kind = action.get("/S")
    if kind == "/URI":
        uri = str(action.get("/URI", "")).strip().lower()
        if uri.startswith(("javascript:", "file:", "data:")):
            removals.action(DictionaryObject({NameObject("/S"): NameObject("/JavaScript")}))
            return False
    if kind in SAFE_ACTIONS:
        return True
    removals.action(action)
    return False


def _xmp_fields(reader):
    try:
        xmp = reader.xmp_metadata
    except PARSE_ERRORS:
        return []
    if xmp is None:
        return []
    found = []
    for attribute, label in XMP_LABELS:
        try:
            value = getattr(xmp, attribute)
        except PARSE_ERRORS:
            continue
        if value:
            found.append(label)
    return found


def _strip_outline(item, removals, seen):
    while isinstance(item, DictionaryObject) and id(item) not in seen:
        seen.add(id(item))
        if "/A" in item and not _safe_action(item["/A"], removals):
            del item["/A"]
        first = item.get("/First")
        if first is not None:
            _strip_outline(first.get_object(), removals, seen)
        following = item.get("/Next")
        item = following.get_object() if following is not None else None


def _strip_fields(fields, removals, seen):
    for field in fields.get_object() if fields is not None else []:
        field = field.get_object()
        if not isinstance(field, DictionaryObject) or id(field) in seen:
            continue
        seen.add(id(field))
        if "/AA" in field:
            del field["/AA"]
            removals.field_actions += 1
        if "/A" in field and not _safe_action(field["/A"], removals):
            del field["/A"]
        _strip_fields(field.get("/Kids"), removals, seen)


def _info_fields(reader):
    """The labels of the information dictionary's filled entries. A producer entry that names
    only pypdf (which writes it into every file it saves) says nothing about anyone, and is not
    reported as something removed."""
    info = reader.metadata or {}
    return [
        label
        for key, label in INFO_LABELS.items()
        if info.get(key) and not (key == "/Producer" and _is_pypdf(info.get(key)))
    ]


def _is_pypdf(producer):
    return str(producer).strip().lower().startswith("pypdf")


def _strip_name_trees(root, removals):
    """Document-level scripts and embedded files, kept in the catalog's /Names."""
    names = root.get("/Names")
    names = names.get_object() if names is not None else None
    if not isinstance(names, DictionaryObject):
        return
    if "/JavaScript" in names:
        tree = names["/JavaScript"].get_object()
        scripts = tree.get("/Names", []) if isinstance(tree, DictionaryObject) else []
        removals.scripts += max(1, len(scripts) // 2)
        del names["/JavaScript"]
    if "/EmbeddedFiles" in names:
        tree = names["/EmbeddedFiles"].get_object()
        entries = tree.get("/Names", []) if isinstance(tree, DictionaryObject) else []
        attached = [str(entries[i]) for i in range(0, len(entries), 2)] or ["?"]
        removals.attachments.extend(attached)
        del names["/EmbeddedFiles"]
    if not names:
        del root["/Names"]


def _strip_catalog(root, removals):
    """Actions, forms, bookmarks and metadata held by the document as a whole."""
    _strip_name_trees(root, removals)
    if "/OpenAction" in root:
        opening = root["/OpenAction"].get_object()
        # An open action that is only "show page N at this zoom" is harmless and kept.
        if isinstance(opening, DictionaryObject):
            if opening.get("/S") == "/JavaScript":
                removals.scripts += 1
            removals.open_action = True
            del root["/OpenAction"]
    if "/AA" in root:
        removals.document_actions = True
        del root["/AA"]
    form = root.get("/AcroForm")
    form = form.get_object() if form is not None else None
    if isinstance(form, DictionaryObject):
        if "/XFA" in form:
            removals.xfa = True
            del form["/XFA"]
        _strip_fields(form.get("/Fields"), removals, set())
    outlines = root.get("/Outlines")
    if outlines is not None:
        first = outlines.get_object().get("/First")
        if first is not None:
            _strip_outline(first.get_object(), removals, set())
    if "/Metadata" in root:
        removals.xmp = True
        del root["/Metadata"]
    if "/PieceInfo" in root:
        removals.private_data = True
        del root["/PieceInfo"]


def _kept_annotations(annotations, removals):
    """The page's annotations less attachments and players, their actions made safe."""
    kept = ArrayObject()
    for reference in annotations:
        annotation = reference.get_object()
        if not isinstance(annotation, DictionaryObject):
            continue
        subtype = annotation.get("/Subtype")
        if subtype == "/FileAttachment":
            spec = annotation.get("/FS")
            spec = spec.get_object() if spec is not None else None
            name = ""
            if isinstance(spec, DictionaryObject):
                name = str(spec.get("/UF") or spec.get("/F") or "")
            removals.attachments.append(name or "?")
            continue
        if subtype in UNSAFE_ANNOTATIONS:
            removals.multimedia += 1
            continue
        if "/AA" in annotation:
            removals.page_actions += 1
            del annotation["/AA"]
        if "/A" in annotation and not _safe_action(annotation["/A"], removals):
            del annotation["/A"]
        kept.append(reference)
    return kept


def _strip_page(page, removals):
    if "/AA" in page:
        removals.page_actions += 1
        del page["/AA"]
    for key in ("/Metadata", "/PieceInfo"):
        if key in page:
            removals.xmp = removals.xmp or key == "/Metadata"
            removals.private_data = removals.private_data or key == "/PieceInfo"
            del page[key]
    annotations = page.get("/Annots")
    annotations = annotations.get_object() if annotations is not None else None
    if isinstance(annotations, ArrayObject):
        page[NameObject("/Annots")] = _kept_annotations(annotations, removals)


def _written(writer):
    output = io.BytesIO()
    writer.write(output)
    return output


def strip_pdf(reader):
    """A copy of the document without active content or identifying metadata.

    Returns `(cleaned bytes, descriptions of what was removed)`.
    """
    removals = Removals()
    removals.info_fields = _info_fields(reader)
    removals.xmp_fields = _xmp_fields(reader)
    writer = PdfWriter(clone_from=reader)
    _strip_catalog(writer.root_object, removals)
    for page in writer.pages:
        _strip_page(page, removals)
    # What was cut loose is still in the writer; copying once more from the catalog takes only
    # what the cleaned document still refers to.
    writer = PdfWriter(clone_from=PdfReader(_written(writer), strict=False))
    # No information dictionary at all: not even the name of the program that cleaned it.
    writer.metadata = None
    return _written(writer).getvalue(), removals.describe()


def find_active_content(data):
    """Keys of active content still present anywhere in a PDF (an empty set is a pass).

    Every object in the file is read, not just the ones reachable from the usual places, so
    a script hidden where the cleaner does not look is still found.
    """
    reader = PdfReader(io.BytesIO(data), strict=False)
    found = set()
    for generation in reader.xref.values():
        for number in list(generation):
            found.update(_active_keys_in(reader.get_object(number)))
    for number in getattr(reader, "xref_objStm", {}):
        found.update(_active_keys_in(reader.get_object(number)))
    if "/Info" in reader.trailer:
        found.add("/Info")
    return found


def _active_keys_in(obj):
    obj = obj.get_object() if obj is not None else None
    if isinstance(obj, StreamObject):
        obj = DictionaryObject(obj)
    if not isinstance(obj, DictionaryObject):
        return set()
    found = {key for key in obj if key in ACTIVE_KEYS}
    action = obj.get("/S")
    if action is not None and str(action) in ACTIVE_ACTIONS:
        found.add(str(action))
    if obj.get("/Type") == "/Metadata":
        found.add("/Metadata")
    return found
