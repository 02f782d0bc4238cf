"""Who may do what, for a partnership's reviews and its help content.

Four roles: the site administrator (a superuser) may do everything; a partnership's publisher
may edit, publish, schedule and withdraw its reviews, record updates on their recommendations
and decide what of its help content the public sees; its editor may prepare drafts, their
documents and recommendations, but not publish, withdraw or change a review or a record once it
is public. Records without a partnership (national help content, national agencies) are the
administrator's alone. An agency responder, linked to one agency, may only record updates on
the published recommendations addressed to that agency, in every partnership. A joint review's
other partnerships' officers see it, read-only; their publishers confirm it (until then the
public sees it under its lead only) and may take their partnership off it.

The themes are one vocabulary for all partnerships: only the administrator changes them.

Access comes from partnership membership, not from Django's per-model permissions, so that
adding an officer to a partnership is the one step that lets them work for it. The admin, the
preview views and the publishing services ask these functions, so the rules live in one place.
"""

from django.db.models import Q

from .models import (
    Agency,
    AgencyResponder,
    JointPartnership,
    Membership,
    Partnership,
    Recommendation,
    Review,
)

Role = Membership.Role


# Who the user is


def partnership_roles(user):
    """{partnership id: role} for the user's memberships, read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    if not hasattr(user, "_partnership_roles"):
        user._partnership_roles = dict(
            Membership.objects.filter(user=user).values_list("partnership_id", "role")
        )
    return user._partnership_roles


def partnership_ids(user):
    """The partnerships the user belongs to, in any role."""
    return set(partnership_roles(user))


def is_staff_member(user):
    return bool(getattr(user, "is_active", False) and getattr(user, "is_staff", False))


def is_administrator(user):
    """The site administrator: every partnership's records, national records, and who the
    officers are."""
    return is_staff_member(user) and bool(getattr(user, "is_superuser", False))


def is_officer(user):
    """A staff member who belongs to at least one partnership."""
    return is_staff_member(user) and bool(partnership_roles(user))


def responder_agency(user):
    """The agency an active staff user reports for as an agency responder, or None; read once
    per user object."""
    if not is_staff_member(user):
        return None
    if not hasattr(user, "_responder_agency"):
        responder = AgencyResponder.objects.select_related("agency").filter(user=user).first()
        user._responder_agency = responder.agency if responder else None
    return user._responder_agency


def is_responder(user):
    return responder_agency(user) is not None


def works_for_partnerships(user):
    """Work on partnerships' records (reviews, documents, help content): an administrator or
    an officer. A responder, or a staff member of no partnership, sees none of them."""
    return is_administrator(user) or is_officer(user)


def may_use_admin(user):
    """Work in the admin at all: an administrator, an officer or an agency responder."""
    return works_for_partnerships(user) or is_responder(user)


def role_in(user, partnership_id):
    if not is_staff_member(user):
        return None
    return partnership_roles(user).get(partnership_id)


# Partnerships


def may_manage_partnership(user, partnership_id):
    """See and work on this partnership's records, in any role. A record of no partnership
    (`partnership_id` None: national) is the administrator's alone."""
    if is_administrator(user):
        return True
    return partnership_id is not None and role_in(user, partnership_id) is not None


def may_manage_national(user):
    """Records of no partnership (national help content), and making a record national."""
    return may_manage_partnership(user, None)


def publishes_for(user, partnership_id):
    """Decide what the public sees of this partnership's records (None: national records)."""
    if is_administrator(user):
        return True
    return partnership_id is not None and role_in(user, partnership_id) == Role.PUBLISHER


def publishes_anywhere(user):
    return is_administrator(user) or (
        is_staff_member(user) and Role.PUBLISHER in partnership_roles(user).values()
    )


def officer_partnerships(user):
    """The partnerships the user may choose for a record: all for an administrator."""
    return within_partnerships(Partnership.objects.all(), user, "pk")


