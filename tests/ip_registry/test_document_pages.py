"""Documents are uploaded through the service and read only through a view that checks the reader's role."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ip_registry.models import Document

CONTENT = b"%PDF-1.4\n" + "Quy chế sử dụng nhãn hiệu tập thể Mỳ Chũ".encode()


def upload_url(asset):
    return reverse("ip:document_upload", args=[asset.pk])


def regulations(name="quy-che-su-dung.pdf"):
    return SimpleUploadedFile(name, CONTENT, content_type="application/pdf")


def test_an_ip_officer_uploads_a_document(client_for, ip_officer, mycchu_mark, settings):
    response = client_for(ip_officer).post(upload_url(mycchu_mark), {
        "doc_type": Document.Type.REGULATIONS_ON_USE, "title": "Quy chế sử dụng", "file": regulations(),
    })
    assert response.status_code == 302
    assert response["Location"] == reverse("ip:asset_detail", args=[mycchu_mark.pk]) + "#documents"
    document = Document.objects.get()
    assert (document.asset, document.uploaded_by, document.size) == (mycchu_mark, ip_officer, len(CONTENT))
    assert Path(document.file.path).is_relative_to(Path(settings.MEDIA_ROOT))
    row = document.history.first()
    assert (row.history_user, row.history_channel) == (ip_officer, "web")


def test_an_upload_without_a_file_or_title_is_refused(client_for, ip_officer, mycchu_mark):
    response = client_for(ip_officer).post(upload_url(mycchu_mark), {"doc_type": Document.Type.MAP})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "file"}
    assert not Document.objects.exists()


@pytest.mark.parametrize("role", ["auditor", "district_officer_lucngan", "outsider"])
def test_only_an_ip_officer_uploads(request, client_for, mycchu_mark, role, settings):
    client = client_for(request.getfixturevalue(role))
    assert client.get(upload_url(mycchu_mark)).status_code == 403
    response = client.post(upload_url(mycchu_mark), {"doc_type": Document.Type.MAP, "title": "Bản đồ",
                                                      "file": regulations()})
    assert response.status_code == 403
    assert not Document.objects.exists()
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


@pytest.fixture
def document(mycchu_mark, ip_officer):
    from ip_registry import services

    return services.document_upload(actor=ip_officer, asset=mycchu_mark, doc_type=Document.Type.REGULATIONS_ON_USE,
                                    title="Quy chế sử dụng", file=regulations())


def download_url(document):
    return reverse("ip:document_download", args=[document.pk])


@pytest.mark.parametrize("role", ["ip_officer", "auditor", "district_officer_yenthe"])
def test_readers_download_the_bytes_as_an_attachment_with_the_file_name(request, client_for, document, role):
    response = client_for(request.getfixturevalue(role)).get(download_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Content-Disposition"] == 'attachment; filename="quy-che-su-dung.pdf"'
    assert response["Content-Type"] == "application/pdf"


def test_someone_without_a_role_cannot_download(client_for, outsider, document):
    assert client_for(outsider).get(download_url(document)).status_code == 403


def test_anonymous_is_sent_to_log_in(client, document):
    response = client.get(download_url(document))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_unknown_document_is_404(client_for, auditor, document):
    assert client_for(auditor).get(reverse("ip:document_download", args=[document.pk + 1000])).status_code == 404


def test_a_document_whose_file_is_gone_is_404(client_for, auditor, document):
    Path(document.file.path).unlink()
    assert client_for(auditor).get(download_url(document)).status_code == 404


def test_no_url_serves_the_media_directory(client_for, ip_officer, document, settings):
    client = client_for(ip_officer)
    name = document.file.name
    assert (Path(settings.MEDIA_ROOT) / name).exists()
    for url in (f"/media/{name}", f"/{name}", f"/media/{Path(name).name}", f"/static/{name}",
                f"/{settings.MEDIA_URL.strip('/')}/{name}".replace("//", "/")):
        assert client.get(url).status_code == 404, url
