"""Spreadsheet imports: every row checked by the one-record rules, previewed, then written in bulk or not at all.

An importer (a subclass of :class:`Importer`, one per register, listed in ``IMPORTERS``) names its columns
and reads a row into the values of one record. :func:`plan` reads the file (``directory.sheets``: size and
dimension limits first), checks every row — its cells, the records it names, the model's own validation,
duplicates in the file, and the version an exported row carries — and says per row whether it creates a
record, changes one (and which fields, old → new) or leaves one alone. Any problem refuses the whole file,
each message naming the row and the column as the spreadsheet shows them. :func:`run` writes a plan in one
import batch: ``bulk_create`` / ``bulk_update`` with their history rows (whose audit events the batch ties
together), so importing the same file twice changes nothing and refuses nothing.

A row whose record changed in the system after the row was exported (its "Phiên bản" is older than the
record's) is refused with what changed meanwhile, unless its values already equal the record's.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from audit.inserts import insert, new_row
from audit.services import import_batch
from audit.versions import changes_since, versions_of
from directory.search import SearchTextField
from directory.sheets import Sheet, read_sheet
from directory.text import normalise_text

# Beyond this many problems the file is clearly not the expected one: the rest are counted, not listed.
MAX_ERRORS = 500
BATCH = 1000
DATE_TEXT = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
SEPARATORS = re.compile(r"[;\n]")
THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


@dataclass(frozen=True)
class Column:
    key: str  # the value's name in the importer (a model field's name when it fills one)
    header: str | Promise  # the header as the template and the list page's export write it
    required: bool = False
    help: str | Promise = ""
    example: Any = None


ID = Column("id", pgettext_lazy("record id", "Mã"), help=gettext_lazy(
    "Mã của bản ghi trong hệ thống, như trong tệp xuất từ trang danh sách. Để trống với bản ghi mới."))
VERSION = Column("version", gettext_lazy("Phiên bản"), help=gettext_lazy(
    "Phiên bản của bản ghi lúc xuất tệp. Nếu bản ghi đã được sửa sau đó, dòng bị từ chối (để không ghi đè "
    "thay đổi của người khác) trừ khi giá trị trên dòng đã giống hệt bản ghi."))


# Cells ------------------------------------------------------------------------------------------------

def normal(text: str) -> str:
    # As the codes and names are stored (NormalisedCharField): a row finds its record by the stored spelling.
    return normalise_text(text)


def key(text: str) -> str:
    """How headers and labels are compared: case, spacing and Unicode composition do not count."""
    return normal(str(text)).casefold()


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value) -> str:
    """A cell as text: numbers typed into a text column (a code, a unit code) read as typed."""
    if value is None:
        return ""
    if type(value) is str and value.isascii():
        return " ".join(value.split())  # nothing to compose
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return normal(str(value))


def shown(value) -> str:
    """A value as quoted back in a message or a preview."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, (set, frozenset, list, tuple)):
        return "; ".join(sorted(shown(item) for item in value)) or "—"
    text = as_text(value)
    return text if len(text) <= 80 else text[:79] + "…"


