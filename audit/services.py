"""Writes of the audit app itself: import batches, export records, verification runs.

Imports and exports each leave an event in the chain, so the trail also says what was imported and
exported, by whom and when. A verification run is kept in its own append-only table: it checks the
chain and does not extend it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from audit.context import Channel, acting_as
from audit.history import acting_user
from audit.models import AuditAction, ImportBatch, ImportOutcome, VerificationRun
from audit.recording import record_event
from audit.verify import Report, verify


@contextmanager
def import_batch(*, actor, kind: str, file_name: str = "", sha256: str = "", sheet: str = "", row_count: int = 0,
                 reason: str = "", channel: str = Channel.IMPORT) -> Iterator[ImportBatch]:
    """One transaction for a bulk write; every change made inside is tied to the batch.

    On success the batch is closed as succeeded and an import event sums it up. If the block raises,
    nothing it wrote is kept, and the attempt itself is recorded as a rejected batch, with its message
    and its own event, before the error goes on to the caller.
    """
    person = acting_user(actor)
    started = timezone.now()
    context = {"channel": channel, **({"reason": reason} if reason else {})}
    fields = {"kind": kind, "file_name": file_name[:255], "sha256": sha256, "sheet": sheet[:100], "row_count": row_count}
    try:
        with transaction.atomic(), acting_as(person, **context):
            batch = ImportBatch.objects.create(actor=person, started_at=started, **fields)
            with acting_as(batch=batch):
                yield batch
                batch.finished_at, batch.outcome = timezone.now(), ImportOutcome.SUCCEEDED
                batch.save(update_fields=["finished_at", "outcome", "row_count"])
                _record_batch(batch)
    except Exception as error:
        with transaction.atomic(), acting_as(person, **context):
            batch = ImportBatch.objects.create(
                actor=person, started_at=started, finished_at=timezone.now(), outcome=ImportOutcome.REJECTED,
                message=_message(error)[:2000], **fields,
            )
            with acting_as(batch=batch):
                _record_batch(batch)
        raise


def _record_batch(batch: ImportBatch) -> None:
    """The import event that sums a batch up, as it ended."""
    summary = {
        "kind": batch.kind, "file_name": batch.file_name, "sha256": batch.sha256, "sheet": batch.sheet,
        "row_count": batch.row_count, "outcome": batch.outcome, "message": batch.message,
    }
    record_event(action=AuditAction.IMPORT, model="audit.importbatch", object_id=batch.pk, object_label=str(batch),
                 changes=summary)


def _message(error: Exception) -> str:
    messages = getattr(error, "messages", None)
    return "; ".join(str(message) for message in messages) if messages else str(error)


def record_export(*, actor, what: str, file_name: str, sha256: str, rows: int, filters: dict | None = None) -> None:
    """Log that ``actor`` exported ``rows`` rows of ``what`` as ``file_name`` with this SHA-256."""
    with transaction.atomic(), acting_as(acting_user(actor)):
        record_event(action=AuditAction.EXPORT, model=what, object_label=file_name,
                     changes={"file_name": file_name, "sha256": sha256, "rows": rows, "filters": filters or {}})


def run_verification(*, actor=None, checkpoint: dict | None = None,
                     progress: Callable[[int, int], None] | None = None) -> tuple[Report, VerificationRun]:
    """Verify the whole trail and keep the outcome (who ran it, when, what broke)."""
    started = timezone.now()
    report = verify(checkpoint=checkpoint, progress=progress)
    run = VerificationRun.objects.create(
        started_at=started, finished_at=timezone.now(), ok=report.ok, events_checked=report.events,
        rows_checked=report.rows, head_seq=report.head_seq or None,
        breaks="\n".join(str(item) for item in report.breaks[:1000]),
        run_by=acting_user(actor) if actor is not None else None,
    )
    return report, run
