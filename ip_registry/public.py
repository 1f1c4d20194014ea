"""The public register: what anyone may read without logging in, and nothing else.

Only the province's geographical indications, certification and collective marks whose protection is in
force today, with what their certificates make public (name, kind, product, owner or managing organisation,
area, certificate, dates); their documents an officer marked public (regulations on use, specification,
map); and the growing-area codes in force. No application, pending or refused; no initiative; no person: an
owner who is an individual shows as "cá nhân". Every public door (pages and API) reads through here.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import OrganisationKind
from directory.search import search_text
from ip_registry.models import (
    PUBLISHABLE_DOCUMENTS,
    AssetKind,
    Document,
    GrowingAreaCode,
    IPAsset,
    ProtectionSpan,
)
from ip_registry.selectors import ASSET_ORDER, covering, with_status
from ip_registry.workflow import in_force_filter

PUBLIC_KINDS = (AssetKind.GEOGRAPHICAL_INDICATION, AssetKind.CERTIFICATION_MARK, AssetKind.COLLECTIVE_MARK)


def holder_name(organisation) -> str:
    """An organisation's name, or "cá nhân" for a person."""
    if organisation is None:
        return ""
    return _("Cá nhân") if organisation.kind == OrganisationKind.INDIVIDUAL else organisation.name


def public_assets(*, q: str = "", kind: str = "", on: dt.date | None = None) -> QuerySet[IPAsset]:
    """The public kinds' assets in force on ``on`` (today), searchable without diacritics, in the list's order."""
    on = on or timezone.localdate()
    in_force = ProtectionSpan.objects.filter(covering(on), in_force_filter(on, ""), kind__in=PUBLIC_KINDS)
    assets = IPAsset.objects.filter(kind__in=PUBLIC_KINDS, pk__in=in_force.values("asset_id"))
    if kind in PUBLIC_KINDS:
        assets = assets.filter(kind=kind)
    if q:
        assets = search_text(assets, q)
    return assets.order_by(*ASSET_ORDER)


def public_asset_rows(ids: list[int], *, on: dt.date | None = None) -> list[IPAsset]:
    """A page of ``public_assets`` in full: product, holders, area and public documents, with the status."""
    documents = Document.objects.filter(is_public=True, doc_type__in=PUBLISHABLE_DOCUMENTS,
                                        withdrawn_at__isnull=True).order_by("doc_type", "pk")
    rows = with_status(
        IPAsset.objects.filter(pk__in=ids).select_related("product", "owner", "managing_organisation")
        .prefetch_related("area_units", Prefetch("documents", queryset=documents, to_attr="public_documents"))
        .defer("search_text"), on or timezone.localdate())
    return list(rows.order_by(*ASSET_ORDER))


def public_asset(pk: int) -> IPAsset:
    rows = public_asset_rows(list(public_assets().filter(pk=pk).values_list("pk", flat=True)))
    if not rows:
        raise Http404
    return rows[0]


def public_document(pk: int) -> Document:
    """A document marked public (and not withdrawn), of an asset in the register today."""
    document = Document.objects.filter(pk=pk, is_public=True, doc_type__in=PUBLISHABLE_DOCUMENTS,
                                       withdrawn_at__isnull=True, asset__in=public_assets().values("pk")).first()
    if document is None:
        raise Http404
    return document


def public_growing_areas(*, product_id: int | None = None, market: str = "") -> QuerySet[GrowingAreaCode]:
    codes = GrowingAreaCode.objects.filter(status=GrowingAreaCode.Status.ACTIVE).select_related("product", "unit")
    if product_id:
        codes = codes.filter(product_id=product_id)
    if market:
        codes = codes.filter(export_market__iexact=market)
    return codes.order_by("product__name", "code")


def public_markets() -> list[str]:
    return list(GrowingAreaCode.objects.filter(status=GrowingAreaCode.Status.ACTIVE)
                .values_list("export_market", flat=True).distinct().order_by("export_market"))
