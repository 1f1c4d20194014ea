"""Template tags of the audit pages: the fragments of :mod:`audit.html`."""

from django import template

from audit import html

register = template.Library()


@register.simple_tag
def changes_table(changes):
    """The before/after table of a change's fields."""
    return html.changes_table(changes)
