"""Whether help content is public: the only code that saves a helpline, strategy document,
information page or notice for an officer.

As for reviews (reviews/publishing.py), the service checks who is acting (reviews.roles) and
saves through the model. The rule: only a publisher of the record's partnership (for a national
record, the site administrator) may make it public; anyone else's save keeps it hidden, and
says so, so that a publisher can check it and make it visible.
"""

import enum

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from reviews import roles


class Saved(enum.Enum):
    """What the public sees of a record once it is saved."""

    PUBLIC = "public"
    HIDDEN = "hidden"
    # Asked to be public by someone who may not make it so: saved, and kept hidden.
    HELD_BACK = "held back"


def _stored(record):
    """The record as it is in the database, before this save (None for a new record)."""
    if record.pk is None:
        return None
    return type(record)._default_manager.filter(pk=record.pk).first()


@transaction.atomic
def save_content(record, *, by):
    """Save `record` for the officer `by`, public only if they may make it so.

    Raises PermissionDenied if `by` may not change the record as it is stored (another
    partnership's, a national one, or a public one they do not publish for), or may not give it
    the partnership it now has.
    """
    stored = _stored(record)
    if stored is not None and not roles.may_change_content(by, stored):
        raise PermissionDenied(_("Only a publisher of the partnership may do this."))
    if not roles.may_manage_partnership(by, record.partnership_id):
        raise PermissionDenied(_("Only a publisher of the partnership may do this."))
    field = roles.visibility_field(record)
    outcome = Saved.PUBLIC if getattr(record, field) else Saved.HIDDEN
    if outcome is Saved.PUBLIC and not roles.publishes_for(by, record.partnership_id):
        setattr(record, field, False)
        outcome = Saved.HELD_BACK
    record.save()
    return outcome
