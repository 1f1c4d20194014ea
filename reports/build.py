"""From figures to the document a unit or DOST sends: its letterhead (Decree 30/2020/NĐ-CP) and sections.

The page, the spreadsheet and the printed document all draw what these functions return; a submitted
report keeps its document as it was built then.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from directory.models import UnitKind
from directory.selectors import issuer_on
from initiatives.selectors import QuotaState
from initiatives.workflow import NominationStatus, SiteStatus
from ip_registry.models import AssetKind, InfringementOutcome
from ip_registry.selectors import TargetProgress
from ip_registry.workflow import ApplicationKind
from reports.document import Letterhead, ReportDocument, Section, Table
from reports.workflow import ReportStatus

DIRECTIVE = "Chỉ thị số 01/CT-UBND"


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or "—"


def _by_choice(counts: dict, choices) -> list[list]:
    """One row per choice that has a count, in the choices' order."""
    return [[str(label), counts[value]] for value, label in choices.choices if counts.get(value)]


def _place(on: dt.date) -> tuple[str, str]:
    """(the governing body's line, the place) of the province on ``on``."""
    province = issuer_on(on).province or _("Tỉnh")
    short = province.removeprefix("Tỉnh ").removeprefix("tỉnh ")
    return _("UBND %(province)s") % {"province": province.upper()}, short


def issuing_body(unit) -> str:
    if unit.kind == UnitKind.DEPARTMENT:
        return unit.name.upper()
    return _("UBND %(unit)s") % {"unit": unit.name.upper()}


def _subtitle(year: int) -> str:
    return _("Kết quả thực hiện %(directive)s năm %(year)s") % {"directive": DIRECTIVE, "year": year}


def _written(report) -> Section:
    parts = [(_("1. Kết quả đạt được"), report.results), (_("2. Khó khăn, vướng mắc"), report.difficulties),
             (_("3. Đề xuất, kiến nghị"), report.proposals)]
    paragraphs = []
    for heading, text in parts:
        paragraphs.append(heading)
        paragraphs.extend([line for line in (text or "").splitlines() if line.strip()] or ["—"])
    return Section(_("Đánh giá chung"), paragraphs=paragraphs)


def _ip_tables(figures: dict, as_of: dt.date) -> list[Table]:
    count = _("Số lượng")
    infringements = figures["infringements"]
    cases = [[_("Vụ việc phát hiện trong năm"), infringements["opened"]],
             [_("Vụ việc đã xử lý xong"), infringements["closed"]],
             *[[_("— %(outcome)s") % {"outcome": label}, n] for label, n in
               _by_choice(infringements["outcomes"], InfringementOutcome)],
             [_("Tiền phạt (đồng)"), infringements["fines"]]]
    areas = figures["growing_areas"]
    return [
        Table(_("Đơn đã nộp trong năm"), [_("Loại đơn"), count],
              _by_choice(figures["applications"], ApplicationKind), total_columns=(1,)),
        Table(_("Văn bằng được cấp trong năm"), [_("Loại tài sản trí tuệ"), count],
              _by_choice(figures["granted"], AssetKind), total_columns=(1,)),
        Table(_("Quyền đang được bảo hộ đến ngày %(day)s") % {"day": as_of.strftime("%d/%m/%Y")},
              [_("Loại tài sản trí tuệ"), count], _by_choice(figures["in_force"], AssetKind), total_columns=(1,)),
        Table(_("Xử lý xâm phạm"), [_("Nội dung"), count], cases),
        Table(_("Mã số vùng trồng"), [_("Nội dung"), count],
              [[_("Cấp trong năm"), areas["issued"]], [_("Đang hiệu lực"), areas["active"]]]),
    ]


def _initiative_table(figures: dict) -> Table:
    counted = figures["initiatives"]
    rows = [(_("Sáng kiến nộp trong năm"), "filed"), (_("Được công nhận cấp cơ sở"), "recognised_base"),
            (_("Được công nhận phạm vi cấp tỉnh"), "recognised_provincial"),
            (_("Được công nhận phạm vi toàn quốc"), "recognised_national"),
            (_("Quá hạn ra quyết định công nhận cấp cơ sở"), "overdue")]
    return Table(_("Sáng kiến"), [_("Nội dung"), _("Số lượng")], [[label, counted[key]] for label, key in rows])


