"""What the month page tests share: htmx's header and the names a row's form posts under."""
import re

HX = {"HTTP_HX_REQUEST": "true"}


def post(plan, row, **data):
    prefix = f"row-{row.pk}-"
    return {prefix + key: value for key, value in data.items()}


def text(page):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))
