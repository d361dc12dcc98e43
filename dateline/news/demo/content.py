"""Words for the demo newsroom. Every place, person and event here is invented."""

SECTIONS = [
    ("Politics", "politics", "Parliaments, parties and the people who run the region's capitals."),
    ("Economy", "economy", "Trade, budgets, harbours and the price of bread."),
    ("Security", "security", "Borders, ceasefires and the forces that keep or break them."),
    ("Analysis", "analysis", "Our correspondents take a longer look at the week's stories."),
    ("Interviews", "interviews", "Conversations with the people shaping the region."),
    ("Opinion", "opinion", "Argument and commentary from our columnists and guests."),
    ("Culture", "culture", "Books, festivals, music and the life of the cities."),
]

AUTHORS = [
    (
        "Lena Maris",
        "Chief political correspondent",
        "Lena has covered the Veloria parliament for "
        "twelve years and writes the weekly Capital Notes.",
    ),
    (
        "Tomas Eberlin",
        "Economics editor",
        "Tomas follows trade through the Kestrel Strait and the budgets of its harbour cities.",
    ),
    (
        "Samira Oudane",
        "Security correspondent",
        "Samira reports from the Tirel Basin and the "
        "monitoring missions along its ceasefire lines.",
    ),
    ("Jonah Pell", "Senior analyst", "Jonah writes long-form analysis on regional alliances."),
    ("Idris Kaveh", "Interviews editor", "Idris runs the interview desk and the Sunday long read."),
    ("Maren Solvik", "Columnist", "Maren's column on public life appears every Tuesday."),
    (
        "Ana Ferreira Lund",
        "Culture writer",
        "Ana covers books, film and the festivals of the coast.",
    ),
    (
        "Rafi Dorrance",
        "Data reporter",
        "Rafi turns budgets, harvests and shipping logs into stories.",
    ),
]

PLACES = [
    "Veloria",
    "Kastmark",
    "the Orsan Republic",
    "Port Abelle",
    "Marrowdale",
    "the Tirel Basin",
    "Caldera Bay",
    "Northmere",
    "the Kestrel Strait",
    "Valdren",
    "Estavia",
    "the Lume Highlands",
]

TAGS = [
    "Elections",
    "Parliament",
    "Trade",
    "Harbours",
    "Water",
    "Energy",
    "Ceasefire",
    "Borders",
    "Diplomacy",
    "Budget",
    "Agriculture",
    "Railways",
    "Refugees",
    "Media",
    "Courts",
    "Climate",
    "Festivals",
    "Universities",
    "Fisheries",
    "Housing",
]

SUBJECTS = {
    "politics": [
        "{place} parliament passes electoral reform after all-night session",
        "Coalition talks in {place} stall over cabinet posts",
        "{place} opposition names new leader ahead of spring vote",
        "Regional council in {place} approves budget for rural roads",
        "Foreign ministers of {place} and {place2} agree to reopen consulates",
        "Turnout questions follow municipal elections in {place}",
    ],
    "economy": [
        "{place} harbour reports record grain shipments",
        "Central bank of {place} holds rates as bread prices ease",
        "New rail freight line links {place} with {place2}",
        "Fishing quotas for {place} waters cut for second year",
        "{place} unveils plan to double solar capacity by 2030",
        "Textile exporters in {place} look to {place2} as costs rise",
    ],
    "security": [
        "Monitors report a quiet week along the {place} ceasefire line",
        "{place} and {place2} begin joint patrols on shared river border",
        "Demining teams clear farmland outside {place}",
        "Prisoner exchange between {place} and {place2} completed",
        "Border crossing at {place} reopens to freight traffic",
        "Talks on troop withdrawal from {place} enter third round",
    ],
    "analysis": [
        "Why the water question will decide the next government in {place}",
        "What the {place} trade pact means for small farmers",
        "The quiet diplomacy that kept {place} and {place2} talking",
        "Three lessons from the {place} budget fight",
        "How {place} became the region's busiest port",
        "Can the {place} ceasefire survive the harvest season?",
    ],
    "interviews": [
        "{place}'s harbour master: 'We run on trust and tides'",
        "The mayor of {place} on housing, buses and patience",
        "A negotiator from {place} on ten years of talks with {place2}",
        "The director of {place}'s new university on what students want",
        "A grain trader from {place} on prices, weather and luck",
    ],
    "opinion": [
        "{place} needs a railway, not another motorway",
        "The region should learn from {place}'s courts",
        "Let {place} keep its fishing villages",
        "Our newspapers owe readers in {place} more patience",
        "A ceasefire is a beginning, not an end, for {place}",
    ],
    "culture": [
        "The {place} book fair returns after a five-year pause",
        "Lantern festival fills the old quarter of {place}",
        "A new museum in {place} tells the story of its salt roads",
        "Film-makers from {place} and {place2} share the coastal prize",
        "{place}'s choirs bring folk songs back to the squares",
    ],
}

