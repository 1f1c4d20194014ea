"""A file uploaded by mistake is withdrawn with a reason: kept (on disk, with its fingerprint and in the
history), shown as withdrawn with who, when and why, and no longer offered for download by any door."""

import pytest
from django.core.files.base import ContentFile

from audit.models import AuditEvent
from initiatives import services as initiative_services
from initiatives.models import Attachment
from ip_registry import services as ip_services
from ip_registry.models import Document
from tests.initiatives.conftest import file_initiative, school_lucngan  # noqa: F401
from tests.ip_registry.conftest import lucnam_committee, lucnam_gi  # noqa: F401

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def document(lucnam_gi, ip_officer):  # noqa: F811
    return ip_services.document_upload(actor=ip_officer, asset=lucnam_gi, doc_type=Document.Type.OTHER,
                                       title="Nhầm tệp", file=ContentFile(PDF, name="nham.pdf"))


def test_an_ip_officer_withdraws_a_document_with_a_reason(client_for, ip_officer, auditor, document):
    client = client_for(ip_officer)
    url = f"/ip/documents/{document.pk}/withdraw/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    document.refresh_from_db()
    assert not document.is_withdrawn

    assert client.post(url, {"reason": "Tải nhầm tệp của tài sản khác"}).status_code == 302
    document.refresh_from_db()
    assert document.is_withdrawn and document.withdrawn_by == ip_officer
    assert document.file.storage.exists(document.file.name)  # kept
    event = AuditEvent.objects.filter(model="ip_registry.document", object_id=str(document.pk)).order_by("seq").last()
    assert event.reason == "Tải nhầm tệp của tài sản khác" and "withdrawn_at" in event.changes

    for reader in (auditor, ip_officer):
        assert client_for(reader).get(f"/ip/documents/{document.pk}/download/").status_code == 404
    page = client_for(auditor).get(f"/ip/assets/{document.asset_id}/").content.decode()
    assert f"/ip/documents/{document.pk}/download/" not in page
    assert "Tải nhầm tệp của tài sản khác" in page
    assert client_for(ip_officer).post(url, {"reason": "Lần hai"}).status_code == 404  # no longer on offer


def test_only_the_ip_officer_withdraws_a_document(client_for, auditor, district_officer_lucngan, document):
    for user in (auditor, district_officer_lucngan):
        response = client_for(user).post(f"/ip/documents/{document.pk}/withdraw/", {"reason": "Thử"})
        assert response.status_code == 403
    document.refresh_from_db()
    assert not document.is_withdrawn


def test_a_withdrawn_public_document_leaves_the_public_register(client, ip_officer, document):
    document.is_public = True
    document.doc_type = Document.Type.REGULATIONS_ON_USE
    document.save()
    ip_services.document_withdraw(actor=ip_officer, document=document, reason="Bản cũ")
    assert client.get(f"/public/documents/{document.pk}/").status_code == 404


def test_a_unit_officer_withdraws_an_attachment_of_their_initiative(
        client_for, district_officer_lucngan, district_officer_yenthe, auditor, school_lucngan):  # noqa: F811
    initiative = file_initiative(district_officer_lucngan, school_lucngan)
    attachment = initiative_services.attachment_upload(actor=district_officer_lucngan, title="Bản nháp",
                                                       file=ContentFile(PDF, name="nhap.pdf"), initiative=initiative)
    url = f"/initiatives/attachments/{attachment.pk}/withdraw/"
    assert client_for(district_officer_yenthe).post(url, {"reason": "Thử"}).status_code == 403
    assert not Attachment.objects.get(pk=attachment.pk).is_withdrawn

    assert client_for(district_officer_lucngan).post(url, {"reason": "Nộp nhầm bản nháp"}).status_code == 302
    attachment.refresh_from_db()
    assert attachment.is_withdrawn and attachment.withdrawal_reason == "Nộp nhầm bản nháp"
    assert client_for(auditor).get(f"/initiatives/attachments/{attachment.pk}/download/").status_code == 404
    page = client_for(auditor).get(f"/initiatives/{initiative.pk}/").content.decode()
    assert "Nộp nhầm bản nháp" in page and f"/initiatives/attachments/{attachment.pk}/download/" not in page
