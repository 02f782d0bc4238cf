"""The site's two languages: the address of a page in each, and content text in the page's
language with a visible fallback to English.

The language of a public page comes from its address alone (/cy/... is Welsh, anything else
English; see dhrsite/urls.py), so switching language is a matter of adding or removing the
/cy prefix: no cookie, no session, no redirect.
"""

from dataclasses import dataclass

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import cc_delim_re
from django.utils.http import escape_leading_slashes
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

WELSH = "cy"
ENGLISH = "en"


def page_language():
    """ "cy" on a Welsh page, "en" on every other."""
    return WELSH if (get_language() or "").startswith(WELSH) else ENGLISH


def path_in_language(path, language):
    """The same page's path in `language`: /reviews/?q=x <-> /cy/reviews/?q=x."""
    prefix = f"/{WELSH}"
    if path == prefix or path.startswith(prefix + "/") or path.startswith(prefix + "?"):
        path = path[len(prefix) :] or "/"
        if not path.startswith("/"):
            path = "/" + path
    if language == WELSH:
        return prefix + path
    # /cy//example.org/ must not become //example.org/, which a browser takes as that host.
    return escape_leading_slashes(path)


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str  # in its own language: "English", "Cymraeg"
    url: str
    current: bool


def language_versions(request):
    """This page in each of the site's languages, in the order of settings.LANGUAGES."""
    current = page_language()
    path = request.get_full_path()
    return [
        LanguageVersion(
            code=code,
            name=get_language_info(code)["name_local"],
            url=path_in_language(path, code),
            current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


@dataclass(frozen=True)
class Text:
    """A piece of content text and the language it is really in."""

    value: str
    lang: str
    is_fallback: bool  # Welsh was wanted but only English exists yet

    def __str__(self):
        return self.value


# The help text under every Welsh twin of a field in the admin.
WELSH_HELP = _(
    "Shown on Welsh pages. Leave blank until there is a Welsh text: meanwhile the English "
    "one is shown, with a note that it is not yet available in Welsh."
)


class BilingualMixin:
    """For models with Welsh twins of their reader-facing fields: `summary` and `summary_cy`.

    `in_page_language("summary")` gives the Welsh text on a Welsh page when there is one, and
    otherwise the English text, marked as a fallback so the page can say so.
    """

    def in_page_language(self, field):
        english = getattr(self, field) or ""
        if page_language() == WELSH:
            welsh = (getattr(self, f"{field}_{WELSH}", "") or "").strip()
            if welsh:
                return Text(welsh, WELSH, False)
            return Text(english, ENGLISH, bool(english))
        return Text(english, ENGLISH, False)


class AddressLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without its `Vary: Accept-Language` on English pages.

    Django adds the header to any page whose address has no language prefix, in case the
    language came from the browser's settings. Here it never does (an unprefixed address is
    English, whatever the browser asks), and the header would split every shared cache's copy
    of a page by browser language for nothing."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                value
                for value in cc_delim_re.split(response["Vary"])
                if value and value.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
