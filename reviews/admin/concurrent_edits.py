"""No lost edits: when two officers have the same record open in the admin, the second to save
is stopped, told who saved in between and what changed, and keeps their own input on the form.

The change form carries a signed marker of what the officer opened: a digest of each of the
record's fields (its status too, which the publication pages change), of its many-to-many
choices, and of every row of its inlines (a review's documents and recommendations, a helpline's
opening hours). When they save, the record's row is locked and its state read again, in the
transaction of the save: of two officers saving at once, one waits for the other and then sees
the change (SQLite, in development, has no row locks; it checks the same, without the wait).
Any difference stops the save. The form comes back with the officer's input, a marker of what
is stored now, and a message naming who saved in between (from the records' history) and each
change with its new value, so that saving again is a knowing choice.

Digests, not values: the marker stays small however long the texts are. Fields the site keeps
for itself (when the record was saved, and those an admin names in `edit_check_ignores`) are
left out, so a save that changed nothing stops nobody. A save with no marker (a page opened
before this check existed, or a script) is not checked.

Used by the review admin and by the support app's admin, for every record of either.
"""

import datetime
import hashlib
import os

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_manager_for_model

from .publication import format_moment

MARKER = "_edit_marker"
SALT = "reviews.admin.concurrent_edits"


def _digest(text):
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _officer(user):
    return (user.get_full_name() or user.get_username()) if user else gettext("Someone")


def _shown(record, field):
    """A field's value as the officer should read it: labels, dates, names, not codes."""
    if field.many_to_many:
        return ", ".join(str(related) for related in getattr(record, field.name).all())
    if field.is_relation:
        related = getattr(record, field.name)
        return str(related) if related is not None else ""
    value = field.value_from_object(record)
    if value is None or value == "":
        return ""
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return format_moment(timezone.localtime(value))
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, datetime.time):
        return formats.time_format(value, "H:i")
    if isinstance(field, models.FileField):
        return os.path.basename(value.name)
    return Truncator(str(value)).words(60)


def _now_reads(label, value):
    if value == "":
        return gettext("%(field)s: now empty") % {"field": label}
    return gettext("%(field)s: now “%(value)s”") % {"field": label, "value": value}


def _last_saved(model, pk):
    """(when, who) of the latest history record of one row, and that record; Nones without
    history."""
    try:
        history = get_history_manager_for_model(model)
    except NotHistoricalModelError:
        return (None, None), None
    latest = history.filter(**{model._meta.pk.attname: pk}).select_related("history_user").first()
    if latest is None:
        return (None, None), None
    return (latest.history_date, latest.history_user), latest


