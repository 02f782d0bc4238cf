"""The demo site's help content: the helplines, Wiltshire's strategy documents, information
pages and the Refuge notice.

Only facts from the project's domain brief are used. Hours the brief marks "check" are loaded
as they are, with no "details last checked" date, so the site says they are not yet confirmed;
hours the brief does not give are left unknown. The real documents are not available, so each
is a placeholder PDF that says so on its first page. Running it again changes nothing that is
already there.
"""

import datetime

from django.core.files.base import ContentFile

from reviews.demo import placeholder_document_pdf

from .helpline_numbers import EMERGENCY, LIVE_FEAR_FREE, NATIONAL_HELPLINE
from .models import Helpline, InformationPage, Notice, OpeningHours, StrategyDocument

Audience = Helpline.Audience
Area = Helpline.Area
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def _time(text):
    return datetime.time.fromisoformat(text)


def _every(days, opens, closes):
    return [(day, opens, closes) for day in days]


WEEKDAYS = [MON, TUE, WED, THU, FRI]

HELPLINES = [
    {
        "name": "Emergency services",
        "phone": EMERGENCY.digits,
        "description": "Ask for the police.",
        "open_24_hours": True,
        "free_to_call": True,
        "emergency": True,
        "order": 0,
    },
    {
        "name": "National Domestic Abuse Helpline",
        "organisation": "Refuge",
        "phone": NATIONAL_HELPLINE.digits,
        "description": (
            "Free, confidential advice for anyone experiencing domestic abuse, open every "
            "hour of every day."
        ),
        "open_24_hours": True,
        "free_to_call": True,
        "order": 1,
    },
    {
        "name": "Live Fear Free",
        "phone": LIVE_FEAR_FREE.digits,
        "text_number": "07860 077333",
        "description": "The helpline for people in Wales, day and night.",
        "area": Area.WALES,
        "open_24_hours": True,
        "free_to_call": True,
        "order": 2,
    },
    {
        "name": "Men's Advice Line",
        "phone": "0808 801 0327",
        "description": "For men experiencing domestic abuse.",
        "audience": Audience.MEN,
        "order": 10,
    },
    {
        "name": "Respect Phoneline",
        "phone": "0808 802 4040",
        "description": "For people who are worried about their own behaviour towards a partner.",
        "audience": Audience.OWN_BEHAVIOUR,
        "order": 11,
    },
    {
        "name": "Galop",
        "phone": "0800 999 5428",
        "description": "For LGBT+ people experiencing domestic abuse.",
        "audience": Audience.LGBT,
        "hours": _every([MON, TUE, WED, THU], "10:00", "20:30") + [(FRI, "10:00", "16:30")],
        "order": 12,
    },
    {
        "name": "Karma Nirvana",
        "phone": "0800 5999 247",
        "description": "For anyone affected by honour-based abuse or forced marriage.",
        "audience": Audience.HONOUR_BASED,
        "hours": _every(WEEKDAYS, "09:00", "21:00") + _every([SAT, SUN], "10:00", "16:00"),
        "order": 13,
    },
    {
        "name": "National Stalking Helpline",
        "phone": "0808 802 0300",
        "description": (
            "For people being stalked, and those supporting them. Closed on bank holidays."
        ),
        "audience": Audience.STALKING,
        "hours": _every([MON, TUE, THU, FRI], "09:30", "16:00") + [(WED, "13:00", "16:00")],
        "order": 14,
    },
    {
        "name": "Samaritans",
        "phone": "116 123",
        "description": "For anyone who needs to talk, about anything, at any time.",
        "open_24_hours": True,
        "free_to_call": True,
        "order": 20,
    },
    {
        "name": "Wiltshire out-of-hours helpline",
        "phone": "01225 712880",
        "description": "For people in Wiltshire, in the evenings, overnight and at weekends.",
        "area": Area.LOCAL,
        "partnership": "wiltshire",
        # 5pm to 8am Monday to Friday, and all weekend: Friday 5pm runs on to Monday 8am.
        "hours": _every(WEEKDAYS, "17:00", "08:00") + _every([SAT, SUN], "08:00", "08:00"),
        "order": 30,
    },
]

