"""Assets and documents the IP registry tests start from, built through the services."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from directory import services as directory_services
from directory.models import OrganisationKind
from ip_registry import services
from ip_registry.models import AssetKind, Document, ProductCategory
from ip_registry.workflow import ApplicationStatus

D = dt.date


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def lucnam_committee(units):
    return directory_services.organisation_upsert(
        actor=None, name="Ủy ban nhân dân huyện Lục Nam", kind=OrganisationKind.STATE_BODY, unit=units["bg.luc-nam"],
    )


@pytest.fixture
def lucnam_commune_committee(units):
    """The People's Committee of xã Lục Nam, which the province designated after the district ended."""
    return directory_services.organisation_upsert(
        actor=None, name="Ủy ban nhân dân xã Lục Nam", kind=OrganisationKind.STATE_BODY, unit=units["bn.luc-nam"],
    )


@pytest.fixture
def mycchu_cooperative(units):
    """Of Chũ (Lục Ngạn's until thị xã Chũ was formed), in phường Chũ since 1 July 2025."""
    cooperative = directory_services.organisation_upsert(
        actor=None, name="Hợp tác xã Mỳ Chũ", kind=OrganisationKind.COOPERATIVE, unit=units["bg.tx-chu.chu"],
    )
    return directory_services.organisation_move(actor=None, organisation=cooperative, unit=units["bn.chu"],
                                                on=D(2025, 7, 1), reason="Sắp xếp đơn vị hành chính")


@pytest.fixture
def new_owner(units):
    """A cooperative a mark is transferred to."""
    return directory_services.organisation_upsert(actor=None, name="Hợp tác xã Nông sản Chũ",
                                                  kind=OrganisationKind.COOPERATIVE, unit=units["bg.luc-ngan"])


@pytest.fixture
def lucnam_gi(units, lucnam_committee):
    """The "Lục Nam" GI for na dai, over its six communes, not yet applied for."""
    product = services.product_upsert(actor=None, name="Na dai Lục Nam", category=ProductCategory.FRUIT,
                                      units=[units["bg.luc-nam"]])
    communes = [units[f"bg.luc-nam.{c}"] for c in
                ("dong-hung", "dong-phu", "cuong-son", "lan-mau", "huyen-son", "nghia-phuong")]
    return services.asset_create(
        actor=None, kind=AssetKind.GEOGRAPHICAL_INDICATION, name="Lục Nam", product=product,
        managing_organisation=lucnam_committee, authorising_decision="Quyết định số 1001/QĐ-UBND (dữ liệu thử)",
        area_units=communes,
    )


@pytest.fixture
def mycchu_mark(units, mycchu_cooperative):
    product = services.product_upsert(actor=None, name="Mỳ Chũ", category=ProductCategory.PROCESSED_FOOD,
                                      units=[units["bg.luc-ngan"]])
    return services.asset_create(
        actor=None, kind=AssetKind.COLLECTIVE_MARK, name="Mỳ Chũ", product=product, owner=mycchu_cooperative,
        nice_classes="30",
    )


@pytest.fixture
def document_for():
    def make(asset, title="Thông báo của Cục SHTT", doc_type=Document.Type.IP_OFFICE_NOTICE):
        return services.document_upload(actor=None, asset=asset, doc_type=doc_type, title=title,
                                        file=ContentFile(b"%PDF-1.4\n" + title.encode(), name="thong-bao.pdf"))

    return make


def walk_to_grant(application, document_for, *, accepted, published, intended_grant, granted, certificate="VB-01"):
    """Take a filed registration through every stage to the grant, on the given days."""
    from ip_registry.workflow import ApplicationStatus as S

    asset = application.asset
    for to_status, on in ((S.ACCEPTED, accepted), (S.PUBLISHED, published), (S.INTENDED_GRANT, intended_grant)):
        document = None if to_status == S.PUBLISHED else document_for(asset)
        application = services.application_advance(application=application, to_status=to_status, actor=None,
                                                    on=on, document=document)
    return services.application_advance(application=application, to_status=S.GRANTED, actor=None, on=granted,
                                        document=document_for(asset, "Văn bằng", Document.Type.CERTIFICATE),
                                        certificate_number=certificate)


def advance(application, to_status, on, document_for=None, **kw):
    document = document_for(application.asset) if document_for else None
    return services.application_advance(application=application, to_status=to_status, actor=None, on=on,
                                        document=document, **kw)


@pytest.fixture
def published_mark(mycchu_mark, mycchu_cooperative, document_for):
    """Mỳ Chũ, published 15/03/2024: its five months for oppositions end on Thursday 15/08/2024."""
    application = services.application_create(actor=None, asset=mycchu_mark, applicant=mycchu_cooperative,
                                              application_number="4-2024-00077", filing_date=D(2024, 1, 5))
    advance(application, ApplicationStatus.ACCEPTED, D(2024, 2, 1), document_for)
    return advance(application, ApplicationStatus.PUBLISHED, D(2024, 3, 15))


def oppose(application, filed_on, opponent="Công ty TNHH Mì Việt"):
    return services.opposition_file(actor=None, application=application, opponent=opponent,
                                    grounds="Trùng với nhãn hiệu đã đăng ký trước", filed_on=filed_on)
