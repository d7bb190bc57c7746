"""What the server log says about a request: its path and the user's id, never a name or what was
typed (members' records are personal data)."""
import logging


class RequestContextFilter(logging.Filter):
    """Adds `path` and `user_id` to every record (a dash when the record has no request)."""

    def filter(self, record):
        request = getattr(record, "request", None)
        user = getattr(request, "user", None)
        record.path = getattr(request, "path", "-")
        record.user_id = user.pk if user is not None and user.is_authenticated else "-"
        return True
