"""The imports' benchmark: the same spreadsheet of ``rows`` IP assets, then of ``rows`` growing-area codes,
imported through the project's import and through a default django-import-export ``ModelResource``, side by
side in one run on the same database.

The project's import reads the file with python-calamine (within the upload limits), checks every row by the
one-record rules, and writes in batches with history rows and audit events. The baseline is what
django-import-export does out of the box: tablib reads the file (openpyxl), each row is looked up, validated
and saved on its own, simple-history and the audit trail recording each save. Both create every row (the
baseline's rows are named apart). Reported: seconds, rows per second, the speed-up (goal ≥ 15×), the number
of INSERT statements each issued through Django's cursor (the audit chain writes its events through the
driver's, one statement per batch, in both), and the process's peak memory after each.
"""

from __future__ import annotations

import datetime as dt
import io
import resource
import time
from collections.abc import Callable
from contextlib import contextmanager

import tablib
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from import_export import fields, resources, widgets

from audit.context import acting_as
from directory.importing import IMPORTERS, run
from directory.models import AdministrativeUnit, Organisation
from ip_registry.models import GrowingAreaCode, IPAsset, Product

GOAL = 15


def sheet(headers: list[str], rows) -> bytes:
    """An .xlsx file as an office would upload it."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": False,
                                            "strings_to_formulas": False, "strings_to_numbers": False})
    worksheet = workbook.add_worksheet("Dữ liệu")
    date = workbook.add_format({"num_format": "dd/mm/yyyy"})
    worksheet.write_row(0, 0, headers)
    for number, cells in enumerate(rows, start=1):
        for index, value in enumerate(cells):
            if isinstance(value, str):
                worksheet.write_string(number, index, value)
            elif isinstance(value, dt.datetime):
                worksheet.write_datetime(number, index, value, date)
            else:
                worksheet.write_number(number, index, value)
    workbook.close()
    return output.getvalue()


def asset_rows(rows: int, prefix: str, products: list[str], owners: list[str]):
    for n in range(rows):
        yield ["Nhãn hiệu tập thể", f"{prefix} {n:06d}", products[n % len(products)], owners[n % len(owners)],
               "29, 31"]


ASSET_HEADERS = ["Loại", "Tên, dấu hiệu", "Sản phẩm", "Chủ sở hữu", "Nhóm Nice"]
CODE_HEADERS = ["Mã số", "Sản phẩm", "Địa bàn", "Diện tích (ha)", "Thị trường xuất khẩu", "Cơ quan cấp", "Ngày cấp"]


def code_rows(rows: int, prefix: str, products: list[str], units: list[str]):
    for n in range(rows):
        yield [f"{prefix}-{n:06d}", products[n % len(products)], units[n % len(units)], 1 + (n % 97) / 4,
               "Trung Quốc", "Cục Bảo vệ thực vật", dt.datetime(2023, 1 + n % 12, 1 + n % 28)]


class AssetResource(resources.ModelResource):
    """django-import-export's ModelResource as its documentation shows it: foreign keys by name."""

    kind = fields.Field(attribute="kind", column_name="Loại")
    name = fields.Field(attribute="name", column_name="Tên, dấu hiệu")
    product = fields.Field(attribute="product", column_name="Sản phẩm",
                           widget=widgets.ForeignKeyWidget(Product, "name"))
    owner = fields.Field(attribute="owner", column_name="Chủ sở hữu",
                         widget=widgets.ForeignKeyWidget(Organisation, "name"))
    nice_classes = fields.Field(attribute="nice_classes", column_name="Nhóm Nice")

    class Meta:
        model = IPAsset
        fields = ("kind", "name", "product", "owner", "nice_classes")
        import_id_fields = ("kind", "name")

    def before_import_row(self, row, **kwargs):
        row["Loại"] = "collective_mark"


class CodeResource(resources.ModelResource):
    code = fields.Field(attribute="code", column_name="Mã số")
    product = fields.Field(attribute="product", column_name="Sản phẩm",
                           widget=widgets.ForeignKeyWidget(Product, "name"))
    unit = fields.Field(attribute="unit", column_name="Địa bàn",
                        widget=widgets.ForeignKeyWidget(AdministrativeUnit, "code"))
    area_hectares = fields.Field(attribute="area_hectares", column_name="Diện tích (ha)",
                                 widget=widgets.DecimalWidget())
    export_market = fields.Field(attribute="export_market", column_name="Thị trường xuất khẩu")
    issuing_body = fields.Field(attribute="issuing_body", column_name="Cơ quan cấp")
    issued_on = fields.Field(attribute="issued_on", column_name="Ngày cấp", widget=widgets.DateWidget())

    class Meta:
        model = GrowingAreaCode
        fields = ("code", "product", "unit", "area_hectares", "export_market", "issuing_body", "issued_on")
        import_id_fields = ("code",)