KICKERS = ["Analysis", "Exclusive", "Explainer", "Report", "Interview", "Comment", "", "", "", ""]

OPENINGS = [
    "Officials in {place} confirmed on {weekday} that {detail}.",
    "After weeks of uncertainty, {place} moved this week to settle a question that {detail2}.",
    "The announcement in {place} came earlier than expected, and {detail}.",
    "Residents of {place} woke on {weekday} to news that {detail}.",
]

DETAILS = [
    "the first phase of the plan would begin before the end of the month",
    "negotiators from both sides would meet again within ten days",
    "the measure had passed with a narrow but clear majority",
    "the harbour would stay open through the winter storms",
    "the committee's report would be published in full",
]

DETAILS2 = [
    "had divided the council for most of the year",
    "had dominated talk in the markets and cafés",
    "had slowed trade along the coast",
    "had been left unanswered since the last election",
]

MIDDLES = [
    'Supporters say the change is overdue. "We have waited long enough," said one member of the '
    "{place} council, who asked that the debate now turn to how the money is spent.",
    "Critics in {place2} were more cautious, pointing to earlier plans that were announced with "
    "similar confidence and quietly abandoned.",
    "Figures published by the {place} statistics office show a steady rise over the past three "
    "years, though the pace has slowed since the spring.",
    "Local traders told Dateline that the effects would be felt first in the markets, where prices "
    "respond within days to news from the harbour.",
    "The plan sets out three stages, each with its own budget and a review by an independent "
    "panel before the next stage may begin.",
    "Neighbouring {place2} has watched closely. Its government said it welcomed any step that "
    "brought stability to the region and would study the details.",
    "Observers note that the timing matters: the harvest, the shipping season and the budget "
    "calendar all fall within the same few weeks.",
    "Not everyone is convinced. A group of farmers from the {place} valley wrote an open letter "
    "asking for their water rights to be written into the agreement.",
]

QUOTES = [
    ("Trust is built one harbour, one market, one season at a time.", "A trade envoy from {place}"),
    ("We do not need grand speeches; we need the trains to run.", "A commuter in {place}"),
    ("Every agreement is only as strong as the people who keep it.", "A mediator in {place2}"),
]

CLOSINGS = [
    "A further statement is expected after the council meets next week.",
    "Dateline will follow the story as it develops.",
    "The next round of talks is scheduled for the first week of next month.",
    "Both sides said they would publish the full text once it is signed.",
]

PALETTES = [
    ((31, 58, 96), (205, 120, 60)),
    ((18, 84, 72), (230, 200, 110)),
    ((96, 30, 40), (240, 180, 150)),
    ((40, 40, 70), (120, 170, 220)),
    ((70, 60, 30), (210, 190, 140)),
    ((20, 70, 110), (250, 240, 220)),
    ((90, 50, 90), (230, 170, 90)),
    ((30, 30, 30), (200, 60, 60)),
]
