"""The initiatives' imports: initiatives with their authors, and replication nominations.

Each row is checked by the rules of the one-record services (``initiative_file``, ``initiative_update``,
``initiative_set_authors``, ``nomination_create``), then the file is written as one import batch or not at
all; see ``directory.importing``.

An initiative's authors are one cell, "Họ và tên (tỷ lệ%)" separated by ";", whose shares add up to exactly
100%. They count in the initiative's version (as on its form), so an exported row whose authors were changed
since is refused; they are compared with the ones recorded, so importing the same file twice changes nothing.
An author is matched by name: a share changed updates that author (keeping the birth year, workplace and job
title recorded on the form), an author left out is deleted (with history, and only with the import's reason).

Nominations: a row creates one, or names one already recorded (same unit, year and initiative) whose
justification alone may change; its status moves on its page, never through a file (a "Trạng thái" column
is ignored).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory import access as directory_access
from directory.importers import UnitLookup
from directory.importing import (
    Action,
    Column,
    Importer,
    Lookup,
    Plan,
    Row,
    as_decimal,
    as_text,
    blank,
    key,
    normal,
    register,
    shown,
)
from directory.models import AdministrativeUnit, Organisation, OrganisationPlacement
from directory.selectors import UnitMap
from directory.services import require_in_force
from initiatives import access
from initiatives.models import (
    Initiative,
    InitiativeAuthor,
    InitiativeField,
    ReplicationNomination,
    ReplicationPlan,
    base_decision_due,
)
from initiatives.services import INITIATIVE_VERSION, _require_on_plan, _validate_authors, locked_message
from initiatives.workflow import PROVINCIAL_SCOPE_STATUSES, InitiativeStatus, NominationStatus

BATCH = 1000
AUTHOR = re.compile(r"(?P<name>.*?)\s*\(\s*(?P<share>[0-9]+(?:[.,][0-9]+)?)\s*%?\s*\)")
AUTHOR_NAME_MAX = InitiativeAuthor._meta.get_field("name").max_length


def long_text(row: Row, name: str) -> str:
    """A cell of free text (a description): each line as ``normal`` makes it, the line breaks kept."""
    cell = row.cell(name)
    if blank(cell):
        return ""
    text = unicodedata.normalize("NFC", as_text(cell) if not isinstance(cell, str) else cell)
    return "\n".join(normal(line) for line in text.splitlines()).strip("\n")


def _share(share: Decimal) -> str:
    return f"{share.normalize():f}"


def authors_text(authors) -> str:
    """Authors as the column writes them: the largest share first."""
    ordered = sorted(authors, key=lambda author: (-author[1], key(author[0])))
    return "; ".join(f"{name} ({_share(share)}%)" for name, share in ordered) or "—"


# Initiatives ----------------------------------------------------------------------------------------

@register
class InitiativeImporter(Importer):
    """Initiatives with their authors, by the unit's officer (their own unit's organisations) or, once an
    initiative is recognised at base level, by the council secretary with the import's reason."""

    slug = "initiatives"
    model = Initiative
    title = gettext_lazy("Sáng kiến")
    # The list export's headers where it has the same data (Tên sáng kiến, Tổ chức, Lĩnh vực, Ngày nộp), the
    # detail page's for the rest.
    columns = (
        Column("title", gettext_lazy("Tên sáng kiến"), True,
               gettext_lazy("Cùng tổ chức, tên và ngày nộp với một sáng kiến đã có thì dòng cập nhật sáng kiến đó."),
               "Dạy học theo trạm cho môn Toán lớp 6"),
        Column("organisation", gettext_lazy("Tổ chức"), True,
               gettext_lazy("Tên (hoặc mã) tổ chức áp dụng sáng kiến, thuộc đơn vị của anh/chị."),
               "Trường THCS Phượng Sơn"),
        Column("field", gettext_lazy("Lĩnh vực"), True,
               gettext_lazy("Giáo dục, Y tế, Nông nghiệp, Công nghiệp, Hành chính hoặc Khác."), "Giáo dục"),
        Column("filed_on", gettext_lazy("Ngày nộp"), True, gettext_lazy("dd/mm/yyyy."), "01/03/2023"),
        Column("investor", gettext_lazy("Chủ đầu tư tạo ra sáng kiến"),
               help=gettext_lazy("Tên (hoặc mã) tổ chức; để trống nếu tác giả tự đầu tư.")),
        Column("first_applied_on", gettext_lazy("Ngày áp dụng lần đầu (hoặc thử)"),
               help=gettext_lazy("dd/mm/yyyy. Bắt buộc với sáng kiến mới."), example="05/09/2022"),
        Column("first_application_ended_on", gettext_lazy("Ngày kết thúc áp dụng lần đầu"),
               help=gettext_lazy("dd/mm/yyyy; để trống nếu chưa kết thúc.")),
        Column("description", gettext_lazy("Mô tả sáng kiến"),
               help=gettext_lazy("Bắt buộc với sáng kiến mới."), example="Tổ chức lớp học thành các trạm luân phiên."),
        Column("confidential_part", gettext_lazy("Nội dung cần giữ bí mật"),
               help=gettext_lazy("Chỉ người được xem nội dung bí mật của sáng kiến được ghi cột này.")),
        Column("expected_benefit", gettext_lazy("Lợi ích dự kiến (đồng/năm)"), help=gettext_lazy("Số nguyên, đồng.")),
        Column("actual_benefit", gettext_lazy("Lợi ích thực tế (đồng/năm)"), help=gettext_lazy("Số nguyên, đồng.")),
        Column("remuneration_agreed", gettext_lazy("Có thỏa thuận về thù lao"),
               help=gettext_lazy("“Có” nếu chủ đầu tư và tác giả đã thỏa thuận thù lao; để trống là “Không”.")),
        Column("authors", gettext_lazy("Tác giả"),
               help=gettext_lazy("Các tác giả, cách nhau bởi dấu “;”, mỗi người “Họ và tên (tỷ lệ%)”; các tỷ lệ cộng "
                                 "lại đúng 100%. Bắt buộc với sáng kiến mới; không có cột này: giữ nguyên tác giả. Bỏ "
                                 "một tác giả cần ghi lý do khi nhập."),
               example="Nguyễn Văn A (60); Trần Thị B (40)"),
    )
    # base_decision_due is not a column: it follows the end of the first application, as initiative_update
    # computes it, and is written with the rest.
    fields = ("title", "field", "organisation_id", "investor_id", "filed_on", "first_applied_on",
              "first_application_ended_on", "description", "confidential_part", "expected_benefit",
              "actual_benefit", "remuneration_agreed", "base_decision_due")
    # Authors are compared and written as a set: ``current_many`` and ``write`` below, not the framework's
    # many-to-many handling (they are a reverse foreign key, not a many-to-many field).
    many = ("authors",)
    related = INITIATIVE_VERSION
    needed_to_file = ("first_applied_on", "description", "authors")
    dates = ("first_applied_on", "first_application_ended_on")
    amounts = ("expected_benefit", "actual_benefit")

    def permitted(self) -> bool:
        return access.is_writing_officer(self.actor) or access.can_move_recognition(self.actor)

    def _loaded(self):
        # What the access rules read: the organisation's unit up to its district (or province), the hand-over.
        return Initiative.objects.select_related("organisation__unit__parent__parent", "handed_over_to")

    def editable(self):
        initiatives = self._loaded()
        if access.can_move_recognition(self.actor):
            return initiatives  # recognised initiatives; the others are refused in ``check``, saying why
        scope = directory_access.unit_scope(self.actor)
        if not access.is_writing_officer(self.actor) or scope is None:
            return initiatives.none()
        unit_map = UnitMap.current()
        own = [pk for pk in unit_map.units if unit_map.reporting(pk) == scope.pk]
        return initiatives.filter(Q(handed_over_to=scope) | Q(handed_over_to__isnull=True, organisation__unit__in=own))

    # Reading ---------------------------------------------------------------------------------------

    def prepare(self, rows):
        self.organisations = Lookup(Organisation.objects.all(), "name",
                                    [row.cell(name) for row in rows for name in ("organisation", "investor")],
                                    noun=_("tổ chức"))
        ids = list(self.organisations.by_id)
        self.organisation_objects = Organisation.objects.select_related("unit__parent__parent").in_bulk(ids)
        self.spans: dict[int, list[tuple]] = defaultdict(list)
        for organisation, unit, start, end in OrganisationPlacement.objects.filter(organisation_id__in=ids) \
                .values_list("organisation_id", "unit_id", "valid_from", "valid_to"):
            self.spans[organisation].append((unit, start, end))
        self.unit_map = UnitMap.current()
        self.names = dict(self.organisations.by_id)
        self.may_file: dict[int, bool] = {}
        self.in_force: dict[tuple, str | None] = {}
        self.authors_now: dict[int, list[InitiativeAuthor]] = {}
        self.content_changed: set[int] = set()
        self.twins: set[tuple] = set()

    def read(self, row):
        values = {
            "title": row.text("title", required=True, max_length=300),
            "field": row.choice("field", InitiativeField, required=True),
            "organisation_id": self.organisations.find(row, "organisation", required=True),
            "filed_on": row.date("filed_on", required=True, field=Initiative._meta.get_field("filed_on")),
        }
        if row.has("investor"):
            values["investor_id"] = self.organisations.find(row, "investor")
        for name in self.dates:
            if row.has(name):
                values[name] = row.date(name, required=name == "first_applied_on",
                                        field=Initiative._meta.get_field(name))
        if row.has("description"):
            values["description"] = long_text(row, "description")
        if row.has("confidential_part"):
            values["confidential_part"] = long_text(row, "confidential_part")
        for name in self.amounts:
            if row.has(name):
                values[name] = row.integer(name)
        if row.has("remuneration_agreed"):
            values["remuneration_agreed"] = bool(row.boolean("remuneration_agreed"))
        if row.has("authors"):
            values["authors"] = self._authors(row)
        return values

    def _authors(self, row: Row) -> frozenset:
        """The authors' cell as a set of (name, share); the shares add up to exactly 100% (``_validate_authors``)."""
        parts = row.items("authors")
        found: list[tuple[str, Decimal]] = []
        for part in parts:
            match = AUTHOR.fullmatch(part)
            if match is None and len(parts) == 1 and "(" not in part:
                name, share = part, Decimal(100)  # a single author holds the whole initiative
            elif match is None or not match["name"]:
                row.error("authors", _("«%(value)s» cần dạng “Họ và tên (tỷ lệ%%)”, ví dụ “Nguyễn Văn A (60)”."),
                          value=shown(part))
                continue
            else:
                name, share = match["name"], as_decimal(match["share"])
            if len(name) > AUTHOR_NAME_MAX:
                row.error("authors", _("tên tác giả «%(value)s» dài quá %(max)d ký tự."), value=shown(name),
                          max=AUTHOR_NAME_MAX)
            elif share is None or not Decimal("0.01") <= share <= 100 or share.as_tuple().exponent < -2:
                row.error("authors", _("tỷ lệ của %(author)s phải từ 0,01%% đến 100%%, nhiều nhất hai chữ số thập "
                                       "phân."), author=name)
            elif any(key(name) == key(other) for other, _other_share in found):
                row.error("authors", _("tác giả %(author)s được ghi hai lần."), author=name)
            else:
                found.append((name, share))
        if row.failed:
            return frozenset(found)
        try:
            _validate_authors([{"name": name, "share_percent": share} for name, share in found])
        except ValidationError as error:
            for message in error.messages:
                row.error("authors", "%(text)s", text=message)
        return frozenset(found)

    def natural_key(self, values):
        return (values["organisation_id"], key(values["title"]), values["filed_on"])

    def find(self, keys):
        organisations = {organisation for organisation, _title, _day in keys}
        days = {day for _organisation, _title, day in keys}
        found, twins = {}, set()
        for initiative in self._loaded().filter(organisation_id__in=organisations, filed_on__in=days):
            natural = (initiative.organisation_id, key(initiative.title), initiative.filed_on)
            if natural in keys:
                if natural in found:
                    twins.add(natural)
                found[natural] = initiative
        # Two initiatives recorded alike: a row must name one by its ID (``check`` says so).
        self.twins = twins
        return {natural: initiative for natural, initiative in found.items() if natural not in twins}

    def current_many(self, instances):
        """The authors recorded for these initiatives, as the set the authors' cell reads into."""
        current: dict[int, dict[str, frozenset]] = defaultdict(lambda: {"authors": frozenset()})
        ids = [instance.pk for instance in instances]
        loaded: dict[int, list[InitiativeAuthor]] = {pk: [] for pk in ids}
        for start in range(0, len(ids), BATCH):
            for author in InitiativeAuthor.objects.filter(initiative_id__in=ids[start:start + BATCH]):
                loaded[author.initiative_id].append(author)
        self.authors_now.update(loaded)  # what ``check`` and ``write`` compare with
        for pk, authors in loaded.items():
            current[pk]["authors"] = frozenset((normal(author.name), author.share_percent) for author in authors)
        return current

    # Rules -----------------------------------------------------------------------------------------

    def validate(self, row, instance):
        if instance._state.adding:
            missing = [str(column.header) for column in self.columns
                       if column.key in self.needed_to_file and not row.has(column.key)]
            if missing:
                row.error(None, _("sáng kiến mới cần cả các cột: %(columns)s."), columns=", ".join(missing))
                return
        super().validate(row, instance)

    def _may_file(self, organisation: Organisation) -> bool:
        if organisation.pk not in self.may_file:
            self.may_file[organisation.pk] = access.can_file_for(self.actor, organisation)
        return self.may_file[organisation.pk]

    def _surely_in_force(self, organisation: Organisation, on) -> bool:
        """In memory: neither the organisation nor any unit it may have stood in on ``on`` had ended by then.
        Otherwise ``require_in_force`` decides (and says why)."""
        if organisation.ended_on is not None and on > organisation.ended_on:
            return False
        units = {organisation.unit_id} | {unit for unit, start, end in self.spans.get(organisation.pk, ())
                                          if (start is None or start <= on) and (end is None or on <= end)}
        for unit in units:
            node = self.unit_map.units.get(unit)
            if node is None or (node.valid_to is not None and on > node.valid_to):
                return False
        return True

    def _require_in_force(self, row: Row, organisation: Organisation, on) -> None:
        memo = (organisation.pk, on)
        if memo not in self.in_force:
            message = None
            if not self._surely_in_force(organisation, on):
                try:
                    require_in_force(on=on, organisation=organisation, field="organisation")
                except ValidationError as error:
                    message = " ".join(error.messages)
            self.in_force[memo] = message
        if self.in_force[memo]:
            row.error("organisation", "%(text)s", text=self.in_force[memo])

    def check(self, row, instance, values, creating):
        organisation = self.organisation_objects[values["organisation_id"]]
        if creating:
            if self.natural_key(values) in self.twins:
                row.error(None, _("có nhiều sáng kiến cùng tên, tổ chức và ngày nộp: hãy ghi mã (ID) của sáng kiến."))
                return
            if not self._may_file(organisation):
                row.error("organisation", _("Chỉ cán bộ của đơn vị được nộp sáng kiến của các tổ chức thuộc đơn vị "
                                            "mình."))
                return
            instance.organisation = organisation
            instance.status = InitiativeStatus.FILED
            self._require_in_force(row, organisation, values["filed_on"])
            if values.get("confidential_part") and not access.can_see_confidential(self.actor, instance):
                row.error("confidential_part", _("anh/chị không được ghi nội dung cần giữ bí mật của sáng kiến này."))
            return

        # A change: who may change what the council judges, and the lock after recognition.
        if access.is_locked(instance):
            if not access.can_change_content(self.actor, instance):
                row.error(None, "%(text)s", text=locked_message())
                return
            if not self.reason.strip():
                row.error(None, _("Sáng kiến đã được công nhận: cần ghi lý do sửa. Hãy nhập lại tệp kèm lý do."))
        elif not access.can_change_content(self.actor, instance):
            if access.can_move_recognition(self.actor):
                row.error(None, _("Sáng kiến chưa được công nhận cấp cơ sở: chỉ cán bộ của đơn vị được sửa."))
            else:
                row.error(None, _("Sáng kiến thuộc đơn vị khác."))
            return
        if values["organisation_id"] != instance.organisation_id and not self._may_file(organisation):
            row.error("organisation", _("Tổ chức thuộc đơn vị khác."))
        elif values["organisation_id"] != instance.organisation_id or values["filed_on"] != instance.filed_on:
            self._require_in_force(row, organisation, values["filed_on"])
        if "confidential_part" in values and values["confidential_part"] != instance.confidential_part \
                and not access.can_see_confidential(self.actor, instance):
            row.error("confidential_part", _("anh/chị không được ghi nội dung cần giữ bí mật của sáng kiến này."))
        if "authors" in values:
            kept = {key(name) for name, _share in values["authors"]}
            removed = [author.name for author in self.authors_now.get(instance.pk, []) if key(author.name) not in kept]
            if removed and not self.reason.strip():
                row.error("authors", _("bỏ tác giả %(names)s khỏi sáng kiến cần ghi lý do: hãy nhập lại tệp kèm lý "
                                       "do."), names=", ".join(removed))
        if any(getattr(instance, name) != value for name, value in values.items() if name not in self.many):
            self.content_changed.add(row.number)

    # Showing and writing ---------------------------------------------------------------------------

    def _organisation_name(self, pk) -> str:
        if pk is None:
            return "—"
        if pk not in self.names:
            self.names[pk] = Organisation.objects.filter(pk=pk).values_list("name", flat=True).first() or str(pk)
        return self.names[pk]

    def display(self, name, value):
        if name in ("organisation_id", "investor_id"):
            return self._organisation_name(value)
        if name == "field" and value:
            return str(InitiativeField(value).label)
        if name == "authors":
            return authors_text(value)
        return shown(value)

    def _attach(self, instance: Initiative) -> None:
        """The organisation its search text and its audit events read, without a query each."""
        organisation = self.organisation_objects.get(instance.organisation_id)
        if organisation is not None:
            instance.organisation = organisation

    def before_write(self, instances):
        for instance in instances:
            self._attach(instance)
            if instance.registered_on is not None:
                instance.base_decision_due = base_decision_due(instance.registered_on,
                                                               instance.first_application_ended_on)

    def write(self, plan: Plan):
        # A row that changes only the authors leaves the initiative's own row (and history) alone.
        authors_only = [row for row in plan.rows
                        if row.action == Action.CHANGE and row.number not in self.content_changed]
        skipped = {row.number for row in authors_only}
        content = Plan(importer=plan.importer, sheet=plan.sheet,
                       rows=[row for row in plan.rows if row.number not in skipped])
        created, changed = super().write(content)
        self._write_authors(plan)
        return created, changed + [row.instance for row in authors_only]

    def write_many(self, name, plan):
        """Authors are written by ``write``, for every row (those changing only the authors too)."""

    def _write_authors(self, plan: Plan) -> None:
        create, update, remove = [], [], []
        for row in plan.rows:
            if row.action == Action.UNCHANGED or "authors" not in row.values:
                continue
            initiative = row.instance
            self._attach(initiative)
            current = self.authors_now.get(initiative.pk, []) if row.action == Action.CHANGE else []
            wanted = row.values["authors"]
            if frozenset((normal(author.name), author.share_percent) for author in current) == wanted:
                continue
            by_name = {key(author.name): author for author in current}
            kept = set()
            for name, share in sorted(wanted, key=lambda author: (-author[1], key(author[0]))):
                author = by_name.get(key(name))
                if author is None:
                    create.append(InitiativeAuthor(initiative=initiative, name=name, share_percent=share))
                    continue
                kept.add(author.pk)
                if author.name != name or author.share_percent != share:
                    author.name, author.share_percent, author.initiative = name, share, initiative
                    update.append(author)
            remove += [author.pk for author in current if author.pk not in kept]
        if remove:
            # One DELETE; each author's deletion still writes its history row and audit event (signals).
            InitiativeAuthor.objects.filter(pk__in=remove).delete()
        if update:
            InitiativeAuthor.objects.bulk_update(update, ["name", "share_percent"], batch_size=BATCH)
            InitiativeAuthor.history.bulk_history_create(update, update=True, batch_size=BATCH)
        if create:
            InitiativeAuthor.objects.bulk_create(create, batch_size=BATCH)
            InitiativeAuthor.history.bulk_history_create(create, batch_size=BATCH)


