"""How a login is named on a page.

Django's `get_full_name` is "first last", the Western order; a Vietnamese name reads family name
first ("Đỗ Thị Thu Mai"). Logins keep the family name in `last_name` (the admin labels it "Họ") and
the middle and given names in `first_name` ("Tên"), so the page prints last then first.
"""
from django import template

register = template.Library()


@register.filter
def person_name(user, default="hệ thống"):
    if user is None:
        return default
    return " ".join(part for part in (user.last_name, user.first_name) if part) or user.username
