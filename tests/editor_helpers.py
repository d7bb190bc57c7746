"""What the editor tests share: a plan with its chair logged in, and the version forms post."""
from members.models import Role
from tests.factories import PlanFactory, RoleFactory


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
    data = {f"{prefix}-{key}" if prefix else key: value for key, value in fields.items()}
    data["version"] = plan.version
    return data
