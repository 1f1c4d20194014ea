"""Files of an initiative and evidence of progress: uploaded by those who may write, served to every role
only through a checked download, never from a public media address."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from initiatives import services
from initiatives.models import Attachment, ReplicationSite
from tests.initiatives.conftest import file_initiative, recognise_provincially

D = dt.date


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def initiative(district_officer_lucngan, school_lucngan):
    return file_initiative(district_officer_lucngan, school_lucngan)


def upload_url(initiative):
    return reverse("initiatives:attachment_upload", args=[initiative.pk])


def download_url(attachment):
    return reverse("initiatives:attachment_download", args=[attachment.pk])


def test_the_units_officer_uploads_a_file_and_another_district_downloads_it(client_for, district_officer_lucngan,
                                                                           district_officer_yenthe, initiative):
    response = client_for(district_officer_lucngan).post(upload_url(initiative), {
        "title": "Bản thuyết minh", "file": SimpleUploadedFile("thuyet-minh.pdf", b"%PDF-1.4 thuyet minh")})
    attachment = Attachment.objects.get()
    assert response.status_code == 302
    assert (attachment.initiative, attachment.size, attachment.uploaded_by) == (initiative, 20,
                                                                                district_officer_lucngan)
    row = attachment.history.get()
    assert (row.history_user, row.history_channel) == (district_officer_lucngan, "web")

    client = client_for(district_officer_yenthe)
    page = client.get(reverse("initiatives:initiative_detail", args=[initiative.pk])).content.decode()
    assert download_url(attachment) in page
    assert attachment.file.url not in page  # never a public media address
    response = client.get(download_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 thuyet minh"
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_secretary_may_upload_too(client_for, council_secretary, initiative):
    response = client_for(council_secretary).post(upload_url(initiative), {
        "title": "Biên bản họp hội đồng", "file": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban")})
    assert response.status_code == 302
    assert Attachment.objects.get().uploaded_by == council_secretary


def test_an_upload_without_a_file_is_refused(client_for, district_officer_lucngan, initiative):
    response = client_for(district_officer_lucngan).post(upload_url(initiative), {"title": "Không có tệp"})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Attachment.objects.exists()


def test_evidence_of_progress_is_downloaded_the_same_way(client_for, auditor, district_officer_lucngan,
                                                        school_lucngan, units):
    initiative = recognise_provincially(file_initiative(district_officer_lucngan, school_lucngan))
    nomination = services.nomination_create(initiative=initiative, unit=units["bg.luc-ngan"], year=2024, actor=None)
    site = services.site_add(actor=None, nomination=nomination, place_kind=ReplicationSite.PlaceKind.COMMUNE,
                             place_name="Xã Biên Sơn", responsible_person="Nguyễn Văn Hùng", started_on=D(2024, 3, 1))
    update = services.progress_record(actor=None, site=site, on=D(2024, 4, 1), percent=20,
                                      evidence=[ContentFile(b"\xff\xd8\xff anh hien truong", name="anh.jpg")])
    response = client_for(auditor).get(download_url(update.evidence.get()))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\xff\xd8\xff anh hien truong"


def test_a_file_missing_from_storage_is_a_404(client_for, auditor, district_officer_lucngan, initiative):
    attachment = services.attachment_upload(actor=district_officer_lucngan, title="Tệp",
                                            file=ContentFile(b"%PDF-1.4 x", name="x.pdf"), initiative=initiative)
    attachment.file.storage.delete(attachment.file.name)
    assert client_for(auditor).get(download_url(attachment)).status_code == 404


def test_no_role_no_download(client_for, outsider, district_officer_lucngan, initiative):
    attachment = services.attachment_upload(actor=district_officer_lucngan, title="Tệp",
                                            file=ContentFile(b"%PDF-1.4 x", name="x.pdf"), initiative=initiative)
    assert client_for(outsider).get(download_url(attachment)).status_code == 403


def test_anonymous_is_sent_to_log_in(client, district_officer_lucngan, initiative):
    attachment = services.attachment_upload(actor=district_officer_lucngan, title="Tệp",
                                            file=ContentFile(b"%PDF-1.4 x", name="x.pdf"), initiative=initiative)
    response = client.get(download_url(attachment))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(("role", "status"), [("auditor", 403), ("ip_officer", 403), ("outsider", 403),
                                              ("district_officer_yenthe", 404)])
def test_others_cannot_upload(request, client_for, initiative, role, status):
    client = client_for(request.getfixturevalue(role))
    assert client.get(upload_url(initiative)).status_code == status
    response = client.post(upload_url(initiative), {"title": "x", "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4 x")})
    assert response.status_code == status
    assert not Attachment.objects.exists()
