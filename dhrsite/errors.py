"""Pages for when the site itself fails: rendered without the database or the request."""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def _plain_error(heading, message):
    return render_to_string("plain_error.html", {"heading": heading, "message": message})


def server_error(request):
    """handler500: the site's design, but nothing that could fail again."""
    return HttpResponseServerError(
        _plain_error(_("Sorry, there is a problem with the service"), _("Try again later."))
    )


def service_unavailable(message=None):
    response = HttpResponse(
        _plain_error(
            _("Sorry, the service is unavailable"),
            message
            or _("The site cannot reach its records at the moment. Try again in a few minutes."),
        ),
        status=503,
    )
    response["Retry-After"] = "30"
    return response


class ServiceUnavailableMiddleware:
    """A database or document storage that cannot be reached is an outage, not a bug: a plain
    503, no stack trace. (Pages themselves need no storage, so they still render.)

    An app tells of an outage of its own by raising an exception that carries
    `outage_message`, the sentence the reader is shown (reviews.documents.StorageUnavailable).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            return service_unavailable()
        message = getattr(exception, "outage_message", None)
        if message is not None:
            return service_unavailable(str(message))
        return None