def within_partnerships(queryset, user, partnership_lookup):
    """The records of `queryset` the user may see: all for an administrator; for anyone else,
    those whose partnership (reached by `partnership_lookup`) is one of theirs. A record
    outside them is as absent as one that does not exist."""
    if is_administrator(user):
        return queryset
    if not is_staff_member(user):
        return queryset.none()
    return queryset.filter(**{f"{partnership_lookup}__in": partnership_ids(user)})


# Reviews


def named_partnership_ids(review):
    """The partnerships a review names besides its lead, confirmed or not."""
    return set(review.partnership_links.values_list("partnership_id", flat=True))


def may_view(user, review):
    """See the review in the admin: officers of its lead partnership, and those of every
    partnership it names, confirmed or not (so they can confirm it, or take theirs off). Only
    the lead's officers may change it (may_edit)."""
    if may_manage_partnership(user, review.lead_partnership_id):
        return True
    return is_staff_member(user) and bool(named_partnership_ids(review) & partnership_ids(user))


def visible_reviews(queryset, user):
    """The reviews of `queryset` the admin shows the user: may_view's, for a whole list."""
    if is_administrator(user):
        return queryset
    if not is_staff_member(user):
        return queryset.none()
    ours = partnership_ids(user)
    named = JointPartnership.objects.filter(partnership__in=ours).values("review")
    return queryset.filter(Q(lead_partnership__in=ours) | Q(pk__in=named))


def may_edit(user, review):
    """Change the review and its documents: publishers always, editors while it is a draft."""
    if publishes_for(user, review.lead_partnership_id):
        return True
    return (
        role_in(user, review.lead_partnership_id) == Role.EDITOR
        and review.status == Review.Status.DRAFT
    )


def may_publish(user, review):
    """Publish, schedule, cancel a schedule or withdraw."""
    return publishes_for(user, review.lead_partnership_id)


def may_delete(user, review):
    """Remove a review altogether: only a draft, which the public never saw."""
    if is_administrator(user):
        return True
    return review.status == Review.Status.DRAFT and may_edit(user, review)


def may_preview(user, review):
    """See a review as the public will: whoever may edit it."""
    return may_edit(user, review)


def may_choose_themes(user, review):
    """Choose the review's themes, and accept or reject the themes its text suggests: whoever
    may change the review, since its themes are one of its fields on its form, so editors on
    drafts and publishers always."""
    return may_edit(user, review)


def may_check_personal_data(user, review):
    """Keep the review's list of names that must not appear, and mark what the personal-data
    check found in its documents as reviewed: whoever may change the review and its documents,
    so editors on drafts and publishers always."""
    return may_edit(user, review)


# Joint reviews: the public sees a review under a partnership it names only once that
# partnership's publisher has confirmed it (reviews/models/joint_partnerships.py).


def may_name_partnerships(user, review):
    """Name other partnerships on the review: whoever may change it."""
    return may_edit(user, review)


def may_confirm_joint(user, link):
    """Confirm that the review is also this partnership's: one of its own publishers (or the
    administrator), never the lead's officers on its behalf."""
    return not link.is_confirmed and publishes_for(user, link.partnership_id)


def may_remove_joint(user, link):
    """Take the partnership off the review: its own publisher, or whoever may change the
    review (the lead's publishers; its editors while the review is a draft)."""
    return publishes_for(user, link.partnership_id) or may_edit(user, link.review)


def may_import_reviews(user, partnership_id):
    """Import a partnership's old reviews from a ZIP file (reviews/bulk_import): whoever may add
    its reviews, editors included, since every imported review arrives as a draft."""
    return may_manage_partnership(user, partnership_id)


def editable_reviews(user):
    """The reviews this user may change (and so attach documents to): all for an
    administrator; for an officer, those of their partnerships where they publish, and drafts
    where they edit."""
    reviews = Review.objects.all()
    if is_administrator(user):
        return reviews
    if not is_staff_member(user):
        return reviews.none()
    by_role = partnership_roles(user)
    publishing = [pk for pk, role in by_role.items() if role == Role.PUBLISHER]
    editing = [pk for pk, role in by_role.items() if role == Role.EDITOR]
    return reviews.filter(
        Q(lead_partnership__in=publishing)
        | Q(lead_partnership__in=editing, status=Review.Status.DRAFT)
    )


