"""The pages' benchmark: every list and count at 2,000 records and at ``records`` (100,000), beside a floor.

Run by ``make bench`` on a database of its own. The data is built by ``directory.volume`` through the bulk
history path the imports use. Each page is asked for through the whole stack (middleware, session, view,
template) and timed by the server itself (its ``Server-Timing`` header, median of several requests); its
queries are counted. Its floor is measured in the same run, through the same stack: the same rows fetched by
one paginated ORM query with ``select_related`` (an unfiltered list by the same page number, a filtered one
by the ids of the rows the page showed), rendered by the page's own template with the context the page gave.
For the targets and the board, which show counts rather than rows, the floor renders what the page showed
after one query of the rows they count from (the granted protection spans counted by kind and
organisation, without the dates; the year's nominations with their units and initiatives).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import render
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment
from django.urls import include, path

SMALL = 2_000
GOAL_MS = 100
FLOOR_FACTOR = 2


@dataclass
class Case:
    name: str
    who: str  # the People attribute the page is read as
    url: str
    params: dict = field(default_factory=dict)
    # The floor's one query: rows for the ids the page showed (None: the same page of the unfiltered list).
    rows: Callable | None = None
    by_ids: bool = False
    object_list: str = "page"  # where the page's rows are in its context


def _assets():
    from ip_registry.models import IPAsset

    return IPAsset.objects.select_related("product", "owner", "managing_organisation").order_by("kind", "name", "pk")


def _initiatives():
    from initiatives.models import Initiative

    return Initiative.objects.select_related("organisation__unit__parent").order_by("-filed_on", "-pk")


def _deadlines():
    from ip_registry.models import Deadline

    return Deadline.objects.select_related("application__asset", "application__applicant").order_by("due_date", "pk")


def _targets():
    """The rights the targets count, by kind and organisation: one aggregate over the granted spans, without
    the dates the page compares (the figures of the page, less the work of "in force on that day")."""
    from django.db.models import Count

    from ip_registry.models import ProtectionSpan

    return (ProtectionSpan.objects.filter(basis="protected").values("kind", "organisation_id")
            .annotate(count=Count("pk")).order_by())


def _nominations(year: int):
    def rows():
        from initiatives.models import ReplicationNomination

        return ReplicationNomination.objects.filter(year=year).select_related("unit", "initiative").order_by("pk")
    return rows


def _events():
    from audit.models import AuditEvent

    return AuditEvent.objects.select_related("unit").order_by("-seq")


CASES = [
    Case("Asset list, page 1", "ip_officer", "/ip/assets/", rows=_assets),
    Case("Asset list, last page", "ip_officer", "/ip/assets/", {"page": "last"}, rows=_assets),
    Case("Asset list, search «luc ngan»", "ip_officer", "/ip/assets/", {"q": "luc ngan"}, rows=_assets, by_ids=True),
    Case("Asset list, status «due for renewal»", "ip_officer", "/ip/assets/", {"status": "renewal_due"},
         rows=_assets, by_ids=True),
    Case("Initiative list, page 1", "ip_officer", "/initiatives/", rows=_initiatives),
    Case("Initiative list, last page", "ip_officer", "/initiatives/", {"page": "last"}, rows=_initiatives),
    Case("Initiative list, search «luc ngan»", "ip_officer", "/initiatives/", {"q": "luc ngan"},
         rows=_initiatives, by_ids=True),
    Case("Deadlines due", "ip_officer", "/ip/deadlines/", rows=_deadlines, by_ids=True),
    Case("Targets", "ip_officer", "/ip/targets/", rows=_targets, object_list=""),
    Case("Replication board 2024", "ip_officer", "/initiatives/replication/2024/", rows=_nominations(2024),
         object_list=""),
    Case("Replication board 2026", "ip_officer", "/initiatives/replication/2026/", rows=_nominations(2026),
         object_list=""),
    Case("GET /api/audit/events/ (50 rows)", "auditor", "/api/audit/events/", rows=_events, object_list="api"),
]


# The floor's view: the page's template and context, its rows fetched by one query ----------------------

_FLOOR: dict[str, dict] = {}


def floor_view(request, number: int):
    spec = _FLOOR[number]
    case: Case = spec["case"]
    if case.object_list == "api":
        from rest_framework.renderers import JSONRenderer
        from django.http import HttpResponse

        from audit.api import AuditEventSerializer
        from audit.selectors import _with_actor_name

        rows = list(_with_actor_name(case.rows())[:50])
        body = JSONRenderer().render({"results": AuditEventSerializer(rows, many=True).data, "next_before": None})
        return HttpResponse(body, content_type="application/json")
    context = dict(spec["context"])
    if case.object_list == "page":
        rows = case.rows()
        if case.by_ids:
            rows = rows.filter(pk__in=spec["ids"])
            number_asked = 1
        else:
            number_asked = spec["number"]
        page = Paginator(rows, 50).get_page(number_asked)
        for row, shown in zip(page.object_list, spec["shown"], strict=False):
            row.__dict__.update(shown)  # what the view worked out for the row (its status label, say)
        context["page"] = page
    else:
        list(case.rows())
    return render(request, spec["template"], context)


urlpatterns = [
    path("bench-floor/<int:number>/", floor_view),
    path("", include(settings.ROOT_URLCONF)),
]


class Bench:
    def __init__(self, records: int, out: Callable[[str], None]):
        self.records = max(records, SMALL)
        self.out = out
        self.rows: list[tuple] = []

    def setup(self) -> None:
        from directory import demo as directory_demo
        from directory import volume

        call_command("migrate", verbosity=0)
        directory_demo.load_units(actor=None)
        self.people = volume.people()
        self.client = Client()

    def grow(self, to: int) -> None:
        from directory import volume
        from ip_registry.models import IPAsset

        started = time.perf_counter()
        volume.grow(to - IPAsset.objects.count(), out=self.out)
        self.out(f"  built in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:  # the statistics (and, on PostgreSQL, the visibility map) that
            # a database grown over years and looked after would have
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    def get(self, case: Case, url: str | None = None):
        self.client.force_login(getattr(self.people, case.who))
        response = self.client.get(url or case.url, case.params if url is None else {})
        assert response.status_code == 200, (case.name, response.status_code)
        return response

    def server_ms(self, fetch: Callable[[], object], repeat: int = 9) -> float:
        fetch()
        return statistics.median(float(fetch()["Server-Timing"].split("dur=")[1]) for _ in range(repeat))

    def queries(self, fetch: Callable[[], object]) -> int:
        with CaptureQueriesContext(connection) as captured:
            fetch()
        return len(captured)

    def shown(self, case: Case):
        """The page as the test client records it (its template and context), with rendering instrumented
        for this one request only: the timings are taken without."""
        setup_test_environment()
        try:
            return self.get(case)
        finally:
            teardown_test_environment()

    def measure(self, number: int, case: Case) -> tuple[float, int, float]:
        response = self.shown(case)
        page_ms = self.server_ms(lambda: self.get(case))
        page_queries = self.queries(lambda: self.get(case))
        spec = {"case": case}
        if case.object_list != "api":
            context = response.context[0] if isinstance(response.context, list) else response.context
            spec["template"] = response.templates[0].name
            spec["context"] = {key: value for key, value in context.flatten().items()
                               if key not in ("request", "csrf_token", "user", "perms", "messages")}
            if case.object_list == "page":
                page = context["page"]
                spec["ids"] = [row.pk for row in page.object_list]
                spec["number"] = page.number
                spec["shown"] = [{key: value for key, value in vars(row).items() if key in VIEW_ATTRIBUTES}
                                 for row in page.object_list]
        _FLOOR[number] = spec
        floor_ms = self.server_ms(lambda: self.get(case, f"/bench-floor/{number}/"))
        return page_ms, page_queries, floor_ms

    def run(self) -> list[tuple]:
        settings.DEBUG = False
        with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
            self.setup()
            self.out(f"Building {SMALL:,} assets and {SMALL:,} initiatives…")
            self.grow(SMALL)
            small = [self.measure(number, case) for number, case in enumerate(CASES)]
            self.out(f"Building {self.records:,} of each…")
            self.grow(self.records)
            large = [self.measure(number, case) for number, case in enumerate(CASES)]
        return [(case, s, l) for case, s, l in zip(CASES, small, large, strict=True)]


# What a view sets on a row besides its fields, which the floor's rows carry over to render alike.
VIEW_ATTRIBUTES = {"status", "status_label", "status_tone", "district_unit", "overdue", "days_left", "days_overdue"}


def report(results, records: int, out: Callable[[str], None]) -> bool:
    """Print the table; True when every page meets its goal."""
    width = max(len(case.name) for case, *_ in results)
    out("")
    out(f"{'Page':<{width}}  {f'{SMALL:,} records':>22}  {f'{records:,} records':>22}  {'floor':>9}  "
        f"goal: ≤ {FLOOR_FACTOR}× floor, < {GOAL_MS} ms, same queries")
    every = True
    for case, (small_ms, small_q, _small_floor), (ms, queries, floor) in results:
        met = ms <= FLOOR_FACTOR * floor and ms < GOAL_MS and queries == small_q
        every &= met
        out(f"{case.name:<{width}}  {small_ms:>8.1f} ms, {small_q:>2} queries  {ms:>8.1f} ms, {queries:>2} queries  "
            f"{floor:>6.1f} ms  {'met' if met else 'NOT MET'} ({ms / floor:.1f}× floor)")
    return every
