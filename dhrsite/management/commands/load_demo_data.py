"""`manage.py load_demo_data`: the demo site, from each app's own demo data, and its officers.

It sits in the project package, above both apps: the reviews app loads its partnerships and
reviews (reviews/demo.py), the support app its help content (support/demo.py), the reviews app
its fictional sample for the learning register (reviews/recommendations/sample.py; left out with
`--no-sample`), and this command adds the officers who sign in to the admin, whose second factor
is the project's (admin_site), and the sample's agency responder.
Running it again changes nothing that is already there.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from dhrsite.admin_site import DEVICE_NAME, readable_key
from reviews.demo import load_review_demo_data
from reviews.models import AgencyResponder, Membership
from reviews.recommendations.sample import load_sample
from support.demo import load_support_demo_data

# One publisher per partnership, and an editor who prepares drafts but cannot publish them.
OFFICERS = [
    ("wiltshire-officer", "wiltshire", Membership.Role.PUBLISHER),
    ("wiltshire-editor", "wiltshire", Membership.Role.EDITOR),
    ("powys-officer", "powys", Membership.Role.PUBLISHER),
]
# Reports back for Sample Police (fictional) on the sample's recommendations, and nothing else.
RESPONDER = "sample-police-responder"


class Command(BaseCommand):
    help = "Load the demo partnerships, reviews, themes, help content and officer accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-passwords",
            action="store_true",
            help="Give the demo officer accounts new random passwords and print them.",
        )
        parser.add_argument(
            "--no-sample",
            action="store_true",
            help="Leave out the fictional sample partnership and its recommendations.",
        )

    @transaction.atomic
    def handle(self, *args, new_passwords=False, no_sample=False, **options):
        partnerships, summary = load_review_demo_data()
        self.stdout.write(summary)
        self.stdout.write(load_support_demo_data(partnerships))
        for username, partner_slug, role in OFFICERS:
            self._officer(username, partnerships[partner_slug], role, new_passwords)
        if not no_sample:
            self._sample(new_passwords)
        self.stdout.write(
            f"\nTo sign in at /{settings.DHR_ADMIN_PATH}: enter the username and password, then "
            "the 6-digit code that an authenticator app (Microsoft Authenticator, Google "
            "Authenticator, 1Password, or `oathtool --totp --base32 KEY`) shows once you add "
            "the key above."
        )

    def _officer(self, username, partnership, role, new_passwords):
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True}
        )
        Membership.objects.get_or_create(
            user=user, partnership=partnership, defaults={"role": role}
        )
        if created or new_passwords:
            heading = f"{Membership.Role(role).label.split(':')[0]} for {partnership.name}"
            self._new_sign_in(user, heading)
        else:
            self._already_exists(username)

    def _sample(self, new_passwords):
        """The fictional sample, and a demo agency responder for Sample Police (fictional)."""
        user, created = get_user_model().objects.get_or_create(
            username=RESPONDER, defaults={"is_staff": True}
        )
        agency, summary = load_sample(responder=user)
        AgencyResponder.objects.get_or_create(user=user, defaults={"agency": agency})
        self.stdout.write(summary)
        if created or new_passwords:
            self._new_sign_in(user, f"Agency responder for {agency.name}")
        else:
            self._already_exists(RESPONDER)

    def _already_exists(self, username):
        self.stdout.write(
            f"Officer {username} already exists; its password and authenticator key "
            "were printed when it was created. For new ones: "
            "python manage.py load_demo_data --new-passwords"
        )

    def _new_sign_in(self, user, heading):
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        # A new authenticator key too: the old one may have been shared with the password.
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
        self.stdout.write(
            f"\n{heading}:\n"
            f"  username {user.username}  password {password}\n"
            f"  authenticator key {readable_key(device)}\n"
            f"  (or open this in an authenticator app: {device.config_url})"
        )
