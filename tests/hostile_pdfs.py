"""PDFs with the things an upload must not publish, built here with pypdf's writer on top of
reviews.pdf_writer's plain pages: scripts, actions, attachments, metadata, encryption."""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from reviews.pdf_writer import make_text_pdf

AUTHOR = "Jane Q. Officer"
SCRIPT = "app.alert('the document ran a script');"


def plain_pdf(pages=2, text="The executive summary", **info):
    return make_text_pdf([[f"{text}, page {n + 1}"] for n in range(pages)], **info)


def _writer(pages=2):
    return PdfWriter(clone_from=PdfReader(io.BytesIO(plain_pdf(pages))))


def _bytes(writer):
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _add_document_script(writer):
    """A document-level script, in the catalog's /Names /JavaScript tree as Acrobat writes it."""
    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(SCRIPT)}
    )
    tree = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject(
                [TextStringObject("greeting"), writer._add_object(script)]
            )
        }
    )
    names = writer.root_object.setdefault(NameObject("/Names"), DictionaryObject())
    names.get_object()[NameObject("/JavaScript")] = writer._add_object(tree)


def with_javascript():
    writer = _writer()
    _add_document_script(writer)
    return _bytes(writer)


def with_embedded_file(name="panel-notes.docx"):
    writer = _writer()
    writer.add_attachment(name, b"Notes that name the family and the author.")
    return _bytes(writer)


def with_open_action():
    writer = _writer()
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(SCRIPT)}
    )
    writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _bytes(writer)


def with_launch_link():
    """A link on page 1 that starts a program, and a file-attachment annotation on page 2."""
    writer = _writer()
    launch = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (50, 50, 200, 80)]),
            NameObject("/A"): launch,
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return _bytes(writer)


def with_metadata(entries):
    """A plain file whose information dictionary holds exactly `entries`."""
    writer = _writer()
    writer.metadata = None
    writer.add_metadata(entries)
    return _bytes(writer)


def with_author_and_xmp(author=AUTHOR):
    writer = _writer()
    writer.add_metadata(
        {
            "/Author": author,
            "/Creator": "Word for Windows",
            "/Producer": "Acrobat Distiller",
            "/Title": "Adult Z overview report, final draft",
            "/Subject": "DHR",
            "/Keywords": "confidential",
        }
    )
    xmp = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f"<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>"
        "<xmp:CreatorTool>Word for Windows</xmp:CreatorTool>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    writer.xmp_metadata = xmp.encode("utf-8")
    return _bytes(writer)


def with_everything(author=AUTHOR):
    """Author, XMP, a script, an open action and an attachment in one file."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(with_author_and_xmp(author))))
    _add_document_script(writer)
    writer.add_attachment("panel-notes.docx", b"Private notes.")
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(SCRIPT)}
    )
    writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _bytes(writer)


def with_hidden_script():
    """A script reachable only through a private key of the catalog, where no cleaner looks."""
    writer = _writer()
    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(SCRIPT)}
    )
    writer.root_object[NameObject("/ZZPrivate")] = writer._add_object(script)
    return _bytes(writer)


def encrypted():
    writer = _writer()
    writer.encrypt(user_password="secret", owner_password="also-secret")
    return _bytes(writer)
