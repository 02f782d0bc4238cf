"""Recording what was done about a recommendation: the one way its status changes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models.recommendations import Recommendation, Status, Update, UpdateEvidence, today


@transaction.atomic
def record_update(
    recommendation,
    *,
    status,
    recorded_by,
    recorded_on=None,
    note="",
    note_cy="",
    agency=None,
    reported_by_agency=False,
    evidence_url="",
    evidence_file=None,
):
    """Keep a new update and set the recommendation's status to its latest update's.

    The latest is the one with the latest date (an update recorded today about last month
    comes before last week's); every update is kept. An evidence PDF goes through the
    document pipeline like every other: a file it refuses raises ValidationError, and then
    nothing is kept.
    """
    recorded_on = recorded_on or today()
    if status not in dict(Status.choices) or status == Status.NOT_REPORTED:
        raise ValidationError({"status": _("Choose what the update reports.")})
    if recorded_on > today():
        raise ValidationError({"recorded_on": _("The date of an update cannot be in the future.")})
    if agency is not None and not recommendation.agencies.filter(pk=agency.pk).exists():
        raise ValidationError(
            {"agency": _("The recommendation is not addressed to %(agency)s.") % {"agency": agency}}
        )
    # One writer at a time per recommendation, so two updates cannot both be "the latest".
    locked = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    update = Update(
        recommendation=locked,
        status=status,
        recorded_on=recorded_on,
        note=note,
        note_cy=note_cy,
        agency=agency,
        reported_by_agency=reported_by_agency,
        evidence_url=evidence_url,
        recorded_by=recorded_by,
    )
    update.full_clean()
    update.save()
    if evidence_file is not None:
        evidence = UpdateEvidence(update=update, file=evidence_file, uploaded_by=recorded_by)
        evidence.full_clean(exclude=["update"])
        evidence.save()
    latest = locked.updates.latest()
    locked.status, locked.status_on = latest.status, latest.recorded_on
    locked.save(update_fields=["status", "status_on", "updated_at"])
    recommendation.status, recommendation.status_on = locked.status, locked.status_on
    return update
