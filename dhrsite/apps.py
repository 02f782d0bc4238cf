"""The project's own app configuration: the admin site that asks for a second factor."""

from django.contrib.admin.apps import AdminConfig


class OfficersAdminConfig(AdminConfig):
    default_site = "dhrsite.admin_site.OfficersAdminSite"

    def ready(self):
        super().ready()
        # Any change to what public pages show clears the page cache, from any process
        # (the admin, a management command, a shell).
        from .caching import connect_signals

        connect_signals()
