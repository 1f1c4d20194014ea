"""The change-history plumbing shared by every app.

``audit.acting_as(user, channel=..., reason=...)`` is the one way for code outside a request to say who
is acting and why; ``audit.history.TrackedModel`` is the base of every model whose changes are kept.
"""

from audit.context import Channel, acting_as, audited_write

__all__ = ["Channel", "acting_as", "audited_write"]
