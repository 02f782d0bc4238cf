"""The demo's controlled vocabulary of themes, in the groups of the Home Office library's filters.

Each theme has a group, a description in English and Welsh (written for this site) and the
words, phrases, synonyms and abbreviations a report uses for it, one search term each. Terms are
specific on purpose: a word such as "police" is in almost every report, so a phrase stands for
it. Slugs are `slugify(name)`, as the demo has always made them, so existing addresses stay.

`load_vocabulary()` adds what is missing and fills only what is still blank (or still the
default group), so that a site administrator's own wording is never overwritten.
"""

from typing import NamedTuple

from django.utils.text import slugify

from .models import Theme, ThemeGroup

G = ThemeGroup


class Entry(NamedTuple):
    name: str
    name_cy: str
    group: str
    description: str
    description_cy: str
    terms: tuple


VOCABULARY = [
    # The victim
    Entry(
        "Older victims",
        "Dioddefwyr hŷn",
        G.VICTIM,
        "Reviews of the deaths of people aged 65 or over, often abused by a partner of many "
        "years or by an adult son or daughter.",
        "Adolygiadau o farwolaethau pobl 65 oed neu'n hŷn, sy'n aml yn cael eu cam-drin gan "
        "bartner ers blynyddoedd lawer neu gan fab neu ferch sy'n oedolyn.",
        ("older victim", "older person", "elderly", "older people", "pensioner"),
    ),
    Entry(
        "Disability",
        "Anabledd",
        G.VICTIM,
        "Victims who were disabled or had a long-term illness, and abuse by someone who also "
        "cared for them.",
        "Dioddefwyr a oedd yn anabl neu â salwch hirdymor, a cham-drin gan rywun a oedd hefyd "
        "yn gofalu amdanynt.",
        ("disability", "disabled", "learning disability", "physical disability", "cared for by"),
    ),
    Entry(
        "Pregnancy",
        "Beichiogrwydd",
        G.VICTIM,
        "Abuse during pregnancy or soon after a birth, and what maternity services knew.",
        "Cam-drin yn ystod beichiogrwydd neu'n fuan ar ôl genedigaeth, a'r hyn yr oedd "
        "gwasanaethau mamolaeth yn ei wybod.",
        ("pregnant", "pregnancy", "antenatal", "midwife", "maternity", "postnatal"),
    ),
    Entry(
        "Mental health",
        "Iechyd meddwl",
        G.VICTIM,
        "The victim's mental health: depression, anxiety, self-harm or thoughts of suicide, "
        "and how abuse affected them.",
        "Iechyd meddwl y dioddefwr: iselder, gorbryder, hunan-niweidio neu feddyliau am "
        "hunanladdiad, a sut yr effeithiodd y cam-drin arnynt.",
        ("mental health", "depression", "anxiety", "self-harm", "suicidal", "overdose"),
    ),
    Entry(
        "Alcohol",
        "Alcohol",
        G.VICTIM,
        "Alcohol use that the review found played a part, by the victim or in the household.",
        "Defnyddio alcohol y canfu'r adolygiad ei fod yn rhan o'r hanes, gan y dioddefwr neu "
        "ar yr aelwyd.",
        ("alcohol", "drinking", "drunk", "alcohol dependency", "alcoholic"),
    ),
    Entry(
        "Drug use",
        "Defnyddio cyffuriau",
        G.VICTIM,
        "Use of illegal drugs or misuse of prescribed medicines that the review found played a "
        "part.",
        "Defnyddio cyffuriau anghyfreithlon neu gamddefnyddio meddyginiaethau presgripsiwn y "
        "canfu'r adolygiad eu bod yn rhan o'r hanes.",
        ("drug use", "substance misuse", "heroin", "cocaine", "cannabis", "illicit drugs"),
    ),
    Entry(
        "Male victims",
        "Dioddefwyr gwrywaidd",
        G.VICTIM,
        "Men killed by a partner, former partner or relative, and whether services recognised "
        "them as victims.",
        "Dynion a laddwyd gan bartner, cyn-bartner neu berthynas, ac a oedd gwasanaethau'n eu "
        "cydnabod fel dioddefwyr.",
        ("male victim", "men as victims", "abused men", "Men's Advice Line"),
    ),
    Entry(
        "LGBT+ victims",
        "Dioddefwyr LHDT+",
        G.VICTIM,
        "Lesbian, gay, bisexual and trans victims, and abuse in same-sex relationships.",
        "Dioddefwyr lesbiaidd, hoyw, deurywiol a thraws, a cham-drin mewn perthnasoedd "
        "rhwng pobl o'r un rhyw.",
        ("LGBT", "LGBTQ", "same-sex relationship", "gay", "lesbian", "transgender"),
    ),
    Entry(
        "Immigration status",
        "Statws mewnfudo",
        G.VICTIM,
        "Victims whose right to stay in the country, or lack of access to public funds, made "
        "it harder to leave or to seek help.",
        "Dioddefwyr yr oedd eu hawl i aros yn y wlad, neu ddiffyg mynediad at arian cyhoeddus, "
        "yn ei gwneud yn anos gadael neu ofyn am help.",
        ("immigration status", "no recourse to public funds", "NRPF", "visa", "asylum"),
    ),
    # The perpetrator
    Entry(
        "Previous domestic abuse by the perpetrator",
        "Cam-drin domestig blaenorol gan y cyflawnwr",
        G.PERPETRATOR,
        "A perpetrator known to have abused this victim or an earlier partner before.",
        "Cyflawnwr y gwyddys iddo gam-drin y dioddefwr hwn neu bartner blaenorol o'r blaen.",
        ("previous partner", "history of domestic abuse", "serial perpetrator", "Clare's Law"),
    ),
    Entry(
        "Criminal record of the perpetrator",
        "Cofnod troseddol y cyflawnwr",
        G.PERPETRATOR,
        "Convictions, cautions or earlier violence of the perpetrator, and what agencies knew "
        "of them.",
        "Euogfarnau, rhybuddion neu drais blaenorol y cyflawnwr, a'r hyn yr oedd "
        "asiantaethau'n ei wybod amdanynt.",
        ("criminal record", "previous convictions", "convicted of", "caution for", "prison"),
    ),
    Entry(
        "Mental health of the perpetrator",
        "Iechyd meddwl y cyflawnwr",
        G.PERPETRATOR,
        "The perpetrator's mental health, any diagnosis or treatment, and how services "
        "weighed it against the risk to others.",
        "Iechyd meddwl y cyflawnwr, unrhyw ddiagnosis neu driniaeth, a sut y pwysodd "
        "gwasanaethau hynny yn erbyn y risg i eraill.",
        ("psychosis", "schizophrenia", "paranoid", "personality disorder", "sectioned"),
    ),
    Entry(
        "Substance use by the perpetrator",
        "Defnyddio sylweddau gan y cyflawnwr",
        G.PERPETRATOR,
        "The perpetrator's use of alcohol or drugs, and whether treatment services knew of the "
        "abuse.",
        "Defnydd y cyflawnwr o alcohol neu gyffuriau, ac a oedd gwasanaethau triniaeth yn "
        "gwybod am y cam-drin.",
        ("substance misuse service", "drug and alcohol service", "under the influence"),
    ),
    # Children
    Entry(
        "Children in the household",
        "Plant ar yr aelwyd",
        G.CHILDREN,
        "Children who lived with the victim or the perpetrator, what they saw and heard, and "
        "who looked out for them.",
        "Plant a oedd yn byw gyda'r dioddefwr neu'r cyflawnwr, yr hyn a welsant ac a "
        "glywsant, a phwy a ofalodd amdanynt.",
        ("children in the household", "children present", "witnessed by the children"),
    ),
    Entry(
        "Child contact arrangements",
        "Trefniadau cyswllt plant",
        G.CHILDREN,
        "Contact between children and a parent after separation, including handovers and "
        "family court orders.",
        "Cyswllt rhwng plant a rhiant ar ôl gwahanu, gan gynnwys trosglwyddo'r plant a "
        "gorchmynion y llys teulu.",
        ("child contact", "contact arrangements", "handover", "family court", "Cafcass"),
    ),
    Entry(
        "Young people experiencing abuse",
        "Pobl ifanc sy'n profi cam-drin",
        G.CHILDREN,
        "Victims aged 16 to 19 abused in their own relationships, and the move from children's "
        "to adult services.",
        "Dioddefwyr rhwng 16 a 19 oed a gafodd eu cam-drin yn eu perthnasoedd eu hunain, a'r "
        "newid o wasanaethau plant i wasanaethau oedolion.",
        ("teenage relationship abuse", "young person", "transition to adult services"),
    ),
    # Aggravating factors
    Entry(
        "Coercive control",
        "Rheolaeth drwy orfodaeth",
        G.AGGRAVATING,
        "A pattern of controlling, isolating and threatening behaviour that takes away a "
        "person's freedom, including when a professional is the one being controlled.",
        "Patrwm o ymddygiad sy'n rheoli, ynysu a bygwth ac sy'n dwyn rhyddid person, gan "
        "gynnwys pan mai gweithiwr proffesiynol yw'r un sy'n cael ei reoli.",
        ("coercive control", "controlling or coercive behaviour", "controlling behaviour"),
    ),
    Entry(
        "Economic abuse",
        "Cam-drin economaidd",
        G.AGGRAVATING,
        "Control of a person's money, work, housing or belongings, including running up debt "
        "in their name.",
        "Rheoli arian, gwaith, tai neu eiddo person, gan gynnwys creu dyled yn eu henw.",
        ("economic abuse", "financial abuse", "financial control", "debt in her name"),
    ),
    Entry(
        "Stalking",
        "Stelcian",
        G.AGGRAVATING,
        "Fixated, repeated following, watching or contacting of a person, in person or online.",
        "Dilyn, gwylio neu gysylltu â pherson dro ar ôl tro mewn modd obsesiynol, wyneb yn "
        "wyneb neu ar-lein.",
        ("stalking", "stalked", "harassment", "followed her", "tracking device"),
    ),
    Entry(
        "Separation",
        "Gwahanu",
        G.AGGRAVATING,
        "The victim leaving or trying to leave the relationship, a time of raised risk.",
        "Y dioddefwr yn gadael neu'n ceisio gadael y berthynas, cyfnod o risg uwch.",
        ("separation", "separated", "ended the relationship", "leaving the relationship"),
    ),
    Entry(
        "Non-fatal strangulation",
        "Tagu nad yw'n angheuol",
        G.AGGRAVATING,
        "Strangling or suffocating a person without killing them: a strong sign that they are "
        "in danger.",
        "Tagu neu fygu person heb eu lladd: arwydd cryf eu bod mewn perygl.",
        (
            "non-fatal strangulation",
            "strangulation",
            "strangled",
            "choked",
            "choking",
            "NFS",
            "hands around her neck",
            "suffocation",
        ),
    ),
    Entry(
        "Honour-based abuse and forced marriage",
        "Cam-drin ar sail anrhydedd a phriodas dan orfod",
        G.AGGRAVATING,
        "Abuse to protect a family's or community's idea of honour, and marriage without free "
        "consent.",
        "Cam-drin i amddiffyn syniad teulu neu gymuned o anrhydedd, a phriodas heb gydsyniad "
        "rhydd.",
        ("honour-based abuse", "honour-based violence", "HBV", "forced marriage"),
    ),
    Entry(
        "Threats to kill",
        "Bygythiadau i ladd",
        G.AGGRAVATING,
        "Threats to kill the victim or someone close to them, and how agencies acted on them.",
        "Bygythiadau i ladd y dioddefwr neu rywun sy'n agos atynt, a sut y gweithredodd "
        "asiantaethau arnynt.",
        ("threats to kill", "threatened to kill", "threat to kill", "would kill her"),
    ),
    Entry(
        "Weapons",
        "Arfau",
        G.AGGRAVATING,
        "Knives, firearms or other weapons used, carried or threatened.",
        "Cyllyll, drylliau neu arfau eraill a ddefnyddiwyd, a gariwyd neu y bygythiwyd â hwy.",
        ("knife", "firearm", "shotgun", "weapon", "stabbed", "firearms licence"),
    ),
    # Contact with agencies
    Entry(
        "Police contact",
        "Cyswllt â'r heddlu",
        G.AGENCY_CONTACT,
        "Calls to the police, their attendance and arrests, and what they recorded.",
        "Galwadau i'r heddlu, eu presenoldeb a'u harestiadau, a'r hyn a gofnodwyd ganddynt.",
        ("call to the police", "police attended", "officers attended", "arrested", "999 call"),
    ),
    Entry(
        "GP and health services",
        "Meddyg teulu a gwasanaethau iechyd",
        G.AGENCY_CONTACT,
        "Visits to a GP, hospital or emergency department, and whether staff asked about abuse.",
        "Ymweliadau â meddyg teulu, ysbyty neu adran achosion brys, ac a ofynnodd y staff am "
        "gam-drin.",
        ("GP surgery", "general practitioner", "emergency department", "A&E", "hospital admission"),
    ),
    Entry(
        "Mental health services",
        "Gwasanaethau iechyd meddwl",
        G.AGENCY_CONTACT,
        "Contact with community or in-patient mental health services, crisis teams and "
        "assessments.",
        "Cyswllt â gwasanaethau iechyd meddwl yn y gymuned neu i gleifion mewnol, timau argyfwng "
        "ac asesiadau.",
        ("community mental health team", "CMHT", "crisis team", "Mental Health Act"),
    ),
    Entry(
        "Housing",
        "Tai",
        G.AGENCY_CONTACT,
        "Housing providers, homelessness services and refuges, and moves made to escape abuse.",
        "Darparwyr tai, gwasanaethau digartrefedd a llochesau, a symud cartref i ddianc rhag "
        "cam-drin.",
        ("housing officer", "housing association", "homelessness", "refuge", "tenancy"),
    ),
    Entry(
        "Adult social care",
        "Gofal cymdeithasol i oedolion",
        G.AGENCY_CONTACT,
        "Care assessments, carers' support and adult safeguarding enquiries.",
        "Asesiadau gofal, cymorth i ofalwyr ac ymholiadau diogelu oedolion.",
        ("adult social care", "adult safeguarding", "section 42", "care act", "care package"),
    ),
    Entry(
        "Children's social care",
        "Gofal cymdeithasol i blant",
        G.AGENCY_CONTACT,
        "Referrals to children's services, child protection plans and social workers' visits.",
        "Atgyfeiriadau at wasanaethau plant, cynlluniau amddiffyn plant ac ymweliadau "
        "gweithwyr cymdeithasol.",
        ("children's social care", "children's services", "child protection", "child in need"),
    ),
    Entry(
        "Probation",
        "Gwasanaeth prawf",
        G.AGENCY_CONTACT,
        "A perpetrator's supervision on licence or under a court order, and the probation "
        "service's assessments.",
        "Goruchwyliaeth cyflawnwr ar drwydded neu dan orchymyn llys, ac asesiadau'r "
        "gwasanaeth prawf.",
        ("probation", "on licence", "offender manager", "MAPPA", "community order"),
    ),
    Entry(
        "Specialist domestic abuse services",
        "Gwasanaethau cam-drin domestig arbenigol",
        G.AGENCY_CONTACT,
        "Independent domestic violence advisers (IDVAs), outreach workers, helplines and "
        "refuges run by specialist services.",
        "Cynghorwyr trais domestig annibynnol (IDVA), gweithwyr allgymorth, llinellau cymorth a "
        "llochesau a redir gan wasanaethau arbenigol.",
        ("IDVA", "independent domestic violence adviser", "outreach worker", "specialist service"),
    ),
    Entry(
        "Information sharing between agencies",
        "Rhannu gwybodaeth rhwng asiantaethau",
        G.AGENCY_CONTACT,
        "What agencies knew and did not pass on, and the rules and systems for sharing it.",
        "Yr hyn yr oedd asiantaethau'n ei wybod ond heb ei drosglwyddo, a'r rheolau a'r "
        "systemau ar gyfer ei rannu.",
        ("information sharing", "shared information", "not shared", "data protection"),
    ),
    Entry(
        "Risk assessment (DASH and MARAC)",
        "Asesu risg (DASH a MARAC)",
        G.AGENCY_CONTACT,
        "Assessing how much danger a victim is in, with the DASH checklist, and the "
        "multi-agency risk assessment conference (MARAC) for the highest risk.",
        "Asesu faint o berygl y mae dioddefwr ynddo, gyda rhestr wirio DASH, a'r gynhadledd "
        "asesu risg amlasiantaethol (MARAC) ar gyfer y risg uchaf.",
        ("risk assessment", "DASH", "MARAC", "DASH RIC", "multi-agency risk assessment"),
    ),
    Entry(
        "Professional curiosity",
        "Chwilfrydedd proffesiynol",
        G.AGENCY_CONTACT,
        "Professionals looking beyond what they are told, asking the next question and "
        "checking what they see.",
        "Gweithwyr proffesiynol yn edrych y tu hwnt i'r hyn a ddywedir wrthynt, yn gofyn y "
        "cwestiwn nesaf ac yn gwirio'r hyn a welant.",
        ("professional curiosity", "routine enquiry", "did not ask", "taken at face value"),
    ),
    # The review's process
    Entry(
        "Training",
        "Hyfforddiant",
        G.PROCESS,
        "What staff were taught about domestic abuse, and the training a review asks for.",
        "Yr hyn a ddysgwyd i staff am gam-drin domestig, a'r hyfforddiant y mae adolygiad yn "
        "gofyn amdano.",
        ("training", "awareness training", "e-learning", "refresher training", "trained"),
    ),
    Entry(
        "Record keeping",
        "Cadw cofnodion",
        G.PROCESS,
        "Whether agencies wrote down what happened and what they did, fully and where others "
        "could find it.",
        "A oedd asiantaethau'n cofnodi'r hyn a ddigwyddodd a'r hyn a wnaethant, yn llawn ac "
        "mewn man lle gallai eraill ddod o hyd iddo.",
        ("record keeping", "not recorded", "case notes", "poorly recorded", "recording practice"),
    ),
    Entry(
        "Family involvement in the review",
        "Cynnwys y teulu yn yr adolygiad",
        G.PROCESS,
        "How the victim's family and friends took part in the review and were heard.",
        "Sut y cymerodd teulu a ffrindiau'r dioddefwr ran yn yr adolygiad ac y gwrandawyd arnynt.",
        ("family involvement", "the family contributed", "AAFDA", "family liaison"),
    ),
    Entry(
        "Delay in the review",
        "Oedi yn yr adolygiad",
        G.PROCESS,
        "Reviews that took longer than they should, for example while a criminal trial ran.",
        "Adolygiadau a gymerodd yn hwy nag y dylent, er enghraifft tra oedd achos troseddol "
        "yn mynd rhagddo.",
        ("delay in the review", "review was delayed", "criminal proceedings", "paused until"),
    ),
    Entry(
        "Multi-agency working",
        "Gweithio amlasiantaethol",
        G.PROCESS,
        "How agencies worked together, in meetings, referrals and joint plans.",
        "Sut y gweithiodd asiantaethau gyda'i gilydd, mewn cyfarfodydd, atgyfeiriadau a "
        "chynlluniau ar y cyd.",
        ("multi-agency", "partnership working", "joint working", "case conference"),
    ),
]

BY_NAME = {entry.name: entry for entry in VOCABULARY}


def load_vocabulary():
    """Add the themes that are missing and fill what is still blank on each, by slug.

    A theme's group is set only while it is still the default (aggravating factors), and its
    texts only while they are empty, so that what an administrator changed stays."""
    for entry in VOCABULARY:
        slug = slugify(entry.name)
        theme, _ = Theme.objects.get_or_create(
            slug=slug, defaults={"name": entry.name, "group": entry.group}
        )
        themes = Theme.objects.filter(pk=theme.pk)
        themes.filter(group=Theme._meta.get_field("group").default).update(group=entry.group)
        blanks = {
            "name_cy": entry.name_cy,
            "description": entry.description,
            "description_cy": entry.description_cy,
            "search_terms": "\n".join(entry.terms),
        }
        for field, text in blanks.items():
            themes.filter(**{field: ""}).update(**{field: text})
