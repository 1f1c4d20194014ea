"""The dashboard's charts, each with the numbers it draws (shown in a table beside it).

For DOST, the province over the years since the directive: rights in force by kind against their
targets, registrations filed per year against the +5% line, initiatives recognised per year by level, this
year's replication board by unit coloured by state, and the units' report submissions. For a unit's
officer, the same about their unit. Every series is one aggregate query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from initiatives.selectors import QuotaState, replication_quota
from ip_registry.models import AssetKind, ProtectionApplication, ProtectionSpan, Target
from ip_registry.selectors import INDICATOR_KIND, covering
from ip_registry.workflow import ApplicationKind, in_force_filter
from reports import charts as draw
from reports.figures import unit_figures
from reports.models import AnnualReport
from reports.selectors import FIRST_YEAR
from reports.workflow import REPORTED

STATE_COLOURS = {QuotaState.BELOW: "#c0392b", QuotaState.ON_TARGET: "#e0a800", QuotaState.ABOVE: "#2e8b57"}


@dataclass
class Chart:
    title: str
    svg: str
    headers: list[str]
    rows: list[list]


def _years() -> list[int]:
    return list(range(FIRST_YEAR, timezone.localdate().year + 1))


def _year_end(year: int) -> dt.date:
    return min(dt.date(year, 12, 31), timezone.localdate())


def charts(*, unit=None) -> list[Chart]:
    return _unit_charts(unit) if unit is not None else _province_charts()


def _province_charts() -> list[Chart]:
    years = _years()
    labels = [str(year) for year in years]
    found: list[Chart] = []

    targets = {INDICATOR_KIND[target.indicator]: float(target.value) for target in Target.objects.all()
               if target.indicator in INDICATOR_KIND}
    in_force = {kind: [] for kind in INDICATOR_KIND.values()}
    for year in years:
        day = _year_end(year)
        counts = dict(ProtectionSpan.objects.filter(covering(day), in_force_filter(day, ""),
                                                    kind__in=in_force).values_list("kind").annotate(n=Count("pk"))
                      .order_by())
        for kind in in_force:
            in_force[kind].append(counts.get(kind, 0))
    for kind, values in in_force.items():
        label = str(AssetKind(kind).label)
        title = _("%(kind)s đang được bảo hộ (cuối mỗi năm)") % {"kind": label}
        found.append(Chart(title, draw.bar_chart(title=title, categories=labels, series=[(label, values)],
                                                   target=targets.get(kind), target_label=_("Mục tiêu")),
                           [_("Năm"), label], [[y, v] for y, v in zip(years, values)]))

    filed = dict(ProtectionApplication.objects.filter(kind=ApplicationKind.REGISTRATION,
                                                      filing_date__year__gte=FIRST_YEAR - 1)
                 .annotate(year=ExtractYear("filing_date")).values_list("year").annotate(n=Count("pk")).order_by())
    series = [filed.get(year, 0) for year in years]
    line = [float(Decimal(filed[year - 1]) * Decimal("1.05")) if filed.get(year - 1) else None for year in years]
    title = _("Số đơn đăng ký nộp mỗi năm")
    found.append(Chart(title, draw.line_chart(title=title, categories=labels,
                                              series=[(_("Số đơn đã nộp"), series)],
                                              target_series=(_("+%(rate)s%% so với năm trước") % {"rate": 5}, line)),
                       [_("Năm"), _("Số đơn đã nộp"), _("Mức +5%")],
                       [[y, v, round(t) if t is not None else None] for y, v, t in zip(years, series, line)]))

    found.append(_recognised_chart(Initiative.objects.all(), years))

    year = years[-1]
    rows = replication_quota(year=year)
    title = _("Nhân rộng năm %(year)s theo đơn vị") % {"year": year}
    states = [(str(QuotaState.labels[state]), [row.count if row.state == state else 0 for row in rows])
              for state in QuotaState.order]
    found.append(Chart(title, draw.stacked_bar_chart(
        title=title, categories=[row.unit.name for row in rows], series=states,
        colours=[STATE_COLOURS[state] for state in QuotaState.order]),
        [_("Đơn vị"), _("Số sáng kiến"), _("Tình trạng")],
        [[row.unit.name, row.count, row.state_label] for row in rows]))

    sent = AnnualReport.objects.filter(unit__isnull=False, status__in=REPORTED).values_list("year").annotate(
        on_time=Count("pk", filter=Q(late=False)), late=Count("pk", filter=Q(late=True))).order_by()
    by_year = {year: (on_time, late) for year, on_time, late in sent}
    title = _("Báo cáo năm của các đơn vị đã gửi")
    on_time = [by_year.get(y, (0, 0))[0] for y in years]
    late = [by_year.get(y, (0, 0))[1] for y in years]
    found.append(Chart(title, draw.stacked_bar_chart(
        title=title, categories=labels, series=[(_("Đúng hạn"), on_time), (_("Muộn"), late)],
        colours=["#2e8b57", "#e0a800"]), [_("Năm"), _("Đúng hạn"), _("Muộn")],
        [[y, a, b] for y, a, b in zip(years, on_time, late)]))
    return found


def _recognised_chart(initiatives, years: list[int]) -> Chart:
    levels = [(_("Cấp cơ sở"), "base_recognised_on"), (_("Cấp tỉnh"), "provincial_recognised_on"),
              (_("Toàn quốc"), "national_recognised_on")]
    series = []
    for label, field in levels:
        counts = dict(initiatives.filter(**{f"{field}__year__gte": years[0]}).annotate(
            year=ExtractYear(field)).values_list("year").annotate(n=Count("pk")).order_by())
        series.append((label, [counts.get(year, 0) for year in years]))
    title = _("Sáng kiến được công nhận mỗi năm")
    return Chart(title, draw.bar_chart(title=title, categories=[str(y) for y in years], series=series),
                 [_("Năm"), *[label for label, _values in series]],
                 [[year, *[values[i] for _label, values in series]] for i, year in enumerate(years)])


def _unit_charts(unit) -> list[Chart]:
    years = _years()
    labels = [str(year) for year in years]
    yearly = [unit_figures(unit=unit, year=year, as_of=_year_end(year)) for year in years]
    filed = [sum(figures["applications"].values()) for figures in yearly]
    recognised = [[figures["initiatives"][key] for figures in yearly]
                  for key in ("recognised_base", "recognised_provincial", "recognised_national")]
    nominated = [len(figures["replication"]["nominations"]) for figures in yearly]
    target = next((figures["replication"]["target_min"] for figures in reversed(yearly)
                   if figures["replication"]["target_min"]), None)
    title_filed = _("Đơn đăng ký của các tổ chức trong đơn vị")
    title_recognised = _("Sáng kiến được công nhận mỗi năm")
    title_nominated = _("Sáng kiến đăng ký nhân rộng mỗi năm")
    level_labels = [_("Cấp cơ sở"), _("Cấp tỉnh"), _("Toàn quốc")]
    return [
        Chart(title_filed, draw.bar_chart(title=title_filed, categories=labels,
                                          series=[(_("Số đơn đã nộp"), filed)]),
              [_("Năm"), _("Số đơn đã nộp")], [[y, v] for y, v in zip(years, filed)]),
        Chart(title_recognised, draw.bar_chart(title=title_recognised, categories=labels,
                                                 series=list(zip(level_labels, recognised))),
              [_("Năm"), *level_labels], [[y, *values] for y, *values in zip(years, *recognised)]),
        Chart(title_nominated, draw.bar_chart(title=title_nominated, categories=labels,
                                                series=[(_("Số sáng kiến"), nominated)], target=target,
                                                target_label=_("Chỉ tiêu tối thiểu")),
              [_("Năm"), _("Số sáng kiến")], [[y, v] for y, v in zip(years, nominated)]),
    ]