def _replication_tables(figures: dict) -> list[Table]:
    counted = figures["replication"]
    summary = [[_("Sáng kiến đăng ký nhân rộng"), len(counted["nominations"])]]
    if counted["target_min"]:
        summary.insert(0, [_("Chỉ tiêu (tối thiểu – phấn đấu)"), f"{counted['target_min']}–{counted['target_ideal']}"])
    summary += [[_("Địa điểm: %(status)s") % {"status": label}, n]
                for label, n in _by_choice(counted["sites"], SiteStatus)]
    summary += [[_("Lợi ích đo được (đồng)"), counted["benefit"]],
                [_("Số người được áp dụng"), counted["people_reached"]],
                [_("Số đơn vị áp dụng"), counted["units_reached"]]]
    rows = [[n["initiative"], _label(NominationStatus, n["status"]), n["sites"], n["progress"]]
            for n in counted["nominations"]]
    return [Table(_("Nhân rộng sáng kiến"), [_("Nội dung"), _("Số lượng")], summary),
            Table(_("Các sáng kiến đăng ký nhân rộng"), [_("Sáng kiến"), _("Tình trạng"), _("Số địa điểm"),
                                                         _("Tiến độ bình quân (%)")], rows)]


def _remuneration_table(figures: dict) -> Table:
    paid = figures["remuneration"]
    return Table(_("Thù lao trả cho tác giả"), [_("Nội dung"), _("Số lượng")],
                 [[_("Số khoản chi trả"), paid["payments"]], [_("Tổng số tiền (đồng)"), paid["amount"]]])


def unit_document(report, figures: dict) -> ReportDocument:
    """A unit's report: its IP work, initiatives, replication and remuneration, then its written parts."""
    governing, place = _place(report.as_of)
    number = report.number or "     /BC-UBND"
    letterhead = Letterhead(
        governing_body=governing, issuing_body=issuing_body(report.unit), number=_("Số: %(number)s") % {
            "number": number}, place=place, date=report.submitted_on, title=_("BÁO CÁO"),
        subtitle=_subtitle(report.year),
        recipients=[line for line in report.recipients.splitlines() if line.strip()]
        or [_("Sở Khoa học và Công nghệ;"), _("Lưu: VT.")],
        signer_title=report.signer_title, signer_name=report.signer_name)
    sections = [
        Section(_("I. Sở hữu trí tuệ"), tables=_ip_tables(figures, report.as_of)),
        Section(_("II. Sáng kiến"), tables=[_initiative_table(figures), _remuneration_table(figures)]),
        Section(_("III. Nhân rộng sáng kiến cấp tỉnh"), tables=_replication_tables(figures)),
        _written(report),
    ]
    for section in sections[:3]:
        section.paragraphs.insert(0, _("Số liệu từ ngày 01/01/%(year)s đến ngày %(day)s.") % {
            "year": report.year, "day": report.as_of.strftime("%d/%m/%Y")})
    return ReportDocument(letterhead, sections, file_stem=f"bao-cao-{report.year}-{report.unit.code}")


def quota_state(replication: dict) -> str | None:
    if not replication["target_min"]:
        return None
    count = len(replication["nominations"])
    if count < replication["target_min"]:
        return QuotaState.BELOW
    return QuotaState.ABOVE if count > replication["target_ideal"] else QuotaState.ON_TARGET


def _assessment(met: bool | None) -> str:
    return "" if met is None else (_("Đạt") if met else _("Chưa đạt"))


