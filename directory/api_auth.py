"""How programs call the API: a personal token (``Authorization: Token <key>``) and a rate per caller.

Keys are issued and revoked by an administrator (``directory.services.api_token_issue``); a call made
with one acts as the token's user, with that user's roles, and is recorded in the audit trail as that
user's, through the API channel (``audit.middleware`` marks every /api/ request so).
"""

from __future__ import annotations

from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import SimpleRateThrottle

from directory.access import is_read_only
from directory.models import ApiToken
from directory.services import api_token_hash

KEYWORD = "Token"


class TokenAuthentication(BaseAuthentication):
    """``Authorization: Token <key>``: the key's SHA-256 is looked up; revoked or expired keys, and the keys
    of deactivated accounts, are refused (401)."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None  # no token: another class (the session) may know the caller
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải có dạng “Token <mã>”."))
        try:
            key = parts[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ.")) from None
        token = ApiToken.objects.select_related("user").filter(key_hash=api_token_hash(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Mã truy cập đã bị thu hồi."))
        if token.expires_on is not None and token.expires_on < timezone.localdate():
            raise exceptions.AuthenticationFailed(_("Mã truy cập đã hết hạn."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Tài khoản của mã truy cập đã ngừng hoạt động."))
        # The read-only rule (directory.middleware.ReadOnlyRoleMiddleware) sees the request before the
        # token is read, so it is applied here too: an auditor's token changes nothing.
        if request.method not in SAFE_METHODS and is_read_only(token.user):
            raise exceptions.PermissionDenied(_("Tài khoản chỉ được xem, không được thay đổi dữ liệu."))
        return token.user, token

    def authenticate_header(self, request):
        return KEYWORD


class TokenRateThrottle(SimpleRateThrottle):
    """Calls per token (rate "token"), or per person for a signed-in session (rate "user"). Counted in the
    shared cache, so the limit holds across every worker process. Anonymous callers are not counted here:
    the views refuse them, and the public register's views have a throttle of their own."""

    scope = "token"
    cache = caches["shared"]

    def __init__(self):
        # The rate depends on the caller, so it is chosen per request (in allow_request).
        pass

    def allow_request(self, request, view):
        if isinstance(request.auth, ApiToken):
            self.scope, self.ident = "token", request.auth.pk
        elif request.user is not None and request.user.is_authenticated:
            self.scope, self.ident = "user", request.user.pk
        else:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.ident}
