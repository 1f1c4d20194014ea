"""Every upload (IP documents, a move's document, initiatives' attachments, evidence of progress) passes one
check: the kinds of document the trade uses, recognised by content, not by name, and a size limit. A refused
file writes nothing: no row, no file under MEDIA_ROOT."""

import datetime as dt
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.files import check_upload
from initiatives import services as initiative_services
from initiatives.models import Attachment, ProgressUpdate, ReplicationSite
from ip_registry import services as ip_services
from ip_registry.models import Document
from ip_registry.workflow import ApplicationStatus
from tests.initiatives.conftest import file_initiative, recognise_provincially, school_lucngan  # noqa: F401
from tests.ip_registry.conftest import mycchu_cooperative, mycchu_mark  # noqa: F401

D = dt.date
TYPE_MESSAGE = "Chỉ nhận PDF, ảnh (PNG, JPEG, GIF, TIFF, WebP), tài liệu Word, Excel, PowerPoint"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# Files ---------------------------------------------------------------------------------------------

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


def png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def zipped(entries) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else None)
    return buffer.getvalue()


CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def docx() -> bytes:
    return zipped([("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", "<Relationships/>"),
                   ("word/document.xml", "<w:document/>")])


def odt() -> bytes:
    return zipped([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document/>"),
                   ("META-INF/manifest.xml", "<manifest:manifest/>")])


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"

ACCEPTED = {
    "quy-che.pdf": PDF,
    "ban-do.png": png(),
    "thuyet-minh.docx": docx(),
    "bien-ban.odt": odt(),
}
REFUSED = {
    "virus.exe": EXE,
    "hoa-don.pdf": EXE,  # an executable renamed: its content is no PDF
    "trang.html": b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
    "nen.zip": zipped([("readme.txt", "khong phai tai lieu Office")]),
}


# Pages ---------------------------------------------------------------------------------------------

@pytest.fixture
def initiative(district_officer_lucngan, school_lucngan):  # noqa: F811
    return file_initiative(district_officer_lucngan, school_lucngan)


@pytest.fixture
def site(district_officer_lucngan, school_lucngan, units):  # noqa: F811
    nomination = initiative_services.nomination_create(
        initiative=recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan)),
        unit=units["bg.luc-ngan"], year=2024, actor=None)
    return initiative_services.site_add(actor=None, nomination=nomination, place_kind=ReplicationSite.PlaceKind.SCHOOL,
                                        place_name="Trường THCS Biên Sơn", responsible_person="Nguyễn Văn Hùng",
                                        started_on=D(2024, 3, 1))


@pytest.fixture
def filed(mycchu_mark, mycchu_cooperative):  # noqa: F811
    return ip_services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                          application_number="4-2024-00077", filing_date=D(2024, 4, 1))


def document_page(request):
    asset = request.getfixturevalue("mycchu_mark")
    return (request.getfixturevalue("ip_officer"), reverse("ip:document_upload", args=[asset.pk]), "file",
            {"doc_type": Document.Type.MAP, "title": "Bản đồ khu vực"}, lambda: Document.objects.count())


def advance_page(request):
    application = request.getfixturevalue("filed")
    return (request.getfixturevalue("ip_officer"),
            reverse("ip:application_advance", args=[application.pk, ApplicationStatus.ACCEPTED]), "file",
            {"on": "2024-05-01", "doc_type": Document.Type.IP_OFFICE_NOTICE, "title": "Thông báo chấp nhận đơn"},
            lambda: Document.objects.count())


def attachment_page(request):
    initiative = request.getfixturevalue("initiative")
    return (request.getfixturevalue("district_officer_lucngan"),
            reverse("initiatives:attachment_upload", args=[initiative.pk]), "file", {"title": "Bản thuyết minh"},
            lambda: Attachment.objects.count())


def progress_page(request):
    site = request.getfixturevalue("site")
    return (request.getfixturevalue("district_officer_lucngan"),
            reverse("initiatives:progress_create", args=[site.pk]), "evidence", {"on": "2024-04-15", "percent": "35"},
            lambda: Attachment.objects.count() + ProgressUpdate.objects.count())


PAGES = [document_page, advance_page, attachment_page, progress_page]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.__name__)
@pytest.mark.parametrize("name", ACCEPTED)
def test_a_document_of_an_accepted_kind_is_kept(request, client_for, settings, page, name):
    user, url, field, data, rows = page(request)
    response = client_for(user).post(url, {**data, field: SimpleUploadedFile(name, ACCEPTED[name])})
    assert response.status_code == 302, response.context["form"].errors
    assert rows() >= 1
    assert [path.read_bytes() for path in stored_files(settings)] == [ACCEPTED[name]]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.__name__)
@pytest.mark.parametrize("name", REFUSED)
def test_any_other_file_is_refused_and_nothing_is_written(request, client_for, settings, page, name):
    user, url, field, data, rows = page(request)
    response = client_for(user).post(url, {**data, field: SimpleUploadedFile(name, REFUSED[name])})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert f"Tệp “{name}” không thuộc loại được nhận." in errors and TYPE_MESSAGE in errors
    assert TYPE_MESSAGE in response.content.decode()
    assert rows() == 0
    assert stored_files(settings) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.__name__)
