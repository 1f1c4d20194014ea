"""How a report's cells read on the page: numbers grouped Vietnamese style, dates dd/mm/yyyy, none as a dash."""

import datetime as dt
from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def is_number(value) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


@register.filter
def cell(value) -> str:
    if value is None or value == "":
        return "—" if value is None else ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return f"{value:,}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    return str(value)


@register.filter
def total_row(table) -> list:
    totals = table.totals()
    return [totals.get(column, table.total_label if column == 0 else "") for column in range(len(table.headers))]
