"""The auditors' pages: the log, a change, a record's timeline, a person's activity, import batches,
exports and the verification of the trail. All of them only read, except the export (which logs itself)
and the administrators' button that runs a verification."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from audit import exports, html, masking
from audit.context import Channel
from audit.forms import LogFilterForm
from audit.models import AuditAction, AuditEvent
from audit.selectors import (
    activity_summary,
    batch_list,
    batch_page,
    event_detail,
    filtered,
    last_verification,
    log_page,
    model_name,
    presented_changes,
    record_timeline,
)
from audit.services import record_export, run_verification
from directory import access
from directory.pages import int_param, role_required


def _cursor(request, name: str) -> int | None:
    return int_param(request.GET.get(name, ""))


def _filter_form(request) -> LogFilterForm:
    return LogFilterForm(request.GET or None, show_units=access.can_read_all_history(request.user))


def _page(request, form: LogFilterForm, **fixed):
    page = log_page(request.user, form.filters(**fixed), before=_cursor(request, "before"),
                    after=_cursor(request, "after"))
    _present(page.events)
    return page


def _url_pattern(name: str, *args) -> str:
    return _url_pattern_under(name, args, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=256)
def _url_pattern_under(name: str, args: tuple, prefix: str, urlconf) -> str:
    marker = 987654321
    return reverse(name, args=[*args, marker]).replace(str(marker), "{}")


@lru_cache(maxsize=16)
def _choice_labels(language: str | None) -> tuple[dict[str, str], dict[str, str]]:
    return ({value: str(label) for value, label in AuditAction.choices},
            {value: str(label) for value, label in Channel.choices})


def _present(events) -> None:
    """Labels and links of the rows, worked out once per page rather than once per row (the log is long)."""
    actions, channels = _choice_labels(get_language())
    event_url, person_url, batch_url = (_url_pattern("audit:event"), _url_pattern("audit:person"),
                                        _url_pattern("audit:batch"))
    timeline_urls: dict[str, str] = {}
    for item in events:
        item.time_label = timezone.localtime(item.time).strftime("%d/%m/%Y %H:%M:%S")
        item.action_label = actions.get(item.action, item.action)
        item.channel_label = channels.get(item.channel, item.channel)
        item.actor_name = item.actor_full_name or item.actor_username
        item.url = event_url.format(item.seq)
        item.person_url = person_url.format(item.actor_id)
        item.batch_url = batch_url.format(item.batch_id) if item.batch_id else ""
        if item.history_model:
            if item.model not in timeline_urls:
                timeline_urls[item.model] = _url_pattern("audit:timeline", item.model)
            item.timeline_url = timeline_urls[item.model].format(item.object_id)


def _exported(page) -> dict:
    """The export links of a page of the log: its filters, the page's own (a person, a batch) included."""
    return {"export": True, "export_query": urlencode(page.filters.as_dict())}


@require_GET
@role_required(access.can_read_history)
def log(request):
    form = _filter_form(request)
    page = _page(request, form)
    return render(request, "audit/log.html", {"form": form, "page": page, **_exported(page)})


@require_GET
@role_required(access.can_read_history)
def event(request, seq: int):
    try:
        item = event_detail(request.user, seq)
    except AuditEvent.DoesNotExist:
        raise Http404 from None
    changes = presented_changes([item], masking.hidden_fields(request.user, [item]))[item.seq]
    return render(request, "audit/event.html", {
        "event": item, "changes": changes, "model_name": model_name(item.model),
    })


@require_GET
@role_required(access.can_read_history)
def timeline(request, model: str, object_id: str):
    if "\x00" in model or "\x00" in object_id:  # no record has it, and PostgreSQL refuses it in a query
        raise Http404
    events = record_timeline(request.user, model, object_id)
    if not events:
        raise Http404
    _present(events)
    labels = html.words()
    changes = presented_changes(events, masking.hidden_fields(request.user, events))
    versions = [html.timeline_version(item, changes[item.seq], labels) for item in events]
    return render(request, "audit/timeline.html", {
        "events": events, "versions": versions, "model_name": model_name(model), "label": events[-1].object_label,
        "deleted": events[-1].history_type == "-",
    })


@require_GET
@role_required(access.can_read_history)
def person(request, pk: int):
    who = get_object_or_404(get_user_model(), pk=pk)
    form = _filter_form(request)
    page = _page(request, form, person=who.pk)
    return render(request, "audit/person.html", {
        "who": who, "form": form, "page": page, "summary": activity_summary(request.user, page.filters),
        **_exported(page),
    })


@require_GET
@role_required(access.can_read_history)
def batches(request):
    rows, older = batch_page(request.user, before=_cursor(request, "before"))
    return render(request, "audit/batches.html", {"batches": rows, "older": older})


@require_GET
@role_required(access.can_read_history)
def batch(request, pk: int):
    item = batch_list(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404
    form = _filter_form(request)
    page = _page(request, form, batch=item.pk)
    return render(request, "audit/batch.html", {"batch": item, "form": form, "page": page, **_exported(page)})


@require_GET
@role_required(access.can_read_history)
def export(request, fmt: str):
    """The filtered log as a file; the export itself is logged, with the file's SHA-256."""
    if fmt not in exports.CONTENT_TYPES:
        raise Http404
    form = _filter_form(request)
    filters = form.filters()
    events = (filtered(request.user, filters).select_related("actor", "unit")
              .order_by("-seq")[: exports.EXPORT_LIMIT])
    content, count = exports.render(events.iterator(chunk_size=2000), fmt, reader=request.user)
    digest = exports.sha256(content)
    file_name = f"nhat-ky-{timezone.localtime():%Y%m%d-%H%M%S}.{fmt}"
    record_export(actor=request.user, what="audit.auditevent", file_name=file_name, sha256=digest, rows=count,
                  filters=filters.as_dict())
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["X-Content-SHA256"] = digest
    return response


@require_http_methods(["GET", "POST"])
@role_required(access.can_read_history)
def verification(request):
    if request.method == "POST":
        if not access.is_administrator(request.user):
            raise PermissionDenied
        report, _run = run_verification(actor=request.user)
        if report.ok:
            messages.success(request, _("Nhật ký toàn vẹn: đã kiểm %(count)s sự kiện.") % {"count": report.events})
        else:
            messages.error(request, _("Nhật ký có %(count)s điểm sai lệch.") % {"count": len(report.breaks)})
        return redirect("audit:verification")
    last = last_verification()
    return render(request, "audit/verification.html", {
        "last": last, "breaks": last.breaks.splitlines() if last else [],
        "can_run": access.is_administrator(request.user),
    })