# Welsh texts of the helplines, written for this site from the English ones above. Names that
# are the services' own (Galop, Samaritans...) stay as they are; Live Fear Free has a Welsh name.
HELPLINES_IN_WELSH = {
    "Emergency services": ("Gwasanaethau brys", "Gofynnwch am yr heddlu."),
    "National Domestic Abuse Helpline": (
        "Llinell Gymorth Genedlaethol Cam-drin Domestig",
        "Cyngor cyfrinachol am ddim i unrhyw un sy'n profi cam-drin domestig, ar agor bob awr "
        "o bob dydd.",
    ),
    "Live Fear Free": ("Byw Heb Ofn", "Y llinell gymorth i bobl yng Nghymru, ddydd a nos."),
    "Men's Advice Line": ("", "I ddynion sy'n profi cam-drin domestig."),
    "Respect Phoneline": (
        "",
        "I bobl sy'n poeni am eu hymddygiad eu hunain tuag at bartner.",
    ),
    "Galop": ("", "I bobl LHDT+ sy'n profi cam-drin domestig."),
    "Karma Nirvana": (
        "",
        "I unrhyw un y mae cam-drin ar sail anrhydedd neu briodas dan orfod yn effeithio arnynt.",
    ),
    "National Stalking Helpline": (
        "Llinell Gymorth Genedlaethol Stelcian",
        "I bobl sy'n cael eu stelcian, a'r rhai sy'n eu cefnogi. Ar gau ar wyliau banc.",
    ),
    "Samaritans": ("", "I unrhyw un sydd angen siarad, am unrhyw beth, ar unrhyw adeg."),
    "Wiltshire out-of-hours helpline": (
        "Llinell gymorth y tu allan i oriau Wiltshire",
        "I bobl yn Wiltshire, gyda'r nos, dros nos ac ar benwythnosau.",
    ),
}

# 0800 and 0808 numbers are free to call from UK landlines and mobiles.
FREE_PREFIXES = ("0800", "0808")

STRATEGY_DOCUMENTS = [
    {
        "slug": "wiltshire-domestic-abuse-strategy-draft-2021",
        "title": "Wiltshire Domestic Abuse Strategy",
        "kind": StrategyDocument.Kind.STRATEGY,
        "status": StrategyDocument.Status.DRAFT,
        "published_on": datetime.date(2021, 10, 1),
        "summary": (
            "A draft strategy from the Wiltshire Domestic Abuse Partnership Board, written "
            "after the Domestic Abuse Act 2021. The board brings together Wiltshire Council, "
            "Wiltshire Police, the Office of the Police and Crime Commissioner, the Clinical "
            "Commissioning Group, the National Probation Service and the community and "
            "voluntary sector."
        ),
    },
    {
        "slug": "wiltshire-safe-accommodation-strategy-draft-2021",
        "title": (
            "Wiltshire's Strategy for the Provision of Domestic Abuse Support in Safe Accommodation"
        ),
        "kind": StrategyDocument.Kind.SAFE_ACCOMMODATION,
        "status": StrategyDocument.Status.DRAFT,
        "published_on": datetime.date(2021, 10, 1),
        "summary": (
            "A draft strategy from the Wiltshire Domestic Abuse Partnership Board on support "
            "for people in safe accommodation, written after the Domestic Abuse Act 2021."
        ),
    },
    {
        "slug": "wiltshire-domestic-abuse-health-needs-assessment-2017",
        "title": "Wiltshire Domestic Abuse Health Needs Assessment",
        "kind": StrategyDocument.Kind.NEEDS_ASSESSMENT,
        "status": StrategyDocument.Status.FINAL,
        "published_on": datetime.date(2017, 6, 1),
        "summary": (
            "Commissioned by the Community Safety Partnership to understand how common "
            "domestic abuse is in Wiltshire, to map the services and the demand for them, "
            "and to find gaps and inequalities."
        ),
    },
    {
        "slug": "wiltshire-domestic-abuse-and-sexual-violence-strategy-2017-2020",
        "title": "Wiltshire Domestic Abuse and Sexual Violence Strategy 2017-2020",
        "kind": StrategyDocument.Kind.STRATEGY,
        "status": StrategyDocument.Status.FINAL,
        "period": "2017-2020",
        "published_on": None,
        "summary": "Wiltshire's strategy on domestic abuse and sexual violence for 2017 to 2020.",
    },
]

