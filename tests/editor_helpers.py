"""What the editor tests share: a plan with its chair logged in, and what a block's form posts."""
import re

from members.models import Role
from tests.factories import PlanFactory, RoleFactory

HTMX = {"HTTP_HX_REQUEST": "true"}
FIELDS = re.compile(r"<textarea|<select|<input(?![^>]*type=\"(?:hidden|submit|checkbox|radio|button)\")")


def chair_of(plan):
    return RoleFactory(unit=plan.unit, kind=Role.Kind.CHAIR).user


def draft_with_chair(client, **plan_fields):
    plan = PlanFactory(**plan_fields)
    client.force_login(chair_of(plan))
    return plan


def outsider(client):
    """The chair of another unit: sees nothing of this one."""
    client.force_login(chair_of(PlanFactory()))


def posted(plan, prefix="", **fields):
    """A whole-plan change (add, move, delete) as the page posts it, at the plan's version."""
    data = {f"{prefix}-{key}" if prefix else key: value for key, value in fields.items()}
    data["version"] = plan.version
    return data


def block_post(prefix, version, **fields):
    """A block's form as it posts itself: its fields under its id, and the version it was opened at."""
    return {**{f"{prefix}-{key}": value for key, value in fields.items()}, "version": version}


def open_fields(html):
    """How many fields a user can type into on the page."""
    return len(FIELDS.findall(html))
