"""Words for the synthetic archive: the commonest first, so rank follows a Zipf-like curve.

Function words lead (as in any English report), then the language of review reports: agencies,
risk, safeguarding and the themes reviews deal with. None of it comes from a real report.
"""

FUNCTION_WORDS = """
the of and to a in was that he she her his with for had on by as at not be from this were
it which been an have they their there would who when after also but or any did could about
into than more other its all has should over only these those
""".split()  # noqa: SIM905

DOMAIN_WORDS = """
police review agency agencies victim perpetrator risk domestic abuse service services support
safeguarding partnership report contact information assessment family children health
officer referral incident home relationship concerns practitioners records mental housing
social care GP hospital panel recommendations learning time plan children's worker adult
partner ex-partner daughter son mother father sister brother household MARAC DASH IDVA
probation court order bail arrest custody charge statement disclosure coercive controlling
behaviour control economic financial stalking harassment separation strangulation injury
injuries assault threats threatened violence violent alcohol drinking drug drugs misuse
substance treatment depression anxiety self-harm suicide overdose medication prescribed
ambulance emergency department paramedic nurse midwife pregnancy pregnant baby school teacher
nursery education employer work job benefits debt rent tenancy landlord eviction homeless
accommodation refuge outreach helpline advocate advocacy specialist training awareness
professional curiosity record keeping sharing multi-agency meeting strategy conference
chair independent author terms reference chronology scoping period key events analysis
findings lessons good practice missed opportunity opportunities respond response responded
responses timely delay delayed escalation escalate escalated threshold thresholds referral
referrals referred consent capacity vulnerable vulnerability older disability disabled carer
caring dementia isolation isolated language interpreter culture cultural faith community
honour forced marriage immigration status visa translation friends neighbours neighbour
colleague workplace telephone text messages social media phone calls letter letters visit
visited visits appointment appointments attended missed discharged assessed screening
questions routine enquiry asked disclosed disclosure disclosures frightened afraid fear
jealous jealousy possessive isolated monitoring checking tracking location money bank account
car house flat bedroom kitchen garden door window night morning evening weekend week month
year years months weeks days hours later earlier previous previously subsequently following
during before between within across local national guidance policy policies procedure
procedures protocol statutory duty duties legislation act section coroner inquest trial
sentence sentenced convicted murder manslaughter homicide death died killed fatal non-fatal
""".split()  # noqa: SIM905

# Words that occur in only a handful of reviews: a rare-word search has a known answer.
RARE_WORDS = ["trampoline", "accordion", "greenhouse", "marmalade", "lighthouse"]

# Planted once, on a known page of a known review, made of ordinary vocabulary words that are
# also scattered everywhere else: only the phrase search can single it out.
PLANTED_PHRASE = "neighbour heard shouting through the kitchen window"
PLANTED_WORDS_EXTRA = ["shouting", "heard", "through"]
