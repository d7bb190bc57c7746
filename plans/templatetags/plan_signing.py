"""Whether a unit signs what it issues, for the notice beside the issue buttons."""
from django import template

from members.signing.credential import SigningCredential

register = template.Library()


@register.simple_tag
def unit_signing_credential(unit_id):
    return SigningCredential.objects.filter(unit_id=unit_id).only("subject", "not_before", "not_after").first()