# Replication nominations ----------------------------------------------------------------------------

@register
class NominationImporter(Importer):
    """A unit's choices of initiatives of provincial scope to replicate in a year, by the unit's officer."""

    slug = "nominations"
    model = ReplicationNomination
    title = gettext_lazy("Đăng ký nhân rộng")
    # The nominations list export's headers (Năm, Đơn vị nhân rộng, Sáng kiến, Ngày đăng ký).
    columns = (
        Column("year", gettext_lazy("Năm"), True, gettext_lazy("Năm nhân rộng, có kế hoạch nhân rộng."), 2024),
        Column("unit", gettext_lazy("Đơn vị nhân rộng"), True,
               gettext_lazy("Mã hoặc tên đơn vị của anh/chị, tham gia kế hoạch năm đó."), "bg.luc-ngan"),
        Column("initiative", gettext_lazy("Sáng kiến"), True,
               gettext_lazy("Mã (ID) hoặc tên sáng kiến có phạm vi ảnh hưởng cấp tỉnh."),
               "Dạy học theo trạm cho môn Toán lớp 6"),
        Column("nominated_on", gettext_lazy("Ngày đăng ký"), True,
               gettext_lazy("dd/mm/yyyy, không ở tương lai, từ năm trước năm nhân rộng."), "01/03/2024"),
        Column("justification", gettext_lazy("Giải trình khi vượt 3 sáng kiến"),
               help=gettext_lazy("Bắt buộc khi đơn vị đã đủ chỉ tiêu phấn đấu của năm (kể cả các dòng trước trong "
                                 "tệp). Với đăng ký đã có, chỉ cột này được sửa; trạng thái không nhập qua tệp.")),
    )
    # Only the justification of a nomination already recorded may change (``check``).
    fields = ("justification",)
    fixed = ("unit_id", "year", "initiative_id", "nominated_on")

    def permitted(self) -> bool:
        return access.is_writing_officer(self.actor)

    def _loaded(self):
        return ReplicationNomination.objects.select_related("unit", "handed_over_to")

    def editable(self):
        scope = directory_access.unit_scope(self.actor)
        if scope is None:
            return self._loaded().none()
        return self._loaded().filter(Q(handed_over_to=scope) | Q(handed_over_to__isnull=True, unit=scope))

    def prepare(self, rows):
        self.units = UnitLookup(as_text(row.cell("unit")) for row in rows)
        self.unit_objects = AdministrativeUnit.objects.in_bulk(list(self.units.names))
        self.initiatives = Lookup(Initiative.objects.all(), "title", (row.cell("initiative") for row in rows),
                                  noun=_("sáng kiến"))
        self.statuses = dict(Initiative.objects.filter(pk__in=list(self.initiatives.by_id))
                             .values_list("pk", "status"))
        self.plans: dict[tuple, object] = {}
        self.targets: dict[int, object] = {}
        self.counts: dict[tuple, int] = {}
        self.today = timezone.localdate()

    def read(self, row):
        values = {
            "year": row.integer("year", required=True, minimum=2021),
            "unit_id": self.units.find(row, "unit", as_text(row.cell("unit")), required=True),
            "initiative_id": self.initiatives.find(row, "initiative", required=True),
            "nominated_on": row.date("nominated_on", required=True,
                                     field=ReplicationNomination._meta.get_field("nominated_on")),
        }
        if row.has("justification"):
            values["justification"] = long_text(row, "justification")
        return values

    def natural_key(self, values):
        return (values["unit_id"], values["year"], values["initiative_id"])

    def find(self, keys):
        units = {unit for unit, _year, _initiative in keys}
        years = {year for _unit, year, _initiative in keys}
        # The nominations already counted against each unit's target in each year (as nomination_create counts).
        for unit, year, count in ReplicationNomination.objects.filter(unit_id__in=units, year__in=years) \
                .exclude(status=NominationStatus.WITHDRAWN).order_by().values_list("unit_id", "year") \
                .annotate(count=Count("pk")):
            self.counts[(unit, year)] = count
        found = self._loaded().filter(unit_id__in=units, year__in=years,
                                      initiative_id__in={initiative for _unit, _year, initiative in keys})
        return {natural: nomination for nomination in found
                if (natural := (nomination.unit_id, nomination.year, nomination.initiative_id)) in keys}

    def _plan(self, row: Row, unit: AdministrativeUnit, year: int):
        memo = (unit.pk, year)
        if memo not in self.plans:
            try:
                self.plans[memo] = _require_on_plan(unit, year)
            except ValidationError as error:
                self.plans[memo] = error
        plan = self.plans[memo]
        if isinstance(plan, ValidationError):
            for name, messages in plan.message_dict.items():
                for message in messages:
                    row.error(name if name in ("unit", "year") else None, "%(text)s", text=message)
            return None
        return plan

    def check(self, row, instance, values, creating):
        if not creating:
            self._check_change(row, instance, values)
            return
        unit, year = self.unit_objects[values["unit_id"]], values["year"]
        if not access.can_nominate_for(self.actor, unit):
            row.error("unit", _("Chỉ được đăng ký nhân rộng cho đơn vị của mình."))
            return
        status = self.statuses.get(values["initiative_id"])
        if status not in PROVINCIAL_SCOPE_STATUSES:
            row.error("initiative", _("Sáng kiến “%(title)s” chưa có phạm vi ảnh hưởng cấp tỉnh (hiện: %(status)s)."),
                      title=self.initiatives.by_id.get(values["initiative_id"], ""),
                      status=InitiativeStatus(status).label if status else "—")
        on = values["nominated_on"]
        if on.year < year - 1 or on > self.today:
            row.error("nominated_on", _("Ngày đăng ký %(on)s không phù hợp với kế hoạch năm %(year)s."),
                      on=on.strftime("%d/%m/%Y"), year=year)
        plan = self._plan(row, unit, year)
        if plan is None or row.failed:
            return
        # The file's own new nominations count too, in the order of its rows.
        count = self.counts.get((unit.pk, year), 0)
        if count >= plan.target_ideal and not values.get("justification", "").strip():
            row.error("justification", _("%(unit)s đã có %(count)s sáng kiến nhân rộng năm %(year)s (kể cả các dòng "
                                         "trước trong tệp): hãy giải trình lý do đăng ký thêm."),
                      unit=unit.name, count=count, year=year)
            return
        self.counts[(unit.pk, year)] = count + 1
        instance.reason = self.reason  # as nomination_create: the reason given is the nomination's reason

    def _check_change(self, row: Row, instance: ReplicationNomination, values: dict) -> None:
        if not access.can_record_replication(self.actor, instance):
            row.error(None, _("Đăng ký nhân rộng thuộc đơn vị khác."))
            return
        recorded = {"unit_id": lambda: instance.unit.name, "initiative_id": lambda: instance.initiative.title}
        for name in self.fixed:
            if values[name] != getattr(instance, name):
                value = recorded[name]() if name in recorded else shown(getattr(instance, name))
                row.error(name.removesuffix("_id"), _("đăng ký nhân rộng đã có chỉ được sửa phần giải trình qua tệp "
                                                      "nhập (đang ghi: %(value)s)."), value=value)
        justification = values.get("justification", instance.justification)
        if instance.justification.strip() and not justification.strip() and self._needed_justification(instance):
            row.error("justification", _("đăng ký này vượt chỉ tiêu phấn đấu của năm nên cần giải trình."))

    def _needed_justification(self, nomination: ReplicationNomination) -> bool:
        """Whether the nomination came beyond its year's target (the ones before it, withdrawn left out)."""
        if nomination.year not in self.targets:
            self.targets[nomination.year] = ReplicationPlan.objects.filter(year=nomination.year).first()
        plan = self.targets[nomination.year]
        if plan is None:
            return False
        before = ReplicationNomination.objects.filter(unit_id=nomination.unit_id, year=nomination.year,
                                                      pk__lt=nomination.pk) \
            .exclude(status=NominationStatus.WITHDRAWN).count()
        return before >= plan.target_ideal

    def display(self, name, value):
        if name == "unit_id":
            return self.units.names.get(value) or shown(value)
        if name == "initiative_id":
            return self.initiatives.by_id.get(value) or shown(value)
        return shown(value)