@contextmanager
def inserts():
    """Counts the INSERT statements run inside the block."""
    counted = [0]

    def count(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT"):
            counted[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counted


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ImportBench:
    def __init__(self, rows: int, out: Callable[[str], None]):
        self.rows = rows
        self.out = out

    def setup(self) -> None:
        from directory import demo as directory_demo
        from directory import services as directory_services
        from directory import volume
        from directory.models import COMMUNE_LEVEL_KINDS, OrganisationKind
        from directory.selectors import units_in_force
        from ip_registry import services
        from ip_registry.models import ProductCategory

        call_command("migrate", verbosity=0)
        directory_demo.load_units(actor=None)
        self.officer = volume.people().ip_officer
        communes = list(units_in_force(on=volume.timezone.localdate(), kinds=COMMUNE_LEVEL_KINDS).order_by("code"))
        self.units = [unit.code for unit in communes]
        self.products = [services.product_upsert(actor=None, name=f"Đặc sản {n}", category=ProductCategory.FRUIT).name
                         for n in range(20)]
        self.owners = [directory_services.organisation_upsert(
            actor=None, name=f"Hợp tác xã {unit.name}", unit=unit, kind=OrganisationKind.COOPERATIVE).name
            for unit in communes]

    def project(self, slug: str, content: bytes) -> tuple[float, int]:
        file = SimpleUploadedFile("bench.xlsx", content)
        with inserts() as counted:
            started = time.perf_counter()
            result = run(actor=self.officer, importer=IMPORTERS[slug], file=file)
            seconds = time.perf_counter() - started
        assert result.created == self.rows, result
        return seconds, counted[0]

    def baseline(self, resource_class, content: bytes) -> tuple[float, int]:
        with inserts() as counted, acting_as(self.officer):
            started = time.perf_counter()
            dataset = tablib.Dataset().load(content, format="xlsx")
            result = resource_class().import_data(dataset, dry_run=False, use_transactions=True, raise_errors=True)
            seconds = time.perf_counter() - started
        assert result.totals["new"] == self.rows, result.totals
        return seconds, counted[0]

    def compare(self, what: str, project: tuple[float, int], baseline: tuple[float, int], memory: float) -> bool:
        (ours, our_inserts), (theirs, their_inserts) = project, baseline
        factor = theirs / ours
        met = factor >= GOAL
        self.out(f"{what:<22} project {ours:7.1f} s ({self.rows / ours:8,.0f} rows/s, {our_inserts:,} INSERTs, "
                 f"peak {memory:,.0f} MB)   django-import-export {theirs:7.1f} s ({self.rows / theirs:6,.0f} rows/s, "
                 f"{their_inserts:,} INSERTs)   {factor:5.1f}× faster  goal ≥ {GOAL}×: {'met' if met else 'NOT MET'}")
        return met

    def run(self) -> bool:
        from django.conf import settings

        # As in production: no query log (under DEBUG, Django keeps every statement, which would slow the
        # baseline's hundred thousand statements more than the project's few hundred).
        settings.DEBUG = False
        self.setup()
        self.out(f"Importing {self.rows:,} rows of each (upload limits: {settings.IMPORT_MAX_BYTES >> 20} MB, "
                 f"{settings.IMPORT_MAX_ROWS:,} rows, {settings.IMPORT_MAX_COLUMNS} columns).")
        met = True
        ours = sheet(ASSET_HEADERS, asset_rows(self.rows, "Nhãn A", self.products, self.owners))
        theirs = sheet(ASSET_HEADERS, asset_rows(self.rows, "Nhãn B", self.products, self.owners))
        project = self.project("assets", ours)
        memory = peak_mb()
        met &= self.compare("IP assets", project, self.baseline(AssetResource, theirs), memory)
        ours = sheet(CODE_HEADERS, code_rows(self.rows, "VN-A", self.products, self.units))
        theirs = sheet(CODE_HEADERS, code_rows(self.rows, "VN-B", self.products, self.units))
        project = self.project("growing-areas", ours)
        memory = peak_mb()
        met &= self.compare("Growing-area codes", project, self.baseline(CodeResource, theirs), memory)
        return met
