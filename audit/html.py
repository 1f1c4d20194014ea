"""HTML the audit pages repeat many times over: a change's table of fields, and a version in a record's
timeline.

Written here rather than in templates because a timeline repeats them for every version, and there the
template engine's cost per value (and a translation lookup per label) made up most of the page's time.
Every value is escaped on its way in; the results are safe strings for the templates to place.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

_NOTHING = '<span class="muted">—</span>'


def words() -> dict[str, str]:
    """The labels these fragments use, translated once per language."""
    return _words(get_language())


@lru_cache(maxsize=16)
def _words(language: str | None) -> dict[str, str]:
    return {
        "field": escape(_("Trường")), "before": escape(_("Trước")), "after": escape(_("Sau")),
        "unchanged": escape(_("Không có trường nào thay đổi.")), "actor": escape(_("Người thực hiện")),
        "channel": escape(_("Kênh")), "ip": escape(_("Địa chỉ IP")), "reason": escape(_("Lý do")),
    }


def _cell(value) -> str:
    return _NOTHING if value is None else escape(str(value))


def changes_table(changes, labels: dict[str, str] | None = None) -> SafeString:
    """The before/after table of ``changes`` (rows of :func:`audit.selectors.field_changes`)."""
    labels = labels or words()
    if not changes:
        return mark_safe(f'<p class="muted">{labels["unchanged"]}</p>')
    rows = "\n".join(
        f'    <tr><th scope="row">{escape(str(change.label))}</th><td>{_cell(change.before)}</td>'
        f"<td>{_cell(change.after)}</td></tr>"
        for change in changes
    )
    return mark_safe(
        '<table class="changes">\n'
        f'  <thead><tr><th>{labels["field"]}</th><th>{labels["before"]}</th><th>{labels["after"]}</th></tr></thead>\n'
        f"  <tbody>\n{rows}\n  </tbody>\n</table>"
    )


def timeline_version(event, changes, labels: dict[str, str] | None = None) -> SafeString:
    """One version in a record's timeline: which change, who, through what, from where, why, and its fields.

    ``event`` carries the labels and links :func:`audit.views._present` works out.
    """
    labels = labels or words()
    where = f' · {labels["ip"]}: {escape(event.ip_address)}' if event.ip_address else ""
    why = f'<br>{labels["reason"]}: {escape(event.reason)}' if event.reason else ""
    return mark_safe(
        f'<li>\n  <h2><a href="{escape(event.url)}">#{event.seq}</a> {escape(event.action_label)} — '
        f"{escape(event.time_label)}</h2>\n"
        f'  <p>{labels["actor"]}: <a href="{escape(event.person_url)}">{escape(event.actor_name)}</a>'
        f' · {labels["channel"]}: {escape(event.channel_label)}{where}{why}</p>\n'
        f"  {changes_table(changes, labels)}\n</li>"
    )
