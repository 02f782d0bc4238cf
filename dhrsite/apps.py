"""The project's own app configuration: the admin site that asks for a second factor."""

from django.contrib.admin.apps import AdminConfig


class OfficersAdminConfig(AdminConfig):
    default_site = "dhrsite.admin_site.OfficersAdminSite"
