"""What needs a user's attention, for the home page.

Each app registers providers (in its ``AppConfig.ready``); a provider takes the user and returns the
items that concern them, built from that app's selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class AttentionLink:
    """One record an item lists by name (the first few of a queue), with a word on it."""

    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class AttentionItem:
    title: str
    detail: str = ""
    url: str = ""  # the list of everything the item counts (with ``links``: "see all", when there is more)
    count: int | None = None
    level: str = "info"  # info, warning or danger: the colour on the home page
    links: tuple[AttentionLink, ...] = ()


Provider = Callable[[object], list[AttentionItem]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def attention_for(user) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for provider in _providers:
        items.extend(provider(user))
    return items
