"""The one page every registry and unit-tree form is shown on, and the one way a service refuses it."""
from django.core.exceptions import ValidationError
from django.shortcuts import render


def form_page(request, form, title, back_url):
    return render(request, "members/form.html", {"form": form, "title": title, "back_url": back_url})


def attempt(form, action):
    """What the service `action` wrote, or None when it refused: its reason is then shown on the form,
    above the fields, which keep what was typed."""
    try:
        return action()
    except ValidationError as error:
        form.add_error(None, error)
        return None
