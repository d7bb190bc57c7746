"""The one permission path: every view declares what it needs with a decorator made here.

A decorator made by `object_view` sends an anonymous visitor to the login page, refuses a method
the view does not serve (405), finds the object in the user's scope (404 outside it), checks the
permission the view declares for the method (403 inside the scope without it) and hands the object
to the view in place of its id. The declaration stays on the view (`permissions`, `object_kind`),
so the permission matrix reads every URL's rule from the resolver.

Permissions are asked of the `rules` predicates alone (`allowed`): `user.has_perm` lets an active
superuser do anything, and no role, the superuser included, edits an approved or issued document.
"""
from functools import wraps

import rules
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed


def get_or_404(queryset, message, **lookup):
    """The one object of `queryset`, already cut to the user's scope, that `lookup` names; else a
    404 saying `message`, the same answer whether it does not exist or is out of the user's sight."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404(message) from None


def allowed(user, perm, obj=None):
    return rules.has_perm(perm, user, obj)


def object_view(kind, lookup=None, arguments=("pk",), seen=None):
    """A decorator maker for the views of one kind of object, found by `lookup(user, id)` in the
    user's scope, the id being the first of `arguments` the URL holds. `seen` names the permission that being in the scope already is, so it is not
    asked again. Without a lookup the view works on no object (a list of the user's own things)."""

    def declare(perm, *, post=None, methods=("GET",)):
        """`perm` for every method the view serves, or `post` instead for POST; None: any login."""
        permissions = {method: post if method == "POST" and post else perm for method in methods}

        def decorator(view):
            @wraps(view)
            def checked(request, *args, **kwargs):
                if request.method not in permissions:
                    return HttpResponseNotAllowed(permissions)
                needed = permissions[request.method]
                if lookup is None:
                    if needed and not allowed(request.user, needed):
                        raise PermissionDenied
                    return view(request, *args, **kwargs)
                found = lookup(request.user, kwargs.pop(next(name for name in arguments if name in kwargs)))
                if needed and needed != seen and not allowed(request.user, needed, found):
                    raise PermissionDenied
                return view(request, found, *args, **kwargs)

            declared = login_required(checked)
            declared.permissions, declared.object_kind = permissions, kind
            return declared

        return decorator

    return declare


page_view = object_view("page")
