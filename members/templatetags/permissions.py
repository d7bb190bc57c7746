"""`{% has_perm "app.perm" user obj as name %}`: the templates' one way to ask a permission, the
same answer as the view's decorator (unionplans.permissions.allowed), superusers included."""
from django import template

from unionplans.permissions import allowed

register = template.Library()


@register.simple_tag
def has_perm(perm, user, obj=None):
    return allowed(user, perm, obj)
