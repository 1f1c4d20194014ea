from django.core.cache import cache
from django.utils import timezone

from directory import access
from directory.importing import importers_for
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
    # Each entry by the same predicate its page asks, so no one is shown a link that answers 403.
    entries = {
        "registry": bool(roles.names),  # the registers' entries: anyone with a role
        "imports": bool(importers_for(user)),
        "admin": access.can_use_admin(user),
        "history": access.can_read_history(user),
        "reorganisation": access.can_reorganise(user),
        "lookalikes": access.is_administrator(user),
    }
    # The menu is cached per set of entries shown: the key names every entry, one added later included.
    context["nav"] = {**entries, "roles": roles,
                      "key": ",".join(name for name, shown in sorted(entries.items()) if shown)}
    return context
