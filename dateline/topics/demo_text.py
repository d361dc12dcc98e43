"""The demo's In Focus topics. Every place, people, alliance and accord here is invented.

Each topic has its names, a short description, a background of two paragraphs, the
topics it relates to, and the words that mark a demo story as one of its stories.
"""

INDEX = {
    "title": "In Focus",
    "slug": "in-focus",
    "summary": "Background on the places, peoples, alliances and accords behind the news.",
}

TOPICS = [
    {
        "name": "Veloria",
        "aliases": ["Velorian Republic", "فيلوريا"],
        "description": "The most populous state on the western shore of the Kestrel Strait, "
        "governed by a single-chamber assembly that meets in the old customs house of its capital.",
        "background": [
            "Veloria grew rich on the grain that leaves its southern plains by barge and rail. "
            "Its assembly of 140 members is elected every four years, and no party has won a "
            "majority on its own for two decades.",
            "The republic is a founding member of the Strait Compact and the largest "
            "contributor to the budget of the Coastal Monitoring Mission.",
        ],
        "related": ["Kestrel Strait", "Strait Compact", "Orsan Republic"],
        "mentions": ["Veloria"],
    },
    {
        "name": "Kastmark",
        "aliases": ["Kastmark Federation"],
        "description": "A mountain federation of nine cantons that holds the upper reaches of the "
        "Tirel river and most of the region's hydropower.",
        "background": [
            "Each of Kastmark's cantons keeps its own police, schools and tax rates; the federal "
            "council in the valley town of Orr handles defence, currency and the dams.",
            "Because the reservoirs sit upstream of the Tirel Basin, every dry summer puts "
            "Kastmark at the centre of the talks under the Basin Water Accord.",
        ],
        "related": ["Tirel Basin", "Basin Water Accord", "Lume Highlands"],
        "mentions": ["Kastmark"],
    },
    {
        "name": "Orsan Republic",
        "aliases": ["Orsa"],
        "description": "A small coastal republic of island ports, known for its independent "
        "courts, its salt trade and its ferries to Caldera Bay.",
        "background": [
            "The Orsan Republic has eleven inhabited islands and one city of any size. Its "
            "constitutional court is often cited by judges elsewhere in the region.",
            "Salt from its evaporation pans was the republic's main export for three centuries; "
            "today shipping services and the ferry lines bring in more.",
        ],
        "related": ["Veloria", "Strait Compact"],
        "mentions": ["the Orsan Republic"],
    },
    {
        "name": "Port Abelle",
        "aliases": ["Abelle"],
        "description": "The deep-water harbour city at the southern mouth of the Kestrel Strait, "
        "home to the region's largest grain terminal.",
        "background": [
            "Port Abelle handles roughly a third of the grain shipped from the region. Its harbour "
            "pilots guide every large vessel through the shallow approach channel.",
            "The city hosts the secretariat of the Strait Compact and is where the Green Harbours "
            "Movement held its first dockside assembly.",
        ],
        "related": ["Kestrel Strait", "Strait Compact", "Green Harbours Movement"],
        "mentions": ["Port Abelle"],
    },
    {
        "name": "Tirel Basin",
        "aliases": ["Tirel Valley", "حوض تيرل"],
        "description": "The fertile lowland drained by the Tirel river, shared by three states and "
        "watched by international monitors since the ceasefire of the last decade.",
        "background": [
            "Farms in the Tirel Basin grow much of the region's wheat and sunflowers. Irrigation "
            "depends on water released from reservoirs upstream in Kastmark.",
            "Ceasefire lines still cross the basin. The Coastal Monitoring Mission keeps posts at "
            "the river crossings and publishes a weekly report.",
        ],
        "related": ["Basin Water Accord", "Kastmark", "Coastal Monitoring Mission"],
        "mentions": ["the Tirel Basin"],
    },
    {
        "name": "Kestrel Strait",
        "aliases": ["Kestrel Passage", "تنگه کسترل"],
        "description": "The narrow sea lane between the northern and southern coasts; much of the "
        "region's grain and fuel passes through it each year.",
        "background": [
            "At its narrowest the Kestrel Strait is eleven kilometres wide. Storms close it to "
            "small craft for several weeks each winter.",
            "Tariffs, pilotage and storm-season schedules in the strait are set jointly by the "
            "harbour cities of the Strait Compact.",
        ],
        "related": ["Strait Compact", "Port Abelle", "Veloria"],
        "mentions": ["the Kestrel Strait"],
    },
    {
        "name": "Lume Highlands",
        "aliases": ["Lume plateau"],
        "description": "A high plateau of pasture and pine forest where the Tirel river rises, "
        "home to the Lumari and their seasonal villages.",
        "background": [
            "Snow closes the passes of the Lume Highlands from December to March. Most families "
            "keep a winter house in the valleys and a summer house on the plateau.",
            "The first Lumari-language secondary school opened in the highlands six years ago.",
        ],
        "related": ["Lumari", "Kastmark", "Tirel Basin"],
        "mentions": ["the Lume Highlands"],
    },
    {
        "name": "Strait Compact",
        "aliases": ["Harbour Compact"],
        "description": "A trade alliance of five harbour cities on the Kestrel Strait that sets "
        "shared tariffs, pilotage rules and storm-season schedules.",
        "background": [
            "The Strait Compact began as a pilots' agreement between Port Abelle and two "
            "neighbouring ports. Veloria and the Orsan Republic joined as states later.",
            "Decisions need the votes of four of the five members; its small secretariat "
            "publishes every tariff table online.",
        ],
        "related": ["Kestrel Strait", "Port Abelle", "Veloria", "Orsan Republic"],
        "mentions": ["harbour", "the Kestrel Strait"],
    },
    {
        "name": "Basin Water Accord",
        "aliases": ["Tirel Water Accord"],
        "description": "The agreement that divides the Tirel river's water between upstream dams "
        "and downstream farms, reviewed every five years by a joint commission.",
        "background": [
            "Under the Basin Water Accord, Kastmark releases an agreed volume each month; in dry "
            "years a formula shares the shortfall between power and irrigation.",
            "Farmers' groups in the Tirel Basin want their water rights written into the next "
            "review, due within two years.",
        ],
        "related": ["Tirel Basin", "Kastmark"],
        "mentions": ["water", "the Tirel Basin"],
    },
    {
        "name": "Lumari",
        "aliases": ["Lumari people"],
        "description": "The pastoral people of the Lume Highlands, with a language, a calendar "
        "and a tradition of summer song festivals of their own.",
        "background": [
            "Around 300,000 people speak Lumari at home. Shepherding families still move their "
            "flocks between valley and plateau with the seasons.",
            "Lumari choirs open the summer festival on the highest pasture of the Lume Highlands "
            "each July.",
        ],
        "related": ["Lume Highlands"],
        "mentions": ["the Lume Highlands", "festival"],
    },
    {
        "name": "Green Harbours Movement",
        "aliases": ["Green Harbours"],
        "description": "A civic movement of dock workers, fishers and students campaigning for "
        "cleaner ports and shore power for ships along the Kestrel Strait.",
        "background": [
            "The Green Harbours Movement started with a petition from Port Abelle's fish market. "
            "It now has branches in every member city of the Strait Compact.",
            "Its main demand is that ships at berth plug into shore power instead of running "
            "their engines.",
        ],
        "related": ["Port Abelle", "Strait Compact"],
        "mentions": ["harbour", "Fishing"],
    },
    {
        "name": "Coastal Monitoring Mission",
        "aliases": ["the monitors"],
        "description": "The civilian mission that watches the ceasefire lines of the Tirel Basin "
        "and reports each week on crossings, incidents and repairs.",
        "background": [
            "The mission has about 400 staff from a dozen countries. Its patrols are unarmed and "
            "travel in marked white vehicles.",
            "Veloria and Kastmark each fund part of its budget; its mandate is renewed every year.",
        ],
        "related": ["Tirel Basin", "Veloria", "Kastmark"],
        "mentions": ["ceasefire", "Monitors"],
    },
]

HOME_TOPICS = [
    "Tirel Basin",
    "Kestrel Strait",
    "Strait Compact",
    "Basin Water Accord",
    "Lumari",
    "Veloria",
]