def province_document(report, *, units: list, figures: dict, totals: dict, targets: list[TargetProgress],
                      growth: list, submissions: list[dict], reporting_year: bool) -> ReportDocument:
    """The province's report: targets, the portfolio, initiatives, replication, who reported, each unit."""
    governing, place = _place(report.as_of)
    day = report.as_of.strftime("%d/%m/%Y")
    target_rows, unit_tables = [], []
    for progress in targets:
        target = progress.target
        value = target.value.normalize()
        if progress.years:
            target_rows.append([str(target.get_indicator_display()), _("+%(value)s %% mỗi năm") % {
                "value": str(value).replace(".", ",")}, progress.reached, None, _assessment(progress.met)])
        else:
            target_rows.append([str(target.get_indicator_display()), int(value), int(progress.reached or 0),
                                progress.percent,
                                _assessment(progress.percent is not None and progress.percent >= 100)])
            unit_tables.append(Table(
                _("%(indicator)s, theo đơn vị") % {"indicator": target.get_indicator_display()},
                [_("Đơn vị"), _("Số lượng")], [[name, n] for name, n in progress.by_unit], total_columns=(1,)))
    growth_rows = [[str(row.year), row.filed, row.previous, row.percent, _assessment(row.met)] for row in growth]
    sections = [
        Section(_("I. Tiến độ thực hiện các chỉ tiêu đến ngày %(day)s") % {"day": day}, tables=[
            Table(_("Các chỉ tiêu"), [_("Chỉ tiêu"), _("Mục tiêu"), _("Đạt được"), _("Tỷ lệ (%)"), _("Đánh giá")],
                  target_rows, note=_("Chỉ tiêu tăng trưởng: mức tăng của năm gần nhất trong thời hạn chỉ tiêu.")),
            Table(_("Số đơn đăng ký sở hữu công nghiệp theo năm"),
                  [_("Năm"), _("Số đơn đã nộp"), _("Năm trước"), _("Tăng trưởng (%)"), _("Đạt mức +5%")],
                  growth_rows, note=_("Năm chưa kết thúc được so sánh cùng kỳ năm trước.")),
            *unit_tables,
        ]),
        Section(_("II. Sở hữu trí tuệ"), tables=_ip_tables(totals, report.as_of)),
        Section(_("III. Sáng kiến"), tables=[_initiative_table(totals), _remuneration_table(totals)]),
        Section(_("IV. Nhân rộng sáng kiến cấp tỉnh"), tables=[_board_table(units, figures)]),
        Section(_("V. Tình hình gửi báo cáo của các đơn vị"), tables=[_submission_table(submissions)]
                if reporting_year else [], paragraphs=[] if reporting_year else [
                    _("Năm %(year)s các đơn vị không phải gửi báo cáo; số liệu tổng hợp theo đơn vị cấp huyện "
                      "trước sắp xếp từ dữ liệu.") % {"year": report.year}]),
        _written(report),
        Section(_("Phụ lục: Số liệu của từng đơn vị"), tables=[_appendix(units, figures)]),
    ]
    letterhead = Letterhead(
        governing_body=governing, issuing_body=issuer_on(report.as_of).department.upper(),
        number=_("Số: %(number)s") % {"number": report.number or "     /BC-SKHCN"}, place=place,
        date=report.issued_on, title=_("BÁO CÁO"), subtitle=_subtitle(report.year),
        recipients=[line for line in report.recipients.splitlines() if line.strip()]
        or [_("Chủ tịch UBND tỉnh (để báo cáo);"), _("Bộ Khoa học và Công nghệ;"), _("Lưu: VT.")],
        signer_title=report.signer_title or _("GIÁM ĐỐC"), signer_name=report.signer_name)
    return ReportDocument(letterhead, sections, file_stem=f"bao-cao-tinh-{report.year}")


def _board_table(units: list, figures: dict) -> Table:
    states = {state: 0 for state in QuotaState.order}
    nominations = sites = 0
    for unit in units:
        replication = figures[unit.pk]["replication"]
        state = quota_state(replication)
        if state:
            states[state] += 1
        nominations += len(replication["nominations"])
        sites += sum(replication["sites"].values())
    rows = [[str(QuotaState.labels[state]), n] for state, n in states.items()]
    rows += [[_("Sáng kiến đăng ký nhân rộng"), nominations], [_("Địa điểm nhân rộng"), sites]]
    return Table(_("Bảng theo dõi nhân rộng"), [_("Nội dung"), _("Số lượng")], rows)


def _submission_table(submissions: list[dict]) -> Table:
    rows = [[row["unit"], str(ReportStatus(row["status"]).label) if row["status"] else _("Chưa lập báo cáo"),
             row["submitted_on"], _("Muộn") if row["late"] else ""] for row in submissions]
    return Table(_("Đơn vị chưa gửi, gửi muộn hoặc bị trả lại"), [_("Đơn vị"), _("Trạng thái"), _("Ngày gửi"),
                                                                   _("Ghi chú")], rows)


def _appendix(units: list, figures: dict) -> Table:
    rows = []
    for unit in units:
        unit_figures = figures[unit.pk]
        rows.append([unit.name, sum(unit_figures["applications"].values()), sum(unit_figures["granted"].values()),
                     sum(unit_figures["in_force"].values()), unit_figures["initiatives"]["filed"],
                     unit_figures["initiatives"]["recognised_base"],
                     len(unit_figures["replication"]["nominations"]),
                     sum(unit_figures["replication"]["sites"].values()), unit_figures["remuneration"]["amount"]])
    headers = [_("Đơn vị"), _("Đơn đã nộp"), _("Văn bằng cấp"), _("Quyền đang bảo hộ"), _("Sáng kiến nộp"),
               _("Công nhận cấp cơ sở"), _("Đăng ký nhân rộng"), _("Địa điểm nhân rộng"), _("Thù lao (đồng)")]
    return Table(_("Số liệu từng đơn vị"), headers, rows, total_columns=tuple(range(1, len(headers))))
