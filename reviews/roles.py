"""Who may do what with a partnership's reviews.

Three roles: the site administrator (a superuser) may do everything; a partnership's publisher
may edit, publish, schedule and withdraw its reviews; its editor may prepare drafts and upload
their documents, but not publish, withdraw or change a review once it is published. The admin
and every view that shows a draft ask these functions, so the rules live in one place.
"""

from .models import Membership, Review

Role = Membership.Role


def partnership_roles(user):
    """{partnership id: role} for the user's memberships, read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    if not hasattr(user, "_partnership_roles"):
        user._partnership_roles = dict(
            Membership.objects.filter(user=user).values_list("partnership_id", "role")
        )
    return user._partnership_roles


def is_staff_member(user):
    return bool(getattr(user, "is_active", False) and getattr(user, "is_staff", False))


def role_in(user, partnership_id):
    if not is_staff_member(user):
        return None
    return partnership_roles(user).get(partnership_id)


def may_view(user, review):
    if not is_staff_member(user):
        return False
    return user.is_superuser or role_in(user, review.lead_partnership_id) is not None


def may_edit(user, review):
    """Change the review and its documents: publishers always, editors while it is a draft."""
    if not is_staff_member(user):
        return False
    if user.is_superuser:
        return True
    role = role_in(user, review.lead_partnership_id)
    if role == Role.PUBLISHER:
        return True
    return role == Role.EDITOR and review.status == Review.Status.DRAFT


def may_publish(user, review):
    """Publish, schedule, cancel a schedule or withdraw."""
    if not is_staff_member(user):
        return False
    return user.is_superuser or role_in(user, review.lead_partnership_id) == Role.PUBLISHER


def may_delete(user, review):
    """Remove a review altogether: only a draft, which the public never saw."""
    if not is_staff_member(user):
        return False
    if user.is_superuser:
        return True
    return review.status == Review.Status.DRAFT and may_edit(user, review)


def may_preview(user, review):
    """See a review as the public will: whoever may edit it."""
    return may_edit(user, review)


def publishes_anywhere(user):
    return is_staff_member(user) and (
        user.is_superuser or Role.PUBLISHER in partnership_roles(user).values()
    )
