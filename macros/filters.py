"""Jinja filters for the templates: editor text made safe in Markdown, amounts and dates in Dutch."""

from __future__ import annotations

import re

from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~^=])")

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def md(text: str) -> Markup:
    """Editor text made safe inside Markdown (a heading): HTML and Markdown escaped."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(text)).replace("&", "&amp;"))


def euro(amount: int) -> str:
    """Dutch notation of an amount: '€ 15 miljoen', '€ 5,3 miljoen', '€ 12.500'."""
    if amount >= 1_000_000:
        millions = f"{amount / 1_000_000:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"€ {millions} miljoen"
    return f"€ {amount:,}".replace(",", ".")


def milestone_date(value: object) -> str:
    """A day, month or year (a date or its ISO text) as Dutch readers write it:
    '2024-01-01' → '1 januari 2024'; '2022-06' → 'juni 2022'; '2018' stays."""
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return str(value)


def is_past(value: str, today: str) -> bool:
    """Is a day, month or year ('2024-01-01', '2024-01', '2024') entirely before `today` (ISO date)?"""
    last_day = {4: value + "-12-31", 7: value + "-31"}.get(len(value), value)  # '-31' sorts after every day
    return last_day < today
