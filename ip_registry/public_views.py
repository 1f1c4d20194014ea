"""The public register's pages (``/public/``) and read-only API (``/api/public/``): open without log-in,
read through ``ip_registry.public`` only, cached so that a crawler cannot slow the office down."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.cache import caches
from django.shortcuts import render
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.throttling import AnonRateThrottle

from directory.pages import DeferredJoinPaginator, int_param, private_file, text_param
from ip_registry import public
from ip_registry.models import AssetKind, IN_FORCE_STATUSES, Product
from ip_registry.public import PUBLIC_KINDS

CACHE_SECONDS = 300
PAGE_SIZE = 25


def _open(view):
    return login_not_required(require_GET(cache_page(CACHE_SECONDS)(view)))


def _asset_page(request):
    q = text_param(request.GET.get("q"))
    kind = text_param(request.GET.get("kind"), 64)
    assets = public.public_assets(q=q, kind=kind)
    page = DeferredJoinPaginator(assets, PAGE_SIZE, rows=public.public_asset_rows).get_page(request.GET.get("page"))
    return q, kind, page


@_open
def register(request):
    q, kind, page = _asset_page(request)
    return render(request, "public/register.html", {
        "q": q, "kind": kind, "page": page, "kinds": [(value, AssetKind(value).label) for value in PUBLIC_KINDS],
    })


@_open
def asset(request, pk: int):
    return render(request, "public/asset.html", {"asset": public.public_asset(pk)})


@login_not_required
@require_GET
def document(request, pk: int):
    return private_file(public.public_document(pk).file)


@_open
def growing_areas(request):
    product = request.GET.get("product", "")
    market = text_param(request.GET.get("market"), 100)
    codes = public.public_growing_areas(product_id=int_param(product), market=market)
    page = DeferredJoinPaginator(codes, PAGE_SIZE * 2, rows=lambda ids: list(
        public.public_growing_areas().filter(pk__in=ids))).get_page(request.GET.get("page"))
    products = Product.objects.filter(growing_area_codes__status="active").distinct().order_by("name")
    return render(request, "public/growing_areas.html", {
        "page": page, "products": products, "markets": public.public_markets(), "product": product,
        "market": market,
    })


# The read-only API ---------------------------------------------------------------------------------

class PublicThrottle(AnonRateThrottle):
    scope = "public"
    cache = caches["shared"]  # counted once across every worker process


class PublicAssetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    product = serializers.CharField(source="product.name", default="")
    holder = serializers.SerializerMethodField()
    area = serializers.SerializerMethodField()
    certificate_number = serializers.CharField()
    grant_date = serializers.DateField()
    valid_until = serializers.DateField()
    status = serializers.CharField()
    in_force = serializers.SerializerMethodField()

    def get_holder(self, asset) -> str:
        return public.holder_name(asset.owner or asset.managing_organisation)

    def get_area(self, asset) -> list[str]:
        return [unit.name for unit in asset.area_units.all()]

    def get_in_force(self, asset) -> bool:
        return asset.status in IN_FORCE_STATUSES


class PublicPagination(PageNumberPagination):
    page_size = PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        rows = super().paginate_queryset(queryset, request, view)
        return public.public_asset_rows([row.pk for row in rows])


class PublicAPI:
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicThrottle]


class PublicAssetList(PublicAPI, ListAPIView):
    serializer_class = PublicAssetSerializer
    pagination_class = PublicPagination

    def get_queryset(self):
        return public.public_assets(q=text_param(self.request.query_params.get("q")),
                                    kind=text_param(self.request.query_params.get("kind"), 64)).only("pk")


class PublicAssetDetail(PublicAPI, RetrieveAPIView):
    serializer_class = PublicAssetSerializer

    def get_object(self):
        try:
            pk = int(self.kwargs["pk"])
        except ValueError:
            raise NotFound from None
        return public.public_asset(pk)


public_asset_list = login_not_required(cache_page(CACHE_SECONDS)(PublicAssetList.as_view()))
public_asset_detail = login_not_required(cache_page(CACHE_SECONDS)(PublicAssetDetail.as_view()))
