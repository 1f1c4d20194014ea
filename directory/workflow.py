"""What every process table shares: the one error an illegal move raises."""

from django.core.exceptions import ValidationError


class InvalidTransition(ValidationError):
    """A move the process does not allow, or allows only with what is missing.

    Pages, the API, the admin and commands all show its message as it is; nothing was written.
    """
