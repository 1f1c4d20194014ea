"""A record's version, and the refusal of an edit made over a newer one (no lost updates).

A record's version is the id of its latest history row (with those of the rows edited with it, such as an
initiative's authors): every change writes one, a save that changes nothing writes none. An edit form
carries the version it was opened on; the service, holding the row's lock, compares it with the current
one and refuses a stale edit with what the other person changed, from the history.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def _latest(history, **lookup) -> int:
    return history.filter(**lookup).order_by("-history_id").values_list("history_id", flat=True).first() or 0


def version_of(instance, *, related: tuple[str, ...] = ()) -> str:
    """``instance``'s version: its latest history row id, then each related model's (``"authors"``) for it."""
    parts = [_latest(type(instance).history, id=instance.pk)]
    for name in related:
        field = instance._meta.get_field(name)
        parts.append(_latest(field.related_model.history, **{field.field.attname: instance.pk}))
    return ".".join(map(str, parts))


class StaleEdit(ValidationError):
    """The record changed after the form was opened: nothing was saved; the message says what changed."""

    def __init__(self, message: str, *, current: str):
        super().__init__(message, code="stale")
        self.current = current


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field since removed: its column name is all the history has
        return name


def changes_since(instance, version: str) -> list[str]:
    """What changed in ``instance`` (not in its related rows) after ``version``, one line per change."""
    history = type(instance).history
    head = version.split(".")[0]
    # A version that is not one of ours (typed, cut short) is older than any: every change since is listed.
    first = int(head) if head.isascii() and head.isdigit() and len(head) < 19 else 0
    previous = history.filter(id=instance.pk, history_id__lte=first).order_by("-history_id").first()
    lines = []
    for row in history.filter(id=instance.pk, history_id__gt=first).order_by("history_id"):
        who = row.history_user or _("hệ thống")
        when = timezone.localtime(row.history_date).strftime("%d/%m/%Y %H:%M")
        if previous is not None:
            for change in row.diff_against(previous).changes:
                lines.append(_("%(who)s, %(when)s: %(field)s “%(old)s” → “%(new)s”") % {
                    "who": who, "when": when, "field": _label(type(instance), change.field),
                    "old": change.old if change.old not in (None, "") else "—",
                    "new": change.new if change.new not in (None, "") else "—"})
        previous = row
    return lines


def require_version(instance, expected: str | None, *, related: tuple[str, ...] = ()) -> None:
    """Refuse (``StaleEdit``) when ``instance`` is no longer at ``expected``; no check without one."""
    if not expected:
        return
    current = version_of(instance, related=related)
    if current == expected:
        return
    lines = changes_since(instance, expected) or [_("các mục đi kèm (ví dụ danh sách tác giả) đã thay đổi")]
    raise StaleEdit(_("Người khác đã sửa bản ghi này sau khi anh/chị mở biểu mẫu; chưa lưu gì. Những thay đổi đó: "
                      "%(changes)s. Nội dung anh/chị vừa nhập vẫn còn trên biểu mẫu: xem lại rồi lưu lần nữa nếu "
                      "vẫn muốn thay.") % {"changes": "; ".join(lines)}, current=current)


def versions_of(model, ids: list[int], *, related: tuple[str, ...] = ()) -> dict[int, str]:
    """The versions of the records ``ids`` of ``model`` (as ``version_of``), in one query per history table."""
    from django.db.models import Max

    tables = [(model.history, "id")]
    for name in related:
        field = model._meta.get_field(name)
        tables.append((field.related_model.history, field.field.attname))
    found = [dict(history.filter(**{f"{key}__in": ids}).order_by().values_list(key).annotate(v=Max("history_id")))
             for history, key in tables]
    return {pk: ".".join(str(part.get(pk, 0)) for part in found) for pk in ids}