def test_a_file_over_the_limit_is_refused_and_nothing_is_written(request, client_for, settings, page):
    settings.UPLOAD_MAX_BYTES = 100
    user, url, field, data, rows = page(request)
    response = client_for(user).post(url, {**data, field: SimpleUploadedFile("quy-che.pdf", PDF + b" " * 100)})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        f"Tệp “quy-che.pdf” ({len(PDF) + 100} byte) vượt quá dung lượng cho phép 100 byte."]
    assert rows() == 0
    assert stored_files(settings) == []


def test_the_file_input_offers_the_accepted_kinds(request, client_for):
    user, url, *_ = document_page(request)
    page = client_for(user).get(url).content.decode()
    assert 'accept=".doc,.docm,' in page and ".pdf," in page and ".odt," in page


# Services: they check the files they are given too ------------------------------------------------

def test_the_document_service_refuses_an_executable(ip_officer, mycchu_mark, settings):  # noqa: F811
    with pytest.raises(ValidationError) as refusal:
        ip_services.document_upload(actor=ip_officer, asset=mycchu_mark, doc_type=Document.Type.MAP, title="x",
                                    file=ContentFile(EXE, name="ban-do.pdf"))
    assert TYPE_MESSAGE in refusal.value.message_dict["file"][0]
    assert not Document.objects.exists() and stored_files(settings) == []


def test_the_attachment_service_refuses_an_executable(district_officer_lucngan, initiative, settings):
    with pytest.raises(ValidationError) as refusal:
        initiative_services.attachment_upload(actor=district_officer_lucngan, title="x", initiative=initiative,
                                              file=ContentFile(EXE, name="virus.exe"))
    assert TYPE_MESSAGE in refusal.value.message_dict["file"][0]
    assert not Attachment.objects.exists() and stored_files(settings) == []


def test_progress_with_a_refused_evidence_file_is_not_recorded(site, settings):
    with pytest.raises(ValidationError) as refusal:
        initiative_services.progress_record(actor=None, site=site, on=D(2024, 4, 1), percent=20,
                                            evidence=[ContentFile(PDF, name="bien-ban.pdf"),
                                                      ContentFile(EXE, name="anh.jpg")])
    assert TYPE_MESSAGE in refusal.value.message_dict["evidence"][0]
    assert not ProgressUpdate.objects.exists() and not Attachment.objects.exists()
    assert stored_files(settings) == []


# The check itself ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "content"), [
    ("scan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
    ("scan.tif", b"II*\x00\x08\x00\x00\x00"),
    ("scan.tiff", b"MM\x00*\x00\x00\x00\x08"),
    ("logo.gif", b"GIF89a\x01\x00\x01\x00"),
    ("anh.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 "),
    ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
    ("bang.xlsx", zipped([("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", "<workbook/>")])),
    ("trinh-bay.pptx", zipped([("[Content_Types].xml", CONTENT_TYPES), ("ppt/presentation.xml", "<p/>")])),
    ("bang.ods", zipped([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>")])),
    ("khong-duoi", PDF),
    ("HOA-DON.PDF", PDF),
])
def test_accepted_kinds(name, content):
    file = SimpleUploadedFile(name, content)
    check_upload(file)
    assert file.tell() == 0


@pytest.mark.parametrize(("name", "content", "message"), [
    ("anh.png", PDF, "Tệp “anh.png” có đuôi .png nhưng nội dung là tệp PDF: hãy đặt đúng đuôi tệp."),
    ("bang.docx", zipped([("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", "<workbook/>")]),
     "Tệp “bang.docx” có đuôi .docx nhưng nội dung là tệp Excel (.xlsx): hãy đặt đúng đuôi tệp."),
    ("gia.odt", zipped([("content.xml", "<x/>"), ("mimetype", "application/vnd.oasis.opendocument.text")]),
     "Tệp “gia.odt” không thuộc loại được nhận."),  # "mimetype" must come first
    ("hong.docx", b"PK\x03\x04" + b"\x00" * 100, "Tệp “hong.docx” không thuộc loại được nhận."),
    ("rong.pdf", b"", "Tệp “rong.pdf” không thuộc loại được nhận."),
])
def test_refused_kinds(name, content, message):
    with pytest.raises(ValidationError) as refusal:
        check_upload(SimpleUploadedFile(name, content))
    assert refusal.value.messages[0].startswith(message)


def test_the_limit_is_given_in_megabytes(settings):
    settings.UPLOAD_MAX_BYTES = 25 * 2**20
    big = SimpleUploadedFile("lon.pdf", b"")
    big.size = 30 * 2**20
    with pytest.raises(ValidationError) as refusal:
        check_upload(big)
    assert refusal.value.messages == ["Tệp “lon.pdf” (30 MB) vượt quá dung lượng cho phép 25 MB."]


def test_the_default_limit_is_25_megabytes():
    from config import settings as project_settings
    assert project_settings.UPLOAD_MAX_BYTES == 25 * 2**20
