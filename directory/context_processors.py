from directory import access


def navigation(request):
    """What the base layout needs to draw the menu for this user's roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = access.roles_of(user)
    return {
        "nav": {
            "roles": roles,
            "registry": bool(roles.names),  # the registers' entries: anyone with a role
            "admin": access.can_use_admin(user),
            "history": access.can_read_history(user),
        }
    }
