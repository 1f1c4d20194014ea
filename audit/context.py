"""Who is acting, through which channel, from where and why.

Every historical row takes these from the context that is current when the row is written. Web and API
requests get a context from ``AuditContextMiddleware``; services, management commands, data loads and
imports open one with :func:`acting_as`. Contexts nest: an inner ``acting_as`` that leaves a value out
inherits it from the outer one, so a service can add its reason to the request's actor, address and id.
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Trang web")
    API = "api", _("API")
    ADMIN = "admin", _("Trang quản trị")
    IMPORT = "import", _("Nhập dữ liệu")
    COMMAND = "command", _("Lệnh quản trị")


def new_request_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class AuditContext:
    # A user, or a callable returning one: a request's user may change during the request (log-in).
    actor: Any = None
    channel: str = Channel.COMMAND
    reason: str = ""
    request_id: str = ""
    ip_address: str | None = None
    # What the changes are recorded as when not a plain create/update/delete (a workflow move, an import).
    action: str = ""
    # The import batch (audit.ImportBatch) the changes belong to, if any.
    batch: Any = None

    def resolve_actor(self):
        actor = self.actor() if callable(self.actor) else self.actor
        if actor is not None and getattr(actor, "is_authenticated", False):
            return actor
        return None


_current: contextvars.ContextVar[AuditContext | None] = contextvars.ContextVar("audit_context", default=None)


def current() -> AuditContext:
    """The context in force; outside any, a command-line context with a request id of its own."""
    return _current.get() or AuditContext(request_id=new_request_id())


_UNSET: Any = object()


@contextmanager
def acting_as(
    user: Any = _UNSET,
    *,
    channel: str = _UNSET,
    reason: str = _UNSET,
    request_id: str = _UNSET,
    ip_address: str | None = _UNSET,
    action: str = _UNSET,
    batch: Any = _UNSET,
) -> Iterator[AuditContext]:
    """Record every change made inside the block as made by ``user``, through ``channel``, for ``reason``.

    Values left out are inherited from the enclosing context (or the defaults: the system actor, the
    command channel, a fresh request id). ``user=None`` means nobody known: the system actor.
    """
    outer = _current.get()
    base = outer or AuditContext(request_id=new_request_id())
    changes = {
        name: value
        for name, value in {
            "actor": user,
            "channel": channel,
            "reason": reason,
            "request_id": request_id,
            "ip_address": ip_address,
            "action": action,
            "batch": batch,
        }.items()
        if value is not _UNSET
    }
    context = replace(base, **changes)
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


@contextmanager
def audited_write(actor: Any, *, reason: str = "", action: str = "") -> Iterator[AuditContext]:
    """One transaction whose changes are recorded as ``actor``'s, for ``reason``: how every service writes.

    The channel, address and request id come from the enclosing context (the request, the command), and
    so do the reason when none is given here and the actor when ``actor`` is None: a service called by
    trusted code without a person (a data load, a command) records whoever that code runs as, or the
    system account. ``action="workflow"`` records every change of the block as a workflow move.
    """
    given: dict[str, Any] = {"reason": reason} if reason else {}
    if action:
        given["action"] = action
    if actor is not None:
        given["user"] = actor
    with transaction.atomic(), acting_as(**given) as context:
        yield context