def as_decimal(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        number = Decimal(repr(value))  # the shortest repr: 10.25 typed is 10.25, not its binary expansion
    elif isinstance(value, str):
        text = "".join(value.split())
        if "," in text and "." not in text:
            text = text.replace(",", ".")  # Vietnamese decimal comma
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def as_integer(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = "".join(value.split())
        if THOUSANDS.fullmatch(text):  # 1.500.000 as Vietnamese write it; "1.5" is not a whole number
            text = text.replace(".", "")
        return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None
    return None


def as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if match := DATE_TEXT.fullmatch(text):
            day, month, year = map(int, match.groups())
        elif match := ISO_DATE.fullmatch(text):
            year, month, day = map(int, match.groups())
        else:
            return None
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


@lru_cache(maxsize=64)
def choices_by_label(choices) -> dict[str, str]:
    """Each choice by its stored value and its label in Vietnamese and English, compared as ``key``."""
    found = {}
    for value, _label in choices.choices:
        found[key(value)] = value
        for language in ("vi", "en"):
            with translation.override(language):
                found[key(str(choices(value).label))] = value
    return found


# Rows -------------------------------------------------------------------------------------------------

class Row:
    """One row of the sheet: its cells by column key, and the problems found in it."""

    def __init__(self, number: int, cells: dict[str, Any], headers: dict[str, str], errors: list[str]):
        self.number = number
        self.cells = cells
        self.headers = headers
        self._errors = errors
        self.failed = False

    def has(self, name: str) -> bool:
        """The sheet has this column (an absent optional column leaves the field as it is)."""
        return name in self.headers

    def error(self, name: str | None, message: str, /, **params) -> None:
        self.failed = True
        if name is None:
            self._errors.append(_("Dòng %(row)d: %(message)s") % {"row": self.number, "message": message % params})
        else:
            self._errors.append(_("Dòng %(row)d, cột «%(column)s»: %(message)s") % {
                "row": self.number, "column": self.headers.get(name, name), "message": message % params})

    def cell(self, name: str):
        return self.cells.get(name)

    def text(self, name: str, *, required: bool = False, max_length: int | None = None) -> str:
        text = as_text(self.cells.get(name))
        if not text and required:
            self.error(name, _("chưa có giá trị."))
        elif max_length and len(text) > max_length:
            self.error(name, _("dài %(length)d ký tự, nhiều nhất %(max)d."), length=len(text), max=max_length)
            return ""
        return text

    def integer(self, name: str, *, required: bool = False, minimum: int = 0) -> int | None:
        cell = self.cells.get(name)
        if blank(cell):
            if required:
                self.error(name, _("chưa có giá trị."))
            return None
        number = as_integer(cell)
        if number is None or number < minimum or number > 2**62:
            self.error(name, _("«%(value)s» không phải một số nguyên hợp lệ."), value=shown(cell))
            return None
        return number

    def decimal(self, name: str, *, required: bool = False) -> Decimal | None:
        cell = self.cells.get(name)
        if blank(cell):
            if required:
                self.error(name, _("chưa có giá trị."))
            return None
        number = as_decimal(cell)
        if number is None:
            self.error(name, _("«%(value)s» không phải một số."), value=shown(cell))
        return number

    def date(self, name: str, *, required: bool = False, field: models.Field | None = None) -> dt.date | None:
        """The cell's date; with ``field``, also within that model field's bounds (``directory.dates``), checked
        here so that what the row does with the date (the unit in force on it) is not judged on a wrong one."""
        cell = self.cells.get(name)
        if blank(cell):
            if required:
                self.error(name, _("chưa có giá trị."))
            return None
        day = as_date(cell)
        if day is None:
            self.error(name, _("ngày không hợp lệ «%(value)s», cần dạng dd/mm/yyyy."), value=shown(cell))
        elif not dt.date(1900, 1, 1) <= day <= dt.date(2100, 12, 31):
            self.error(name, _("ngày «%(value)s» nằm ngoài khoảng hợp lý."), value=shown(cell))
            return None
        elif field is not None:
            try:
                field.run_validators(day)
            except ValidationError as error:
                self.error(name, "%(message)s", message=" ".join(error.messages))
                return None
        return day

    def choice(self, name: str, choices, *, required: bool = False) -> str | None:
        text = as_text(self.cells.get(name))
        if not text:
            if required:
                self.error(name, _("chưa có giá trị."))
            return None
        value = choices_by_label(choices).get(key(text))
        if value is None:
            with translation.override("vi"):
                labels = ", ".join(str(label) for label in choices.labels)
            self.error(name, _("«%(value)s» không hợp lệ, cần một trong: %(choices)s."), value=shown(text),
                       choices=labels)
        return value

    def boolean(self, name: str) -> bool | None:
        cell = self.cells.get(name)
        if blank(cell):
            return None
        if isinstance(cell, bool):
            return cell
        text = key(as_text(cell))
        if text in {"có", "x", "1", "yes", "true", "đúng"}:
            return True
        if text in {"không", "0", "no", "false", "sai"}:
            return False
        self.error(name, _("«%(value)s» không hợp lệ, cần “Có” hoặc “Không”."), value=shown(cell))
        return None

    def items(self, name: str) -> list[str]:
        """A cell listing several things, separated by “;” or line breaks."""
        return [normal(part) for part in SEPARATORS.split(as_text(self.cells.get(name))) if part.strip()]


class Lookup:
    """Records named in a column (by ID or by a unique label), read in one query for the whole file."""

    def __init__(self, queryset, label: str, cells: Iterable, *, noun: str | Promise):
        self.noun = noun
        self.label = label
        texts = {as_text(cell) for cell in cells if not blank(cell)}
        ids = {number for text in texts if (number := as_integer(text)) is not None}
        self.by_id: dict[int, str] = {}
        self.by_label: dict[str, list[int]] = defaultdict(list)
        self.found: dict[str, int] = {}  # texts already found: a file names the same few records again and again
        wanted = models.Q(pk__in=ids) | models.Q(**{f"{label}__in": texts})
        for pk, name in queryset.filter(wanted).values_list("pk", label):
            self.by_id[pk] = name
            self.by_label[key(name)].append(pk)

    def find(self, row: Row, name: str, text: str | None = None, *, required: bool = False) -> int | None:
        text = as_text(row.cell(name)) if text is None else text
        if text in self.found:
            return self.found[text]
        if not text:
            if required:
                row.error(name, _("chưa có giá trị."))
            return None
        found = self.by_label.get(key(text), [])
        if len(found) == 1:
            self.found[text] = found[0]
            return found[0]
        if len(found) > 1:
            row.error(name, _("có %(count)d %(noun)s tên «%(value)s», hãy ghi mã (ID) thay cho tên."),
                      count=len(found), noun=self.noun, value=shown(text))
            return None
        number = as_integer(text)
        if number is not None and number in self.by_id:
            return number
        row.error(name, _("không có %(noun)s «%(value)s»."), noun=self.noun, value=shown(text))
        return None


# Plans ------------------------------------------------------------------------------------------------

class Action:
    CREATE = "create"
    CHANGE = "change"
    UNCHANGED = "unchanged"


@dataclass
class Planned:
    """What one row will do."""

    number: int
    action: str
    instance: models.Model
    values: dict[str, Any]
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (column, before, after)

    @property
    def label(self) -> str:
        return str(self.instance)


@dataclass
class Plan:
    importer: Importer
    sheet: str
    rows: list[Planned]

    @property
    def counts(self) -> Counter:
        return Counter(row.action for row in self.rows)


def _refuse(errors: list[str]) -> None:
    shown_errors = errors[:MAX_ERRORS]
    if len(errors) > MAX_ERRORS:
        more = len(errors) - MAX_ERRORS
        shown_errors.append(ngettext("… và %(count)d lỗi khác.", "… và %(count)d lỗi khác.", more) % {"count": more})
    raise ValidationError(shown_errors)


class Importer:
    """One register's import. Subclasses set the class attributes and ``read``; the rest has defaults, and
    ``validate``, ``current_many``, ``write_many`` and ``plan_row`` may be overridden by a register whose rows
    carry more than fields (an initiative's authors, an application's steps)."""

    slug: ClassVar[str]
    model: ClassVar[type[models.Model]]
    title: ClassVar[str | Promise]
    columns: ClassVar[tuple[Column, ...]]
    fields: ClassVar[tuple[str, ...]]  # the model fields (attnames) a row may set
    many: ClassVar[tuple[str, ...]] = ()  # many-to-many fields a row may set (as a set of ids)
    related: ClassVar[tuple[str, ...]] = ()  # related rows that count in the version (``versions_of``)

    def __init__(self, actor, *, reason: str = ""):
        self.actor = actor
        self.reason = reason  # the import's reason, which some rules ask for (removing an author)

    # What a subclass provides.
    def permitted(self) -> bool:
        raise NotImplementedError

    def editable(self) -> models.QuerySet:
        """The records this user may change (a row's ID outside it is refused as unknown)."""
        return self.model.objects.all()

    def prepare(self, rows: list[Row]) -> None:
        """Read what the rows name (products, units…) in a few queries for the whole file."""

    def read(self, row: Row) -> dict[str, Any]:
        """The values of the record this row describes (attnames, and ``many`` names as sets of ids)."""
        raise NotImplementedError

    def natural_key(self, values: dict[str, Any]) -> tuple | None:
        """How a row without an ID finds its record (None: a row without an ID always creates)."""
        return None

    def find(self, keys: set[tuple]) -> dict[tuple, models.Model]:
        return {}

    def check(self, row: Row, instance: models.Model, values: dict[str, Any], creating: bool) -> None:
        """Rules beyond the model's own validation (the one-record service's); a record being changed is
        given as it is before the row's values."""

    def display(self, name: str, value) -> str:
        """A value as the preview and the messages show it (foreign keys by name)."""
        return shown(value)

    def before_write(self, instances: list) -> None:
        """Attach what saving reads (the related names a search text folds), so that nothing is read per row."""

    def after_write(self, created: list, changed: list, plan: Plan) -> None:
        """What the one-record service does after saving (placements, protection spans…)."""

    # The common part.
    @classmethod
    def all_columns(cls) -> tuple[Column, ...]:
        return (ID, *cls.columns, VERSION)

    def _headers(self, cells: Sequence, number: int) -> dict[str, tuple[int, str]]:
        wanted = {}
        for column in self.all_columns():
            for language in ("vi", "en"):
                with translation.override(language):
                    wanted[key(str(column.header))] = column
            wanted[key(column.key)] = column
        found: dict[str, tuple[int, str]] = {}
        errors = []
        for index, cell in enumerate(cells):
            if not isinstance(cell, str) or (column := wanted.get(key(cell))) is None:
                continue
            if column.key in found:
                errors.append(_("Dòng %(row)d: cột «%(header)s» có hai lần.") % {"row": number, "header": cell})
            found[column.key] = (index, normal(cell))
        for column in self.columns:
            if column.required and column.key not in found:
                errors.append(_("Dòng tiêu đề (dòng %(row)d) thiếu cột «%(header)s».")
                              % {"row": number, "header": column.header})
        if errors:
            raise ValidationError(errors)
        return found

    def rows(self, sheet: Sheet, errors: list[str]) -> list[Row]:
        header_at = next((index for index, (_n, cells) in enumerate(sheet.lines)
                          if not all(blank(cell) for cell in cells)), None)
        if header_at is None:
            raise ValidationError(_("Tệp không có dữ liệu: cần dòng tiêu đề và ít nhất một dòng."))
        columns = self._headers(sheet.lines[header_at][1], sheet.lines[header_at][0])
        headers = {name: header for name, (_index, header) in columns.items()}
        rows = []
        for number, cells in sheet.lines[header_at + 1:]:
            values = {name: (cells[index] if index < len(cells) else None) for name, (index, _h) in columns.items()}
            if not all(blank(value) for value in values.values()):
                rows.append(Row(number, values, headers, errors))
        if not rows:
            raise ValidationError(_("Trang tính «%(sheet)s» chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")
                                  % {"sheet": sheet.name})
        return rows

    def validate(self, row: Row, instance: models.Model) -> None:
        """The model's own validation, its foreign keys (already found) left out."""
        exclude = _relations(self.model)
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    row.error(name if name in row.headers else None, "%(message)s", message=message)

    def current_many(self, instances: list) -> dict[int, dict[str, set[int]]]:
        found: dict[int, dict[str, set[int]]] = defaultdict(lambda: {name: set() for name in self.many})
        ids = [instance.pk for instance in instances]
        for name in self.many:
            through = self.model._meta.get_field(name).remote_field.through
            source, target = _through_columns(self.model, name)
            for start in range(0, len(ids), BATCH):
                for owner, other in through.objects.filter(**{f"{source}__in": ids[start:start + BATCH]}) \
                        .values_list(source, target):
                    found[owner][name].add(other)
        return found

    def plan(self, file) -> Plan:
        if not self.permitted():
            raise PermissionDenied(_("Anh/chị không được nhập dữ liệu này."))
        sheet = read_sheet(file)
        errors: list[str] = []
        rows = self.rows(sheet, errors)
        self.prepare(rows)
        read = [(row, self.read(row)) for row in rows]
        by_id = self._by_id(rows)
        keys = {k for row, values in read if not row.failed and (k := self.natural_key(values)) is not None}
        by_key = self.find(keys)
        records = list(by_id.values()) + [instance for instance in by_key.values() if instance.pk not in by_id]
        many = self.current_many(records) if self.many else {}
        versions = versions_of(self.model, [r.pk for r in records], related=self.related) if records else {}
        planned, seen_ids = [], {}
        for row, values in read:
            if row.failed:
                continue
            natural = self.natural_key(values)
            record_id = as_integer(row.cell("id")) if not blank(row.cell("id")) else None
            instance = by_id.get(record_id) if record_id is not None else by_key.get(natural)
            if record_id is not None and instance is None:
                row.error("id", _("không có bản ghi mã %(value)s mà anh/chị được sửa."), value=shown(row.cell("id")))
                continue
            other = by_key.get(natural) if natural is not None else None
            if other is not None and instance is not None and other.pk != instance.pk:
                row.error(None, _("trùng với «%(other)s» (mã %(id)d) đã có trong hệ thống."), other=other, id=other.pk)
                continue
            identity = instance.pk if instance is not None else natural
            if identity is not None and identity in seen_ids:
                row.error(None, _("trùng với dòng %(first)d."), first=seen_ids[identity])
                continue
            if identity is not None:
                seen_ids[identity] = row.number
            planned_row = self.plan_row(row, instance, values, many, versions)
            if planned_row is not None:
                planned.append(planned_row)
        if errors:
            _refuse(errors)
        return Plan(importer=self, sheet=sheet.name, rows=planned)

    def _by_id(self, rows: list[Row]) -> dict[int, models.Model]:
        ids = set()
        for row in rows:
            if not blank(cell := row.cell("id")):
                if (number := as_integer(cell)) is None:
                    row.error("id", _("«%(value)s» không phải một mã hợp lệ."), value=shown(cell))
                else:
                    ids.add(number)
        return self.editable().in_bulk(list(ids)) if ids else {}

    def plan_row(self, row: Row, instance, values: dict, many: dict, versions: dict) -> Planned | None:
        simple = {name: value for name, value in values.items() if name not in self.many}
        if instance is None:
            instance = new_instance(self.model, simple)
            self.validate(row, instance)
            self.check(row, instance, values, True)
            if row.failed:
                return None
            return Planned(row.number, Action.CREATE, instance, values)
        changes = []
        for name, value in values.items():
            before = many[instance.pk][name] if name in self.many else getattr(instance, name)
            if before != value:
                changes.append((name, before, value))
        if not changes:
            return Planned(row.number, Action.UNCHANGED, instance, values)
        version = as_text(row.cell("version"))
        if version and version != versions.get(instance.pk):
            lines = changes_since(instance, version) or [_("các mục đi kèm đã thay đổi")]
            row.error(None, _("«%(record)s» đã được sửa trong hệ thống sau khi tệp được xuất (phiên bản %(old)s, "
                              "nay là %(new)s), nên dòng này không được ghi đè. Những thay đổi đó: %(changes)s. "
                              "Hãy xuất lại danh sách rồi sửa trên tệp mới."),
                      record=instance, old=version, new=versions.get(instance.pk), changes="; ".join(lines))
            return None
        self.check(row, instance, values, False)
        for name, value in simple.items():
            setattr(instance, name, value)
        self.validate(row, instance)
        if row.failed:
            return None
        headers = {column.key: str(column.header) for column in self.all_columns()}
        shown_changes = [(headers.get(name.removesuffix("_id"), name), self.display(name, before),
                          self.display(name, after)) for name, before, after in changes]
        return Planned(row.number, Action.CHANGE, instance, values, shown_changes)

    def write(self, plan: Plan) -> tuple[list, list]:
        created = [row.instance for row in plan.rows if row.action == Action.CREATE]
        changed = [row.instance for row in plan.rows if row.action == Action.CHANGE]
        self.before_write(created + changed)
        history = self.model.history
        insert(self.model, created)
        history.bulk_history_create(created, batch_size=BATCH)
        if changed:
            written = list(self.fields)
            for search in [f for f in self.model._meta.concrete_fields if isinstance(f, SearchTextField)]:
                for instance in changed:
                    search.pre_save(instance, False)
                written.append(search.attname)
            self.model.objects.bulk_update(changed, written, batch_size=BATCH)
            history.bulk_history_create(changed, update=True, batch_size=BATCH)
        for name in self.many:
            self.write_many(name, plan)
        self.after_write(created, changed, plan)
        return created, changed

    def write_many(self, name: str, plan: Plan) -> None:
        """Many-to-many sets as the rows say, row by row through the manager, as the one-record services
        do: its history row carries the set (the snapshot its digest covers). Only rows that change it."""
        current = self.current_many([row.instance for row in plan.rows if row.action == Action.CHANGE])
        for row in plan.rows:
            if row.action == Action.UNCHANGED or name not in row.values:
                continue
            before = current[row.instance.pk][name] if row.action == Action.CHANGE else set()
            if row.values[name] != before:
                getattr(row.instance, name).set(sorted(row.values[name]))


@lru_cache(maxsize=None)
def _relations(model) -> list[str]:
    return [field.name for field in model._meta.concrete_fields if field.is_relation]


@lru_cache(maxsize=None)
def _columns(model) -> tuple[tuple[str, ...], frozenset[str], dict[str, Any], tuple[models.Field, ...]]:
    fields = model._meta.concrete_fields
    fresh = tuple(field for field in fields if field.has_default() and callable(field.default))
    static = {field.attname: field.get_default() for field in fields if field not in fresh}
    names = tuple(field.attname for field in fields)
    return names, frozenset(names), static, fresh


def new_instance(model, values: dict[str, Any]) -> models.Model:
    """``model(**values)``, built as ``audit.inserts.new_row`` builds rows: several times cheaper, for as many
    rows as an import creates."""
    _names, known, static, fresh = _columns(model)
    if not known.issuperset(values):
        return model(**values)
    return new_row(model, {**static, **{field.attname: field.get_default() for field in fresh}, **values})


def _through_columns(model, name: str) -> tuple[str, str]:
    """The through model's attnames pointing at ``model`` and at the other side."""
    m2m = model._meta.get_field(name)
    return m2m.m2m_column_name(), m2m.m2m_reverse_name()


# Running ----------------------------------------------------------------------------------------------

IMPORTERS: dict[str, type[Importer]] = {}


def register(importer: type[Importer]) -> type[Importer]:
    IMPORTERS[importer.slug] = importer
    return importer


def importers_for(user) -> list[Importer]:
    """The registers ``user`` may import into (none: the imports page is refused to them). Importers, not their
    classes: a template calls what it can call, and a class called without its actor is no importer."""
    return [importer for importer in (cls(user) for cls in IMPORTERS.values()) if importer.permitted()]


@dataclass(frozen=True)
class Result:
    batch: Any
    created: int
    changed: int
    unchanged: int


def _sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


@contextmanager
def collector_paused():
    """Python's cycle collector paused while a file is read and written: the rows make hundreds of thousands
    of objects and none of them cycles, so its passes would only scan them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def preview(*, actor, importer: type[Importer], file, reason: str = "") -> Plan:
    """What importing the file would do, writing nothing; a refused file is kept in the trail as a rejected
    batch with its message, as a refused run is."""
    instance = importer(actor, reason=reason)
    try:
        with collector_paused():
            return instance.plan(file)
    except ValidationError as error:
        try:
            with import_batch(actor=actor, kind=importer.model._meta.label_lower, sha256=_sha256(file),
                              file_name=getattr(file, "name", "") or "", reason=reason):
                raise error
        except ValidationError:
            pass
        raise


def run(*, actor, importer: type[Importer], file, reason: str = "") -> Result:
    """Check the file and write it, all rows or none, as one import batch (a refused file is a rejected
    batch in the trail, with its message)."""
    instance = importer(actor, reason=reason)
    if not instance.permitted():
        raise PermissionDenied(_("Anh/chị không được nhập dữ liệu này."))
    with import_batch(actor=actor, kind=importer.model._meta.label_lower, file_name=getattr(file, "name", "") or "",
                      sha256=_sha256(file), reason=reason) as batch, collector_paused():
        plan = instance.plan(file)
        batch.sheet, batch.row_count = plan.sheet[:100], len(plan.rows)
        batch.save(update_fields=["sheet", "row_count"])
        created, changed = instance.write(plan)
    return Result(batch=batch, created=len(created), changed=len(changed),
                  unchanged=len(plan.rows) - len(created) - len(changed))
