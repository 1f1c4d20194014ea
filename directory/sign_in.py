"""Sign-in security: every sign-in, failed sign-in and lock-out in the audit trail, the lock-out page, and
the administrators' unlock.

django-axes counts the failures of each user name from each address (``AXES_LOCKOUT_PARAMETERS``) and,
past ``AXES_FAILURE_LIMIT``, refuses that combination until ``AXES_COOLOFF_TIME`` has passed since its
last attempt. The events here are written through :func:`audit.recording.record_event` as ``signin``
events: ``changes`` says what happened (``outcome``) and with which user name.
"""

from __future__ import annotations

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import render

from audit.models import AuditAction
from audit.recording import record_event
from directory.access import is_administrator, is_read_only

USER_MODEL = "directory.user"


def _account(username: str | None):
    if not username:
        return None
    return get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()


def _record(outcome: str, username: str | None, *, user=None, **extra) -> None:
    """A ``signin`` event, against the account the name belongs to, else the system account."""
    username = (username or "")[:150]
    account = user if user is not None else _account(username)
    record_event(
        action=AuditAction.SIGN_IN, model=USER_MODEL, object_id=account.pk if account else "",
        object_label=username, changes={"outcome": outcome, "username": username, **extra}, actor=account,
    )


def _through_http(request) -> bool:
    # A sign-in a person made with a request (the log-in page). The test client's force_login() signs in
    # with a bare HttpRequest (no method): that is no one signing in, and is not recorded.
    return request is not None and request.method is not None


@receiver(user_logged_in, dispatch_uid="sign_in_recorded")
def record_sign_in(sender, request, user, **kwargs):
    if _through_http(request):
        _record("succeeded", user.get_username(), user=user)


@receiver(user_login_failed, dispatch_uid="sign_in_failure_recorded")
def record_sign_in_failure(sender, credentials, request=None, **kwargs):
    if _through_http(request):
        _record("failed", credentials.get(get_user_model().USERNAME_FIELD))


@receiver(user_locked_out, dispatch_uid="sign_in_lock_out_recorded")
def record_lock_out(sender, request, username, ip_address, **kwargs):
    _record("locked_out", username, failures=getattr(request, "axes_failures_since_start", None))


def lock_out_response(request, original_response=None, credentials=None):
    """The page a locked-out user name and address get (``AXES_LOCKOUT_CALLABLE``): how long to wait, whom to ask."""
    from axes.helpers import get_client_username, get_cool_off

    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    context = {
        "minutes": minutes,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "username": get_client_username(request, credentials) or "",
    }
    return render(request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


# The administrators' unlock: axes' list of attempts, in the role-aware admin ------------------------------

def register_admin(site) -> None:
    from axes.admin import AccessAttemptAdmin
    from axes.models import AccessAttempt

    from directory.admin_site import PlausibleDatesChangeList

    class LockedSignInAdmin(AccessAttemptAdmin):
        """The failed sign-ins counted per user name and address; deleting a row unlocks it, recorded."""

        actions = ["delete_selected"]

        def get_changelist(self, request, **kwargs):
            return PlausibleDatesChangeList

        def _administers(self, request) -> bool:
            return is_administrator(request.user) and not is_read_only(request.user)

        def has_module_permission(self, request):
            return self._administers(request)

        def has_view_permission(self, request, obj=None):
            return self._administers(request)

        def has_change_permission(self, request, obj=None):
            return False

        def has_delete_permission(self, request, obj=None):
            return self._administers(request)

        def _record_unlock(self, request, attempt) -> None:
            record_event(
                action=AuditAction.DELETE, model="axes.accessattempt", object_id=attempt.pk,
                object_label=f"{attempt.username} @ {attempt.ip_address}",
                changes={"username": [attempt.username, None], "ip_address": [attempt.ip_address, None],
                         "failures_since_start": [attempt.failures_since_start, None]},
                actor=request.user,
            )

        def delete_model(self, request, obj):
            with transaction.atomic():
                self._record_unlock(request, obj)
                super().delete_model(request, obj)

        def delete_queryset(self, request, queryset):
            with transaction.atomic():
                for attempt in queryset:
                    self._record_unlock(request, attempt)
                super().delete_queryset(request, queryset)

    if not site.is_registered(AccessAttempt):
        site.register(AccessAttempt, LockedSignInAdmin)
