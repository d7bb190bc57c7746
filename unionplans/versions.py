"""Versions of the data that pages keep figures of: a token in the shared cache that any change
replaces. Cached figures are stored under the version they were drawn from, so after a change every
process reads a new key at once and nothing has to be found and deleted."""
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save


def current(name):
    return cache.get_or_set(f"version:{name}", lambda: uuid.uuid4().hex)


def replace(name):
    """Once at the change, so the same request sees it, and again at commit: a page drawn between the
    two could have cached the figures from before the commit under the first new version."""
    _new(name)
    transaction.on_commit(lambda: _new(name))


def _new(name):
    cache.set(f"version:{name}", uuid.uuid4().hex)


def watch(name, models):
    """Replace the version `name` on every save or delete of `models`. Called once, when the app is
    ready; a model several versions watch replaces them all."""
    for model in models:
        _watching.setdefault(model, set()).add(name)
        for signal in (post_save, post_delete):
            signal.connect(_saved_or_deleted, sender=model, dispatch_uid=f"versions:{signal is post_save}:{model._meta.label}")


def changed(*models):
    """Replace every version that watches `models`: what a bulk write, which sends no signal, calls."""
    for name in set().union(*(_watching.get(model, set()) for model in models)):
        replace(name)


def _saved_or_deleted(sender, **kwargs):
    changed(sender)


_watching = {}