# Recommendations and their updates


def may_edit_recommendations(user, review):
    """Add, change or remove a review's recommendations: whoever may change the review, so
    editors on drafts and, once it is public, only its publishers."""
    return may_edit(user, review)


def may_delete_recommendation(user, recommendation):
    """Remove a recommendation: one with no updates, by whoever may change its review. Updates
    are history, and history is not rewritten, so a recommendation with updates stays."""
    return may_edit(user, recommendation.review) and not recommendation.updates.exists()


def visible_recommendations(user):
    """The recommendations the user sees in the admin: all for an administrator; an officer's
    partnerships' (drafts too); and for a responder the published ones addressed to their
    agency, whichever partnership's."""
    recommendations = Recommendation.objects.all()
    if is_administrator(user):
        return recommendations
    if not is_staff_member(user):
        return recommendations.none()
    found = Q(review__lead_partnership__in=partnership_ids(user))
    agency = responder_agency(user)
    if agency is not None:
        found |= Q(pk__in=Recommendation.objects.published().filter(agencies=agency).values("pk"))
    return recommendations.filter(found)


def may_record_update(user, recommendation):
    """Record what was done about a recommendation: only once its review is public, by a
    publisher of the review's partnership (or an administrator), or by the responder of an
    agency it is addressed to."""
    review = recommendation.review
    if not review.is_public:
        return False
    if publishes_for(user, review.lead_partnership_id):
        return True
    agency = responder_agency(user)
    return agency is not None and recommendation.agencies.filter(pk=agency.pk).exists()


def records_updates_anywhere(user):
    """Offered the "record an update" action: a publisher somewhere, or a responder."""
    return publishes_anywhere(user) or is_responder(user)


# Agencies: national ones are the administrator's; officers keep their partnerships' local ones.


def visible_agencies(user):
    """The agencies the user sees in the admin: all for an administrator; the national ones and
    their own partnerships' local ones for an officer."""
    agencies = Agency.objects.all()
    if is_administrator(user):
        return agencies
    if not is_officer(user):
        return agencies.none()
    return agencies.filter(
        Q(scope=Agency.Scope.NATIONAL) | Q(partnership__in=partnership_ids(user))
    )


def may_change_agency(user, agency):
    """Change or remove an agency: the administrator any; an officer the local agencies of
    their partnerships (a new agency, before its partnership is chosen, too)."""
    if is_administrator(user):
        return True
    if agency is None or agency.pk is None:
        return is_officer(user)
    return agency.scope == Agency.Scope.LOCAL and may_manage_partnership(
        user, agency.partnership_id
    )


def addressable_agencies(review):
    """The agencies a review's recommendations may be addressed to: the national ones, and the
    local agencies of the review's partnerships."""
    partnerships = {review.lead_partnership_id, *review.partnerships.values_list("pk", flat=True)}
    return Agency.objects.filter(
        Q(scope=Agency.Scope.NATIONAL) | Q(partnership__in=partnerships - {None})
    )


# Themes: one vocabulary for every partnership, so the administrator's alone to change.


def may_change_themes(user):
    """Add, change or delete themes (their names, groups, descriptions and search terms).
    Officers see them, to file reviews and recommendations under them."""
    return is_administrator(user)


# Help content: helplines, strategy documents, information pages and notices, each of a
# partnership or national. An editor prepares what is not public; a publisher makes it public.

# The field that puts a record on the public site, where it is not `is_published`.
VISIBILITY_FIELDS = {"support.helpline": "active"}


def visibility_field(model):
    """The name of the field that puts a record of this model (or this record) on the public
    site."""
    return VISIBILITY_FIELDS.get(model._meta.label_lower, "is_published")


def is_public_content(record):
    return bool(getattr(record, visibility_field(record)))


def may_change_content(user, record):
    """Change a record: whoever manages its partnership while it is not public; once public,
    only a publisher of its partnership."""
    return may_manage_partnership(user, record.partnership_id) and (
        publishes_for(user, record.partnership_id) or not is_public_content(record)
    )
