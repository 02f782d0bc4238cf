"""The project's own app configurations: the admin site that asks for a second factor, and the
project package itself, for the management commands that sit above both apps."""

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class OfficersAdminConfig(AdminConfig):
    default_site = "dhrsite.admin_site.OfficersAdminSite"


class SiteConfig(AppConfig):
    name = "dhrsite"
    verbose_name = "dhrsite"
