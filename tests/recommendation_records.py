"""Builders for the learning register's tests: agencies, recommendations and their updates."""

from django.contrib.auth import get_user_model

from reviews.models import Agency, Recommendation, Sector
from reviews.recommendations.updates import record_update


def agency(name, slug, sector=Sector.POLICE, partnership=None, **fields):
    scope = Agency.Scope.LOCAL if partnership else Agency.Scope.NATIONAL
    return Agency.objects.create(
        name=name, slug=slug, sector=sector, scope=scope, partnership=partnership, **fields
    )


def recommendation(review, number, text, agencies=(), themes=(), **fields):
    made = Recommendation.objects.create(
        review=review, number=number, text=text, position=int(fields.pop("position", 0)), **fields
    )
    made.agencies.set(agencies)
    made.themes.set(themes)
    return made


def recorder():
    user, _created = get_user_model().objects.get_or_create(
        username="recorder", defaults={"is_staff": True}
    )
    return user


def update(recommendation, status, **fields):
    return record_update(recommendation, status=status, recorded_by=recorder(), **fields)
