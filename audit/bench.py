"""The audit trail's benchmark: a million events through the real write path, then each speed goal.

Run by ``make bench`` on a database of its own. Every figure is measured in this run, beside its goal
and beside a naive audit page built on django-simple-history alone (merge the history tables, then
fetch the user, the previous version and the diff for each row), measured on the same data.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from unittest import mock

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from simple_history.signals import post_create_historical_record

from audit.context import audited_write
from audit.models import AuditEvent
from audit.services import import_batch
from audit.signals import write_audit_event
from audit.triggers import is_m2m_history
from audit.verify import verify

BATCH = 10_000
PEOPLE = 10
MONTHS = 24
FIRST_MONTH = dt.date(2024, 12, 1)


def _month(index: int) -> dt.date:
    year, month = divmod(FIRST_MONTH.month - 1 + index, 12)
    return dt.date(FIRST_MONTH.year + year, month + 1, 1)


def _at(day: dt.date, batch: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(8)) + dt.timedelta(minutes=batch))


class Bench:
    def __init__(self, events: int, out: Callable[[str], None]):
        self.target = events
        self.out = out
        self.results: list[tuple[str, str, str, str]] = []

    # Data ---------------------------------------------------------------------------------------------

    def setup(self) -> None:
        from directory import demo as directory_demo
        from directory import services as directory_services
        from directory.models import Role
        from ip_registry import services as ip_services
        from ip_registry.models import ProductCategory

        started = time.perf_counter()
        units = directory_demo.load_units(actor=None)
        elapsed = time.perf_counter() - started
        from directory.models import UnitSuccession

        self.report("Full load of the administrative units",
                    f"{elapsed:.2f} s ({len(units)} units, {UnitSuccession.objects.count()} successions)", "< 10 s")
        self.unit = units["bg.luc-ngan"]
        self.people = []
        for number in range(PEOPLE):
            person = directory_services.user_upsert(actor=None, username=f"officer{number}", full_name=f"Officer {number}")
            directory_services.role_assign(actor=None, user=person, role=Role.IP_OFFICER)
            self.people.append(person)
        self.auditor = directory_services.user_upsert(actor=None, username="bench_auditor", full_name="Auditor")
        directory_services.role_assign(actor=None, user=self.auditor, role=Role.AUDITOR)
        self.product = ip_services.product_upsert(actor=self.people[0], name="Vải thiều Lục Ngạn",
                                                  category=ProductCategory.FRUIT, units=[self.unit])

    def fill(self) -> None:
        """Bulk imports of growing-area codes, alternately new codes and changes to the last ones."""
        from ip_registry.models import GrowingAreaCode

        started = time.perf_counter()
        batches = max(1, -(-(self.target - AuditEvent.objects.count()) // BATCH))  # rounded up: at least the target
        previous: list[int] = []
        middle = batches // 2  # the person and month the filtered page asks for: one import's worth of rows
        self.probe = (self.people[middle % PEOPLE], _month(middle * MONTHS // batches))
        for number in range(batches):
            day = _month(number * MONTHS // batches)
            person = self.people[number % PEOPLE]
            with mock.patch("django.utils.timezone.now", return_value=_at(day, number)), \
                    import_batch(actor=person, kind="ip_registry.growingareacode", file_name=f"bench-{number}.xlsx",
                                 sha256=f"{number:064x}", row_count=BATCH):
                if number % 2 == 0 or not previous:
                    codes = [
                        GrowingAreaCode(code=f"VN-BG-{number:04d}-{row:05d}", product=self.product, unit=self.unit,
                                        area_hectares=Decimal("1.50"), export_market="Trung Quốc",
                                        issuing_body="Cục Bảo vệ thực vật", issued_on=day)
                        for row in range(BATCH)
                    ]
                    GrowingAreaCode.objects.bulk_create(codes, batch_size=2000)
                    GrowingAreaCode.history.bulk_history_create(codes, batch_size=2000)
                    previous = [code.pk for code in codes]
                else:
                    codes = list(GrowingAreaCode.objects.filter(pk__in=previous))
                    for code in codes:
                        code.area_hectares += Decimal("0.25")
                    GrowingAreaCode.objects.bulk_update(codes, ["area_hectares"], batch_size=2000)
                    GrowingAreaCode.history.bulk_history_create(codes, update=True, batch_size=2000)
            done = AuditEvent.objects.count()
            rate = done / (time.perf_counter() - started)
            self.out(f"  {done:>9,} events written ({rate:,.0f}/s)")
        self.record = self._record_with_versions(20)

    def _record_with_versions(self, versions: int):
        from ip_registry import services as ip_services

        code = None
        for number in range(versions):
            code = ip_services.growing_area_code_upsert(
                actor=self.people[1], code="VN-BG-TIMELINE", product=self.product, unit=self.unit,
                area_hectares=Decimal("2.00") + number, export_market="Nhật Bản", issuing_body="Cục Bảo vệ thực vật",
                issued_on=dt.date(2025, 1, 1), reason=f"Lần sửa {number}",
            )
        return code

    # Measures -----------------------------------------------------------------------------------------

    def timed(self, fn: Callable[[], object], repeat: int = 15) -> float:
        fn()
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - started)
        return statistics.median(samples) * 1000

    def server_ms(self, get: Callable[[], object], repeat: int = 15) -> float:
        """Median of the server's own time (its Server-Timing header), without the test client's work."""
        get()
        return statistics.median(float(get()["Server-Timing"].split("dur=")[1]) for _ in range(repeat))

    def queries(self, fn: Callable[[], object]) -> int:
        with CaptureQueriesContext(connection) as captured:
            fn()
        return len(captured)

    def report(self, name: str, measured: str, goal: str, naive: str = "") -> None:
        self.results.append((name, measured, goal, naive))

    def page(self, client: Client, params: dict) -> Callable[[], object]:
        def get():
            response = client.get("/audit/", params)
            assert response.status_code == 200, response.status_code
            assert b'class="log"' in response.content, params  # the page lists events
            return response
        return get

    def measure_pages(self) -> None:
        client = Client()
        client.force_login(self.auditor)
        cursor = None
        for _ in range(49):
            content = self.page(client, {"before": cursor} if cursor else {})().content.decode()
            cursor = int(re.findall(r"before=(\d+)", content)[-1])
        person, month = self.probe
        following = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        cases = [
            ("Global log, newest page", {}, self.naive_ms(1), self.naive_queries(1)),
            ("Global log, page 50", {"before": cursor}, self.naive_ms(50), self.naive_queries(50)),
            ("Person + month filter", {"person": person.pk, "start": month.isoformat(), "end": following.isoformat()},
             None, None),
        ]
        for name, params, naive_ms, naive_queries in cases:
            get = self.page(client, params)
            ms, count = self.server_ms(get), self.queries(get)
            naive = f"{naive_ms:.1f} ms, {naive_queries} queries" if naive_ms is not None else ""
            self.report(name, f"{ms:.1f} ms, {count} queries", "< 20 ms, ≤ 5 queries", naive)
        url = f"/audit/records/ip_registry.growingareacode/{self.record.pk}/"

        def timeline():
            response = client.get(url)
            assert response.content.count(b'<table class="changes">') == 20
            return response
        ms, count = self.server_ms(timeline), self.queries(timeline)
        self.report("Record timeline, 20 versions", f"{ms:.1f} ms, {count} queries", "< 5 ms, ≤ 3 queries")

    # The naive page: simple-history alone --------------------------------------------------------------

    def naive_page(self, page: int, size: int = 100) -> list:
        history_models = [model for model in apps.get_models()
                          if hasattr(model, "instance_type") and not is_m2m_history(model)]
        newest = page * size
        streams = [model.objects.order_by("-history_date", "-history_id")[:newest] for model in history_models]
        merged = heapq.merge(*streams, key=lambda row: (row.history_date, row.history_id), reverse=True)
        rows = []
        for index, row in enumerate(merged):
            if index < newest - size:
                continue
            if index >= newest:
                break
            user = row.history_user  # one query per row
            previous = row.prev_record  # one query per row
            delta = row.diff_against(previous) if previous is not None else None
            rows.append((row, user, delta))
        return rows

    def naive_ms(self, page: int) -> float:
        return self.timed(lambda: self.naive_page(page), repeat=5)

    def naive_queries(self, page: int) -> int:
        return self.queries(lambda: self.naive_page(page))

    # Writes -------------------------------------------------------------------------------------------

    def measure_writes(self, saves: int = 3000, rounds: int = 30) -> None:
        from ip_registry.models import GrowingAreaCode

        code = GrowingAreaCode.objects.get(pk=self.record.pk)
        person = self.people[1]

        def save_once():
            connection._audit_head = None  # as in a transaction of its own: the head is read and locked
            with audited_write(person, reason="Đo diện tích lại"):  # as every service writes
                code.area_hectares += Decimal("0.01")
                code.save()

        def plain(count: int) -> float:
            post_create_historical_record.disconnect(write_audit_event, dispatch_uid="audit_event_for_history")
            try:
                return self._per_save(save_once, count)
            finally:
                post_create_historical_record.connect(write_audit_event, dispatch_uid="audit_event_for_history")

        plain_samples, chained_samples = [], []
        # Both kinds of save run in savepoints of one transaction that is rolled back at the end: the
        # figures compare the work of recording, not the disk's flushes, and no history is left behind
        # without its event (the plain saves write none). Many short rounds, taken in turns, so that the
        # machine's drift touches both alike; each figure is the median round.
        with transaction.atomic():
            self._per_save(save_once, saves // rounds)  # warm up
            for _ in range(rounds):
                plain_samples.append(plain(saves // rounds))
                chained_samples.append(self._per_save(save_once, saves // rounds))
            transaction.set_rollback(True)
        plain_us, chained_us = statistics.median(plain_samples), statistics.median(chained_samples)
        overhead = (chained_us / plain_us - 1) * 100
        self.report("One change, chained vs plain simple-history",
                    f"{chained_us:.0f} µs vs {plain_us:.0f} µs: +{overhead:.0f}%", "≤ +30%")

    def _per_save(self, save: Callable[[], None], count: int) -> float:
        started = time.perf_counter()
        for _ in range(count):
            save()
        return (time.perf_counter() - started) / count * 1_000_000

    def measure_verification(self) -> None:
        started = time.perf_counter()
        result = verify()
        elapsed = time.perf_counter() - started
        state = "intact" if result.ok else f"{len(result.breaks)} breaks"
        self.report("verify_audit_trail", f"{result.events / elapsed:,.0f} events/s ({result.events:,}, {state})",
                    "≥ 50,000 events/s")

    def run(self) -> list[tuple[str, str, str, str]]:
        settings.DEBUG = False  # no query log in the timings
        self.out(f"Writing {self.target:,} audit events through bulk imports…")
        # The chain's clock never runs backwards, so the database is built from its first migration on
        # in the simulated past, a day before the first month of imports.
        with mock.patch("django.utils.timezone.now", return_value=_at(FIRST_MONTH - dt.timedelta(days=1), 0)):
            call_command("migrate", verbosity=0)
            self.setup()
        self.fill()
        self.out(f"{AuditEvent.objects.count():,} events in the log. Measuring…")
        self.measure_pages()
        self.measure_verification()
        self.measure_writes()
        return self.results