INFORMATION_PAGES = [
    {
        "slug": "domestic-abuse",
        "title": "What domestic abuse is",
        "title_cy": "Beth yw cam-drin domestig",
        "summary_cy": (
            "Mae cam-drin domestig yn llawer mwy na thrais corfforol. Dyma'r ffurfiau y mae'n "
            "eu cymryd, a ble i droi."
        ),
        "order": 1,
        "summary": (
            "Domestic abuse is much more than physical violence. Here are the forms it takes, "
            "and where to turn."
        ),
        "body": """\
Domestic abuse is behaviour by a partner, a former partner or a relative that hurts, frightens
or controls you. It can happen to anyone: of any age, gender or sexuality, in any kind of
family, whatever their background or income. In England and Wales the Domestic Abuse Act 2021
sets out what the law counts as domestic abuse between people aged 16 or over.

## The forms it takes

- **Physical or sexual violence**, or threats of it. Being strangled or choked, even once and
  even without a mark, is a serious warning sign.
- **Coercive control**: a pattern of acts that cut you off from friends and family, watch what
  you do, set rules for you and punish you for breaking them.
- **Economic abuse**: taking or controlling your money, running up debts in your name, or
  stopping you from working or studying.
- **Emotional and psychological abuse**: constant criticism, humiliation, threats, or making
  you doubt what you remember.
- **Stalking and harassment**, in person, by phone or online.
- **Honour-based abuse and forced marriage**, often carried out by several family members.

It often gets worse over time, and the time around a separation can be the most dangerous.

## It is not your fault

Nothing you do or say makes abuse your fault. You do not have to be sure that what is happening
is abuse before you talk to someone about it.

## Children

Children who see, hear or live with domestic abuse are harmed by it too. The 2021 Act treats
them as victims in their own right.

## Where to turn

If you are in danger now, call 999. Otherwise, [find a helpline](/help/): several are free and
open day and night. If someone may check your phone or computer, read
[how to stay safe online](/safety/) first.
""",
    },
    {
        "slug": "worried-about-someone",
        "title": "If you are worried about someone",
        "title_cy": "Os ydych chi'n poeni am rywun",
        "summary_cy": (
            "Sut i gefnogi ffrind, perthynas neu gydweithiwr rydych chi'n meddwl sy'n cael ei "
            "gam-drin."
        ),
        "order": 2,
        "summary": "How to support a friend, relative or colleague you think is being abused.",
        "body": """\
You may have noticed changes: someone who has stopped seeing friends, who seems anxious about
a partner's reactions, or who has injuries they do not explain. You do not need to be certain
before you offer support.

## What helps

- Find a time to talk when they are alone and it is safe.
- Listen, and believe what they tell you. Let them go at their own pace.
- Tell them it is not their fault and that help is available.
- Respect their decisions, even when you would choose differently. Leaving can be dangerous,
  and they know their situation best.
- Keep in touch. Being someone they can come back to matters.

## What to avoid

- Confronting the person causing harm. It can put them, and you, at greater risk.
- Sending helpline numbers or links to a phone or email account that someone else may read.

## Getting advice yourself

Helplines also talk to people who are worried about someone else. [Find a helpline](/help/).
If anyone is in immediate danger, call 999.
""",
    },
    {
        "slug": "worried-about-your-behaviour",
        "title": "If you are worried about your own behaviour",
        "title_cy": "Os ydych chi'n poeni am eich ymddygiad eich hun",
        "summary_cy": (
            "Help i bobl sydd am roi'r gorau i frifo neu godi ofn ar bartner neu berthynas."
        ),
        "order": 3,
        "summary": "Help for people who want to stop hurting or frightening a partner or relative.",
        "body": """\
If you have hurt, threatened or frightened a partner or someone in your family, or you worry
that you might, you can change, and help is there for you as well.

## Talking to someone

The Respect Phoneline is for people who are worried about their own behaviour. You can call
without giving your name. [See its number and details](/help/?who=own-behaviour#helplines).

## If someone is in danger

If you think you might hurt someone now, move away from them and call 999.
""",
    },
    {
        "slug": "wiltshire-local-help",
        "title": "Domestic abuse help in Wiltshire",
        "title_cy": "Help gyda cham-drin domestig yn Wiltshire",
        "summary_cy": (
            "Gwasanaethau lleol i bobl yn Wiltshire, ochr yn ochr â'r llinellau cymorth "
            "cenedlaethol."
        ),
        "partnership": "wiltshire",
        "order": 10,
        "summary": "Local services for people in Wiltshire, alongside the national helplines.",
        "body": """\
Wiltshire has an out-of-hours helpline, on 01225 712880. It answers from 5pm to 8am on weekdays
and all day and night at weekends.

Wiltshire Council has its own pages about domestic abuse, and the partnership also points
people to Speak out Wiltshire.

At any time, you can call the National Domestic Abuse Helpline, and in an emergency call 999.
[See every helpline for Wiltshire](/help/?where=wiltshire#helplines).
""",
    },
]

