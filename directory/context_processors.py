from django.core.cache import cache
from django.utils import timezone

from directory import access
from directory.selectors import issuer_on


def navigation(request):
    """What the base layout needs to draw the menu for this user's roles, and whose system it is today."""
    today = timezone.localdate()
    # The department's name changes with the units (Bắc Giang's until 30/06/2025, Bắc Ninh's since): read
    # once a few minutes, not on every page.
    issuer = cache.get_or_set(f"directory-issuer-{today.isoformat()}", lambda: issuer_on(today), 300)
    context = {"issuer": issuer}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    roles = access.roles_of(user)
    context["nav"] = {
        "roles": roles,
        "registry": bool(roles.names),  # the registers' entries: anyone with a role
        "admin": access.can_use_admin(user),
        "history": access.can_read_history(user),
        "reorganisation": access.can_manage_reference_data(user) or access.is_ip_officer(user),
    }
    return context