class ConcurrentEditsAdmin:
    """A ModelAdmin mixin: a change form that stops a save which would overwrite another
    officer's, and says what they changed."""

    # Fields the site keeps for itself: their changes alone stop no save.
    edit_check_ignores = ()

    # What the officer opened.

    def _compared_fields(self, model, skip=()):
        ignored = {*self.edit_check_ignores, *skip}
        return [
            field
            for field in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if not field.primary_key
            and field.name not in ignored
            and not getattr(field, "auto_now", False)
            and not getattr(field, "auto_now_add", False)
        ]

    def _values(self, record, fields):
        values = {}
        for field in fields:
            if field.many_to_many:
                text = ",".join(
                    sorted(str(related.pk) for related in getattr(record, field.name).all())
                )
            else:
                text = field.value_to_string(record)
            values[field.name] = _digest(text)
        return values

    def _inline_rows(self, record):
        """For each of the page's inlines: its model, the key to the record, and its rows."""
        for inline in self.inlines:
            model = inline.model
            key = next(
                field
                for field in model._meta.concrete_fields
                # A foreign key to the record, or a one-to-one link (the names not to appear).
                if (field.many_to_one or field.one_to_one)
                and isinstance(record, field.related_model)
                and inline.fk_name in (None, field.name)
            )
            rows = (
                model._default_manager.filter(**{key.name: record.pk})
                .select_related(key.name)
                .prefetch_related(*(field.name for field in model._meta.many_to_many))
                .order_by("pk")
            )
            yield model, key, list(rows)

    def _read(self, record):
        """The record's state, {"record", "fields", "rows"}, and its inlines' rows by model."""
        state = {
            "record": f"{record._meta.label_lower}:{record.pk}",
            "fields": self._values(record, self._compared_fields(type(record))),
            "rows": {},
        }
        rows_by_model = []
        for model, key, rows in self._inline_rows(record):
            fields = self._compared_fields(model, skip={key.name})
            state["rows"][model._meta.label_lower] = {
                str(row.pk): self._values(row, fields) for row in rows
            }
            rows_by_model.append((model, {str(row.pk): row for row in rows}))
        return state, rows_by_model

    def edit_marker(self, record):
        state, _ = self._read(record)
        return signing.dumps(state, salt=SALT, compress=True)

    # The check, on saving.

    def check_unchanged(self, request, form):
        """Raise ValidationError, naming who changed what, if the stored record is no longer
        what the officer opened. Sets `form.edit_marker` to what is stored now."""
        marker = form.data.get(MARKER)
        if not marker:
            return
        record = (
            type(form.instance)._default_manager.select_for_update().filter(pk=form.instance.pk)
        ).first()
        if record is None:
            return
        now, rows_by_model = self._read(record)
        form.edit_marker = signing.dumps(now, salt=SALT, compress=True)
        try:
            seen = signing.loads(marker, salt=SALT)
        except signing.BadSignature:
            seen = None
        if seen is not None and seen.get("record") != now["record"]:
            seen = None
        if seen == now:
            return
        if seen is None:
            raise ValidationError(
                gettext(
                    "We could not tell whether someone else saved changes here after you opened "
                    "this page, so nothing has been saved yet. Check the form below, then save "
                    "again."
                )
            )
        changes, saves = self._changes(record, rows_by_model, seen, now)
        raise ValidationError(self._conflict_messages(request, changes, saves))

    def _changes(self, record, rows_by_model, seen, now):
        """What differs, as sentences, and (when, who) of each save that made it."""
        changes, saves = [], []
        model = type(record)
        changed = [
            name for name, digest in now["fields"].items() if seen["fields"].get(name) != digest
        ]
        if changed:
            saves.append(_last_saved(model, record.pk)[0])
            for name in changed:
                field = model._meta.get_field(name)
                changes.append(_now_reads(capfirst(field.verbose_name), _shown(record, field)))
        for row_model, rows in rows_by_model:
            label = row_model._meta.label_lower
            before, after = seen["rows"].get(label, {}), now["rows"][label]
            for pk, row in rows.items():
                name = capfirst(str(row))
                if pk not in before:
                    saves.append(_last_saved(row_model, row.pk)[0])
                    changes.append(gettext("%(row)s: added") % {"row": name})
                    continue
                changed = [
                    field for field, digest in after[pk].items() if before[pk].get(field) != digest
                ]
                if changed:
                    saves.append(_last_saved(row_model, row.pk)[0])
                for field_name in changed:
                    field = row_model._meta.get_field(field_name)
                    field_label = gettext("%(row)s, %(field)s") % {
                        "row": name,
                        "field": field.verbose_name,
                    }
                    changes.append(_now_reads(field_label, _shown(row, field)))
            for pk in sorted(before.keys() - after.keys(), key=int):
                save, latest = _last_saved(row_model, pk)
                saves.append(save)
                name = (
                    capfirst(str(latest.instance))
                    if latest is not None
                    else f"{capfirst(row_model._meta.verbose_name)} {pk}"
                )
                changes.append(gettext("%(row)s: removed") % {"row": name})
        return changes, saves

    def _conflict_messages(self, request, changes, saves):
        """The message: who saved, when, what to do; then each change."""
        moments = [when for when, _ in saves if when is not None]
        savers = []
        for _, user in sorted(saves, key=lambda save: save[0] or timezone.now()):
            if user not in savers:
                savers.append(user)
        others = [user for user in savers if user != request.user]
        if others:
            text = gettext("%(names)s saved changes here after you opened this page.") % {
                "names": ", ".join(_officer(user) for user in others)
            }
        else:
            text = gettext(
                "You saved changes here in another window or tab after you opened this page."
            )
        if moments:
            text += " " + gettext("The last change was saved at %(time)s.") % {
                "time": format_moment(timezone.localtime(max(moments)))
            }
        text += " " + gettext(
            "Nothing of yours has been saved yet: your changes are still in the form below. "
            "Check them against what changed, listed here, then save again to keep them."
        )
        if request.FILES:
            text += " " + gettext("Choose again any file you were uploading.")
        return [text, *changes]

    # The admin's hooks.

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and obj.pk is not None:
            kwargs["form"] = self._checked_form(request, kwargs.get("form", self.form))
        return super().get_form(request, obj, change, **kwargs)

    def _checked_form(self, request, base):
        model_admin = self

        class CheckedForm(base):
            def clean(self):
                cleaned_data = super().clean()
                model_admin.check_unchanged(request, self)
                return cleaned_data

        CheckedForm.__name__ = CheckedForm.__qualname__ = base.__name__
        return CheckedForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.has_change_permission(request, obj):
            # Shown again after a stopped save, the form carries what is stored now, read
            # under the lock; otherwise the stored record (not `obj`, which holds what was
            # posted).
            marker = getattr(context["adminform"].form, "edit_marker", None)
            if marker is None:
                stored = type(obj)._default_manager.filter(pk=obj.pk).first()
                marker = self.edit_marker(stored) if stored is not None else None
            context["edit_marker"] = {"name": MARKER, "value": marker}
        return super().render_change_form(request, context, add, change, form_url, obj)
