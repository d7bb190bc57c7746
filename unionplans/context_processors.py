"""What every page's frame needs to know about the user."""
import functools

from plans.inbox import services as inbox
from unionplans.permissions import allowed


def navigation(request):
    """The entries of the nav bar the user may open, asked of the role rules alone and only when
    the page draws the nav. Through user.has_perm a refusal fell through to Django's model
    permissions, which hold none of these, at two queries on every page of every non-staff user."""
    return {
        "can_view_overview": functools.partial(allowed, request.user, "plans.view_overview"),
        # What waits on the user, one query, asked only when the nav is drawn; the home page gives
        # its own count, which it has worked out already.
        "inbox_count": functools.partial(inbox.waiting_count, request.user),
    }
