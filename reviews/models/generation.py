"""Where the generation of public pages is kept when there is no shared cache."""

from django.db import models


class PageGeneration(models.Model):
    """One row: the generation (reviews/changes.py) when the site runs without Redis.

    Every worker of every instance reads it before it answers from its cache, so a change
    committed through one worker is seen by all of them at their next request."""

    token = models.CharField(max_length=32)

    class Meta:
        # Internal: no admin page, no archive, and saving it is not itself a change.
        default_permissions = ()

    def __str__(self):
        return self.token