NOTICE = {
    "title": "“Surfaces”: a short film from Refuge",
    "partnership": "wiltshire",
    "body": (
        "Refuge has released a short film, “Surfaces”, starring Maxine Peake. It tells of "
        "women who got in touch with Refuge's services during lockdown.\n\n"
        "The film is also a reminder that the National Domestic Abuse Helpline, which Refuge "
        "runs, is open 24 hours a day, 7 days a week: 0808 2000 247."
    ),
}


def _load_helplines(partnerships):
    added = 0
    for data in HELPLINES:
        data = dict(data)
        hours = data.pop("hours", [])
        if data.get("partnership"):
            data["partnership"] = partnerships[data["partnership"]]
        data.setdefault("free_to_call", data["phone"].startswith(FREE_PREFIXES))
        if Helpline.objects.filter(name=data["name"]).exists():
            continue
        helpline = Helpline(**data)
        helpline.full_clean()
        helpline.save()
        for weekday, opens, closes in hours:
            OpeningHours.objects.create(
                helpline=helpline, weekday=weekday, opens=_time(opens), closes=_time(closes)
            )
        added += 1
    # Welsh texts fill only fields that are still empty, so an officer's own text is kept.
    for name, (name_cy, description_cy) in HELPLINES_IN_WELSH.items():
        Helpline.objects.filter(name=name, name_cy="").update(name_cy=name_cy)
        Helpline.objects.filter(name=name, description_cy="").update(description_cy=description_cy)
    return added


def _load_strategy_documents(partnership):
    added = 0
    for data in STRATEGY_DOCUMENTS:
        if StrategyDocument.objects.filter(slug=data["slug"]).exists():
            continue
        document = StrategyDocument(partnership=partnership, is_published=True, **data)
        document.file = ContentFile(
            placeholder_document_pdf(document.title, partnership.name, document.get_kind_display()),
            name="placeholder.pdf",
        )
        document.full_clean()
        document.save()
        added += 1
    return added


def _load_pages_and_notices(partnerships):
    for data in INFORMATION_PAGES:
        fields = {key: value for key, value in data.items() if key != "slug"}
        if fields.get("partnership"):
            fields["partnership"] = partnerships[fields["partnership"]]
        InformationPage.objects.get_or_create(
            slug=data["slug"], defaults={**fields, "is_published": True}
        )
    Notice.objects.get_or_create(
        title=NOTICE["title"],
        defaults={
            "body": NOTICE["body"],
            "partnership": partnerships[NOTICE["partnership"]],
            "is_published": True,
        },
    )


def load_support_demo_data(partnerships):
    """Add the demo help content. `partnerships` maps slugs to the demo Partnership objects.

    Returns a one-line summary for the command's output.
    """
    new_helplines = _load_helplines(partnerships)
    new_documents = _load_strategy_documents(partnerships["wiltshire"])
    _load_pages_and_notices(partnerships)
    return (
        f"Help content: {Helpline.objects.count()} helplines ({new_helplines} new), "
        f"{StrategyDocument.objects.count()} strategy documents ({new_documents} new "
        f"placeholder documents), information pages: {InformationPage.objects.count()}, "
        f"notices: {Notice.objects.count()}."
    )
