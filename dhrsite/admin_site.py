"""The officers' admin site: a password, then a second factor, before any admin page.

We use django-otp on its own rather than django-two-factor-auth: one small page, in the admin's
own look, both sets up an authenticator app on first sign-in and asks for its code on every
later one. That keeps sign-in to two plain forms with no multi-step wizard state in the session,
no extra templates to restyle and no script, and it is all the site needs (TOTP only, no SMS).
"""

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def device_being_set_up(user):
    """The user's unconfirmed device: the same secret is shown until they confirm it."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def readable_key(device):
    """The secret as an authenticator app asks for it when typed in: base32 in groups of four."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, user, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.device = user, device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Enter the 6 digits your authenticator app shows."))
        allowed, details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes in a row. Wait a minute, then enter the newest code.")
            )
        if verify_token(self.user, self.device.persistent_id, code) is None:
            raise forms.ValidationError(
                _(
                    "That code is not right. Codes change every 30 seconds: enter the one your "
                    "app shows now, and check that your device's clock is correct."
                )
            )
        return code


class OfficersAdminSite(admin.AdminSite):
    site_header = _("Domestic Homicide Reviews: officers' admin")
    site_title = _("DHR officers' admin")
    index_title = _("Publish and manage your partnership's reviews")

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and user.is_verified()

    def get_urls(self):
        return [
            path("second-factor/", self.second_factor, name="second_factor"),
            path("second-factor/qr.svg", self.second_factor_qr, name="second_factor_qr"),
            *super().get_urls(),
        ]

    @staticmethod
    def _password_only(request):
        user = request.user
        return user.is_authenticated and user.is_active and user.is_staff and not user.is_verified()

    def _next_url(self, request):
        url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
        if url and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return url
        return reverse("admin:index", current_app=self.name)

    @method_decorator(never_cache)
    def login(self, request, extra_context=None):
        # Signed in with a password but not yet with the second factor: ask for it.
        if self._password_only(request):
            return HttpResponseRedirect(self._second_factor_url(request))
        return super().login(request, extra_context)

    def _second_factor_url(self, request):
        url = reverse("admin:second_factor", current_app=self.name)
        next_url = request.GET.get(REDIRECT_FIELD_NAME)
        if next_url:
            url += "?" + urlencode({REDIRECT_FIELD_NAME: next_url})
        return url

    @method_decorator(never_cache)
    def second_factor(self, request):
        """Set up an authenticator app (first sign-in) or enter its code (every sign-in)."""
        if not request.user.is_authenticated or not (
            request.user.is_active and request.user.is_staff
        ):
            return HttpResponseRedirect(reverse("admin:login", current_app=self.name))
        if request.user.is_verified():
            return HttpResponseRedirect(self._next_url(request))
        device = confirmed_device(request.user)
        setting_up = device is None
        if setting_up:
            device = device_being_set_up(request.user)
        form = SecondFactorForm(
            request.POST if request.method == "POST" else None, user=request.user, device=device
        )
        if form.is_valid():
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            # A new session key for the fully signed-in session: one seen before the second
            # step (on a shared computer, say) is worth nothing after it.
            request.session.cycle_key()
            return HttpResponseRedirect(self._next_url(request))
        context = {
            **self.each_context(request),
            "title": _("Set up your second sign-in step")
            if setting_up
            else _("Enter your sign-in code"),
            "form": form,
            "setting_up": setting_up,
            "next": self._next_url(request),
            "redirect_field_name": REDIRECT_FIELD_NAME,
        }
        if setting_up:
            context["key"] = readable_key(device)
            context["config_url"] = device.config_url
        return render(request, "admin/second_factor.html", context)

    @method_decorator(never_cache)
    def second_factor_qr(self, request):
        """The QR code of a device being set up, as SVG; nothing once the device is confirmed."""
        if not self._password_only(request) or confirmed_device(request.user):
            raise Http404
        device = device_being_set_up(request.user)
        image = qrcode.make(
            device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8
        )
        response = HttpResponse(image.to_string(), content_type="image/svg+xml")
        response["X-Content-Type-Options"] = "nosniff"
        return response


def locked_out(request, original_response=None, credentials=None):
    """Axes' answer once a username has failed too often from one address: 429 and our page."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "title": _("Signing in is paused"),
        "site_header": OfficersAdminSite.site_header,
        "site_title": OfficersAdminSite.site_title,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "wait": ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes},
    }
    return render(request, "admin/locked_out.html", context, status=429)


class AdminReferrerPolicyMiddleware:
    """Admin pages send their origin on same-site requests.

    Public pages may use "no-referrer", but with it browsers send `Origin: null` on form posts,
    which Django's CSRF check rightly refuses: the admin could then not be signed in to. The
    admin keeps "same-origin", which still tells other sites nothing. Sits below
    SecurityMiddleware, which only sets the header when a response has none.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/" + settings.DHR_ADMIN_PATH

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix):
            response.headers.setdefault("Referrer-Policy", "same-origin")
        return response
