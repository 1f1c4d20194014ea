"""The yearly reports' benchmark: the province's report for the year, as XLSX and as PDF, at 2,000 and at
``records`` assets and initiatives (20,000), beside a floor measured in the same run.

Timed in process, median of several runs, with the queries counted. The floor is the least any report of
those figures must do: one grouped count of the year's applications and initiatives by organisation (the
shape of every figure), and the same document, already built, written to the same format.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

GOAL_S = 2.0
SMALL = 2_000
FORMATS = ("xlsx", "pdf")


def _median(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _floor(year: int, document, fmt: str) -> Callable[[], object]:
    from initiatives.models import Initiative
    from ip_registry.models import ProtectionApplication
    from reports.pdf import render_pdf
    from reports.xlsx import render_xlsx

    render = render_pdf if fmt == "pdf" else render_xlsx

    def run():
        list(ProtectionApplication.objects.filter(filing_date__year=year).values_list("applicant_id")
             .annotate(n=Count("pk")).order_by())
        list(Initiative.objects.filter(filed_on__year=year).values_list("organisation_id")
             .annotate(n=Count("pk")).order_by())
        return render(document)

    return run


def measure(year: int) -> dict[str, tuple[float, int, float]]:
    from reports.services import report_document, report_file, report_for

    report = report_for(year=year, unit=None)
    results = {}
    for fmt in FORMATS:
        produce = lambda: report_file(actor=None, report=report, fmt=fmt)  # noqa: E731
        produce()
        connection.queries_log.clear()  # a full log (the build's queries) would count nothing new
        with CaptureQueriesContext(connection) as captured:
            produce()
        seconds = _median(produce)
        floor = _median(_floor(year, report_document(report), fmt))
        results[fmt] = (seconds, len(captured), floor)
    return results


def run(records: int, out: Callable[[str], None]) -> bool:
    from directory import demo as directory_demo
    from directory import volume
    from ip_registry.models import IPAsset

    settings.DEBUG = False  # as in production: no query log kept
    year = timezone.localdate().year
    call_command("migrate", verbosity=0)
    directory_demo.load_units(actor=None)
    rows = []
    for size in (SMALL, max(records, SMALL)):
        out(f"Building {size:,} assets and {size:,} initiatives…")
        volume.grow(size - IPAsset.objects.count(), out=out)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        rows.append((size, measure(year)))
    out("")
    out(f"The province's report for {year}       goal: under {GOAL_S:.0f} s, the same queries at every size")
    every = True
    for fmt in FORMATS:
        (s_sec, s_q, _floor_small), (sec, queries, floor) = rows[0][1][fmt], rows[-1][1][fmt]
        size = rows[-1][0]
        met = sec < GOAL_S and queries == s_q
        every &= met
        out(f"  {fmt.upper():<5} {SMALL:,}: {s_sec * 1000:>7.0f} ms, {s_q} queries   {size:,}: {sec * 1000:>7.0f} ms, "
            f"{queries} queries   floor {floor * 1000:>6.0f} ms   {'met' if met else 'NOT MET'}")
    return every
