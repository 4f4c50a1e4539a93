#!/usr/bin/env python3
"""Build a small deterministic SQLite database modelled on the Sakila / pagila
DVD rental sample database (same table and column names as pagila).

Output: database/dvdrental/dvdrental.sqlite (deleted and recreated each run).
Only the Python standard library is used; all randomness comes from
random.Random(42), so every run produces the same file contents.
"""
import math
import os
import random
import sqlite3
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(os.environ.get("PUBLIC_SAMPLES_OUT", HERE), "database", "dvdrental")
OUT = os.path.join(OUT_DIR, "dvdrental.sqlite")

rng = random.Random(42)
FMT = "%Y-%m-%d %H:%M:%S"
LAST_UPDATE = "2006-02-15 09:34:33"
NOW = datetime(2006, 2, 15, 0, 0, 0)  # "today" for the data set

SCHEMA = """
PRAGMA foreign_keys = ON;

CREATE TABLE language (
    language_id   INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    last_update   TEXT NOT NULL
);

CREATE TABLE category (
    category_id   INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    last_update   TEXT NOT NULL
);

CREATE TABLE actor (
    actor_id      INTEGER PRIMARY KEY,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    last_update   TEXT NOT NULL
);

CREATE TABLE film (
    film_id              INTEGER PRIMARY KEY,
    title                TEXT NOT NULL,
    description          TEXT,
    release_year         INTEGER,
    language_id          INTEGER NOT NULL REFERENCES language(language_id),
    original_language_id INTEGER REFERENCES language(language_id),
    rental_duration      INTEGER NOT NULL DEFAULT 3,
    rental_rate          NUMERIC(4,2) NOT NULL DEFAULT 4.99,
    length               INTEGER,
    replacement_cost     NUMERIC(5,2) NOT NULL DEFAULT 19.99,
    rating               TEXT DEFAULT 'G'
                         CHECK (rating IN ('G','PG','PG-13','R','NC-17')),
    special_features     TEXT,
    last_update          TEXT NOT NULL
);

CREATE TABLE film_actor (
    actor_id      INTEGER NOT NULL REFERENCES actor(actor_id),
    film_id       INTEGER NOT NULL REFERENCES film(film_id),
    last_update   TEXT NOT NULL,
    PRIMARY KEY (actor_id, film_id)
);

CREATE TABLE film_category (
    film_id       INTEGER NOT NULL REFERENCES film(film_id),
    category_id   INTEGER NOT NULL REFERENCES category(category_id),
    last_update   TEXT NOT NULL,
    PRIMARY KEY (film_id, category_id)
);

CREATE TABLE country (
    country_id    INTEGER PRIMARY KEY,
    country       TEXT NOT NULL,
    last_update   TEXT NOT NULL
);

CREATE TABLE city (
    city_id       INTEGER PRIMARY KEY,
    city          TEXT NOT NULL,
    country_id    INTEGER NOT NULL REFERENCES country(country_id),
    last_update   TEXT NOT NULL
);

CREATE TABLE address (
    address_id    INTEGER PRIMARY KEY,
    address       TEXT NOT NULL,
    address2      TEXT,
    district      TEXT NOT NULL,
    city_id       INTEGER NOT NULL REFERENCES city(city_id),
    postal_code   TEXT,
    phone         TEXT NOT NULL,
    last_update   TEXT NOT NULL
);

CREATE TABLE staff (
    staff_id      INTEGER PRIMARY KEY,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    address_id    INTEGER NOT NULL REFERENCES address(address_id),
    email         TEXT,
    store_id      INTEGER NOT NULL REFERENCES store(store_id),
    active        INTEGER NOT NULL DEFAULT 1,
    username      TEXT NOT NULL,
    password      TEXT,
    last_update   TEXT NOT NULL
);

CREATE TABLE store (
    store_id         INTEGER PRIMARY KEY,
    manager_staff_id INTEGER NOT NULL REFERENCES staff(staff_id),
    address_id       INTEGER NOT NULL REFERENCES address(address_id),
    last_update      TEXT NOT NULL
);

CREATE TABLE customer (
    customer_id   INTEGER PRIMARY KEY,
    store_id      INTEGER NOT NULL REFERENCES store(store_id),
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    email         TEXT,
    address_id    INTEGER NOT NULL REFERENCES address(address_id),
    activebool    INTEGER NOT NULL DEFAULT 1,
    create_date   TEXT NOT NULL,
    last_update   TEXT,
    active        INTEGER
);

CREATE TABLE inventory (
    inventory_id  INTEGER PRIMARY KEY,
    film_id       INTEGER NOT NULL REFERENCES film(film_id),
    store_id      INTEGER NOT NULL REFERENCES store(store_id),
    last_update   TEXT NOT NULL
);

CREATE TABLE rental (
    rental_id     INTEGER PRIMARY KEY,
    rental_date   TEXT NOT NULL,
    inventory_id  INTEGER NOT NULL REFERENCES inventory(inventory_id),
    customer_id   INTEGER NOT NULL REFERENCES customer(customer_id),
    return_date   TEXT,
    staff_id      INTEGER NOT NULL REFERENCES staff(staff_id),
    last_update   TEXT NOT NULL
);

CREATE TABLE payment (
    payment_id    INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customer(customer_id),
    staff_id      INTEGER NOT NULL REFERENCES staff(staff_id),
    rental_id     INTEGER NOT NULL REFERENCES rental(rental_id),
    amount        NUMERIC(5,2) NOT NULL,
    payment_date  TEXT NOT NULL
);

CREATE INDEX idx_film_title ON film(title);
CREATE INDEX idx_actor_last_name ON actor(last_name);
CREATE INDEX idx_customer_last_name ON customer(last_name);
CREATE INDEX idx_inventory_film ON inventory(film_id, store_id);
CREATE INDEX idx_rental_inventory ON rental(inventory_id);
CREATE INDEX idx_rental_customer ON rental(customer_id);
CREATE INDEX idx_payment_rental ON payment(rental_id);
"""

# --------------------------------------------------------------------------
# Static reference data
# --------------------------------------------------------------------------
LANGUAGES = ["English", "Italian", "Japanese", "Mandarin", "French", "German"]

CATEGORIES = ["Action", "Animation", "Children", "Classics", "Comedy",
              "Documentary", "Drama", "Family", "Foreign", "Games", "Horror",
              "Music", "New", "Sci-Fi", "Sports", "Travel"]

GEO = [
    ("Argentina", ["Buenos Aires", "Cordoba", "Rosario"]),
    ("Australia", ["Woodridge", "Sydney", "Melbourne", "Brisbane", "Perth"]),
    ("Austria", ["Vienna", "Graz"]),
    ("Brazil", ["Sao Paulo", "Rio de Janeiro", "Salvador", "Brasilia", "Fortaleza"]),
    ("Canada", ["Lethbridge", "Toronto", "Vancouver", "Montreal", "Calgary"]),
    ("Chile", ["Santiago", "Valparaiso"]),
    ("China", ["Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Chengdu", "Wuhan"]),
    ("Colombia", ["Bogota", "Medellin", "Cali"]),
    ("Egypt", ["Cairo", "Alexandria", "Giza"]),
    ("France", ["Paris", "Lyon", "Marseille", "Toulouse"]),
    ("Germany", ["Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt"]),
    ("Greece", ["Athens", "Patras"]),
    ("India", ["Mumbai", "Delhi", "Bangalore", "Chennai", "Kolkata", "Hyderabad", "Pune"]),
    ("Indonesia", ["Jakarta", "Surabaya", "Bandung"]),
    ("Iran", ["Tehran", "Isfahan"]),
    ("Italy", ["Rome", "Milan", "Naples", "Turin"]),
    ("Japan", ["Tokyo", "Osaka", "Kyoto", "Nagoya", "Sapporo"]),
    ("Kenya", ["Nairobi", "Mombasa"]),
    ("Mexico", ["Mexico City", "Guadalajara", "Monterrey", "Puebla", "Tijuana"]),
    ("Morocco", ["Casablanca", "Rabat"]),
    ("Netherlands", ["Amsterdam", "Rotterdam"]),
    ("Nigeria", ["Lagos", "Abuja", "Ibadan"]),
    ("Pakistan", ["Karachi", "Lahore"]),
    ("Peru", ["Lima", "Arequipa"]),
    ("Philippines", ["Manila", "Cebu City", "Davao"]),
    ("Poland", ["Warsaw", "Krakow"]),
    ("Russian Federation", ["Moscow", "Saint Petersburg", "Novosibirsk", "Kazan"]),
    ("Saudi Arabia", ["Riyadh", "Jeddah"]),
    ("South Africa", ["Johannesburg", "Cape Town", "Durban"]),
    ("South Korea", ["Seoul", "Busan", "Incheon"]),
    ("Spain", ["Madrid", "Barcelona", "Valencia", "Sevilla"]),
    ("Sweden", ["Stockholm", "Gothenburg"]),
    ("Taiwan", ["Taipei", "Kaohsiung"]),
    ("Thailand", ["Bangkok", "Chiang Mai"]),
    ("Turkey", ["Istanbul", "Ankara", "Izmir"]),
    ("Ukraine", ["Kyiv", "Kharkiv"]),
    ("United Kingdom", ["London", "Manchester", "Birmingham", "Leeds", "Glasgow"]),
    ("United States", ["New York", "Los Angeles", "Chicago", "Houston", "Phoenix",
                       "Seattle", "Boston", "Dallas", "Denver", "Miami"]),
    ("Venezuela", ["Caracas", "Maracaibo"]),
    ("Vietnam", ["Hanoi", "Ho Chi Minh City"]),
]

# relative weight of each country when placing customers (skewed so that
# "countries with the most customers" has a clear ordering at the top)
COUNTRY_WEIGHT = {
    "India": 14, "China": 12, "United States": 10, "Japan": 8, "Mexico": 7,
    "Brazil": 6, "Russian Federation": 5, "Philippines": 4.5, "Turkey": 4,
    "Indonesia": 4, "Nigeria": 3.5, "Argentina": 3, "Germany": 3,
    "United Kingdom": 3, "Canada": 3, "South Africa": 2.5, "Italy": 2.5,
    "France": 2.5, "Spain": 2.5, "Colombia": 2.5, "Iran": 2,
}

FIRST_NAMES = [
    "MARY", "PATRICIA", "LINDA", "BARBARA", "ELIZABETH", "JENNIFER", "MARIA",
    "SUSAN", "MARGARET", "DOROTHY", "LISA", "NANCY", "KAREN", "BETTY", "HELEN",
    "SANDRA", "DONNA", "CAROL", "RUTH", "SHARON", "MICHELLE", "LAURA", "SARAH",
    "KIMBERLY", "DEBORAH", "JESSICA", "SHIRLEY", "CYNTHIA", "ANGELA", "MELISSA",
    "BRENDA", "AMY", "ANNA", "REBECCA", "VIRGINIA", "KATHLEEN", "PAMELA",
    "MARTHA", "DEBRA", "AMANDA", "JAMES", "JOHN", "ROBERT", "MICHAEL", "WILLIAM",
    "DAVID", "RICHARD", "CHARLES", "JOSEPH", "THOMAS", "CHRISTOPHER", "DANIEL",
    "PAUL", "MARK", "DONALD", "GEORGE", "KENNETH", "STEVEN", "EDWARD", "BRIAN",
    "RONALD", "ANTHONY", "KEVIN", "JASON", "MATTHEW", "GARY", "TIMOTHY", "JOSE",
    "LARRY", "JEFFREY", "FRANK", "SCOTT", "ERIC", "STEPHEN", "ANDREW", "RAYMOND",
    "GREGORY", "JOSHUA", "JERRY", "DENNIS", "WALTER", "PATRICK", "PETER",
    "HAROLD", "DOUGLAS", "HENRY", "CARL", "ARTHUR", "RYAN", "ROGER",
]
LAST_NAMES = [
    "SMITH", "JOHNSON", "WILLIAMS", "JONES", "BROWN", "DAVIS", "MILLER",
    "WILSON", "MOORE", "TAYLOR", "ANDERSON", "THOMAS", "JACKSON", "WHITE",
    "HARRIS", "MARTIN", "THOMPSON", "GARCIA", "MARTINEZ", "ROBINSON", "CLARK",
    "RODRIGUEZ", "LEWIS", "LEE", "WALKER", "HALL", "ALLEN", "YOUNG",
    "HERNANDEZ", "KING", "WRIGHT", "LOPEZ", "HILL", "SCOTT", "GREEN", "ADAMS",
    "BAKER", "GONZALEZ", "NELSON", "CARTER", "MITCHELL", "PEREZ", "ROBERTS",
    "TURNER", "PHILLIPS", "CAMPBELL", "PARKER", "EVANS", "EDWARDS", "COLLINS",
    "STEWART", "SANCHEZ", "MORRIS", "ROGERS", "REED", "COOK", "MORGAN", "BELL",
    "MURPHY", "BAILEY", "RIVERA", "COOPER", "RICHARDSON", "COX", "HOWARD",
    "WARD", "TORRES", "PETERSON", "GRAY", "RAMIREZ", "JAMES", "WATSON",
    "BROOKS", "KELLY", "SANDERS", "PRICE", "BENNETT", "WOOD", "BARNES", "ROSS",
]
ACTOR_FIRST = [
    "PENELOPE", "NICK", "ED", "JENNIFER", "JOHNNY", "BETTE", "GRACE", "MATTHEW",
    "JOE", "CHRISTIAN", "ZERO", "KARL", "UMA", "VIVIEN", "CUBA", "FRED", "HELEN",
    "DAN", "BOB", "LUCILLE", "KIRSTEN", "ELVIS", "SANDRA", "CAMERON", "KEVIN",
    "RIP", "JULIA", "WOODY", "ALEC", "SISSY", "TIM", "MILLA", "AUDREY", "JUDY",
    "BURT", "VAL", "TOM", "GOLDIE", "JODIE", "KENNETH", "MENA", "GINA",
    "WARREN", "SYLVESTER", "SUSAN", "CATE", "ANGELA", "MERYL", "SCARLETT",
    "RUSSELL", "MORGAN", "HARVEY", "WALTER", "GREGORY", "OPRAH", "RITA", "DARYL",
    "ALBERT", "GENE", "MICHELLE", "EWAN", "HUMPHREY", "RENEE", "JADA", "RAY",
    "GROUCHO", "SEAN", "WILL", "JAYNE", "JULIANNE", "MINNIE", "JON", "SPENCER",
    "KIM", "CHRIS", "MAE", "ADAM", "ANNE", "RICHARD", "FAY", "LAURENCE", "REESE",
    "CHRISTOPHER", "JOHN", "SALMA", "DEBBIE", "BEN", "GRETA", "ROCK", "JEFF",
    "DUSTIN", "NATALIE", "EMILY", "CARY", "HENRY", "IAN", "LIZA", "JULIETTE",
    "ELLEN", "THORA",
]
ACTOR_LAST = [
    "GUINESS", "WAHLBERG", "CHASE", "DAVIS", "LOLLOBRIGIDA", "NICHOLSON",
    "MOSTEL", "JOHANSSON", "SWANK", "GABLE", "CAGE", "BERRY", "WOOD", "BERGEN",
    "OLIVIER", "COSTNER", "VOIGHT", "TORN", "FAWCETT", "TRACY", "PALTROW",
    "MARX", "KILMER", "STREEP", "BLOOM", "CRAWFORD", "MCQUEEN", "HOFFMAN",
    "WAYNE", "PECK", "SOBIESKI", "HACKMAN", "HARRIS", "DEPP", "DERN", "HOPKINS",
    "DENCH", "TANDY", "WITHERSPOON", "ALLEN", "BENING", "HURT", "KEITEL",
    "DEGENERES", "GARLAND", "BAILEY", "WINSLET", "PITT", "PRESLEY", "BALE",
    "BRODY", "CRONYN", "DEE", "NEESON", "TEMPLE", "HUDSON", "JACKMAN",
    "WILLIS", "BOLGER", "DAMON", "HESTON", "HOPPER", "WILLIAMS", "MONROE",
    "DUKAKIS", "CRUISE", "BASINGER", "ZELLWEGER", "AKROYD", "CHAPLIN", "GOODING",
    "WEST", "POSEY", "MANSFIELD", "KEITEL", "REYNOLDS", "JOLIE", "MALDEN",
    "BIRCH", "CARREY", "DAY-LEWIS", "HAWKE", "SINATRA", "STALLONE", "SILVERSTONE",
    "TOMEI", "LEIGH", "BALL", "SUVARI", "CLOSE", "KAHN", "MCKELLEN", "HAVOC",
    "IRONS", "LOREN", "DREYFUSS", "PINKETT", "ASTAIRE", "BOGART", "GRANT",
]

TITLE_A = [
    "ACADEMY", "ACE", "ADAPTATION", "AFFAIR", "AFRICAN", "AGENT", "AIRPLANE",
    "ALABAMA", "ALADDIN", "ALAMO", "ALASKA", "ALI", "ALLEY", "AMADEUS",
    "AMELIE", "AMERICAN", "ANACONDA", "ANGELS", "ANNIE", "ANTHEM", "APACHE",
    "APOLLO", "ARABIA", "ARGONAUTS", "ARMY", "ARSENIC", "ATLANTIS", "ATTACKS",
    "BABY", "BACKLASH", "BADMAN", "BALLOON", "BANGER", "BASIC", "BEACH",
    "BEAST", "BEDAZZLED", "BEHAVIOR", "BERETS", "BIKINI", "BILKO", "BIRDS",
    "BLADE", "BLANKET", "BLOOD", "BOILED", "BONNIE", "BORN", "BOUND", "BRAVEHEART",
    "BRIDE", "BRIGHT", "BUBBLE", "BUCKET", "BUGSY", "BULL", "BUTCH", "CABIN",
    "CADDYSHACK", "CALENDAR", "CAMELOT", "CANDIDATE", "CAPER", "CARIBBEAN",
    "CASPER", "CASSIDY", "CAT", "CHAMBER", "CHARIOTS", "CHICAGO", "CIDER",
    "CLOCKWORK", "CLUELESS", "COLOR", "CONFIDENTIAL", "CROOKED", "CYCLONE",
]
TITLE_B = [
    "DINOSAUR", "GOLDFINGER", "HOLES", "PREJUDICE", "EGG", "TRUMAN", "SIERRA",
    "ANGELS", "FURY", "VOYAGE", "EXPRESS", "SUIT", "BAKED", "RAINBOW", "CLOCK",
    "ACADEMY", "GRAFFITI", "HORROR", "BRIGHT", "FIDELITY", "SATISFACTION",
    "CAROL", "CHINATOWN", "COMMANDMENTS", "KILLER", "ODDYSEY", "PERDITION",
    "TUXEDO", "STORM", "FLAMINGOS", "GOSPEL", "LEGEND", "TRAP", "WOLVES",
    "HUNTER", "SHOCK", "MIDNIGHT", "ORIENT", "MOON", "PARADISE", "SPIRIT",
    "WARS", "WIZARD", "ZORRO", "ROAD", "SUMMER", "VALLEY", "WONDERLAND",
]

DESC_ADJ = ["Epic", "Astounding", "Fanciful", "Touching", "Beautiful",
            "Thrilling", "Intrepid", "Boring", "Fateful", "Emotional",
            "Insightful", "Stunning", "Awe-Inspiring", "Unbelieveable", "Lacklusture"]
DESC_KIND = ["Drama", "Documentary", "Story", "Saga", "Tale", "Reflection",
             "Yarn", "Panorama", "Character Study", "Display"]
DESC_WHO = ["Feminist", "Mad Scientist", "Teacher", "Dentist", "Moose",
            "Astronaut", "Lumberjack", "Crocodile", "Database Administrator",
            "Hunter", "Robot", "Monkey", "Squirrel", "Woman", "Boat", "Car",
            "Pastry Chef", "Composer", "Forensic Psychologist", "Sumo Wrestler"]
DESC_VERB = ["Battle", "Chase", "Outgun", "Redeem", "Find", "Meet", "Defeat",
             "Sink", "Vanquish", "Overcome", "Succumb", "Discover", "Escape",
             "Kill", "Build", "Reach", "Face", "Fight", "Pursue", "Confront"]
DESC_WHERE = ["The Canadian Rockies", "A Shark Tank", "Ancient Japan",
              "A Baloon Factory", "The Gulf of Mexico", "A Jet Boat",
              "Soviet Georgia", "A Manhattan Penthouse", "The Outback",
              "Ancient China", "A MySQL Convention", "The Sahara Desert",
              "Nigeria", "A U-Boat", "Berlin", "An Abandoned Mine Shaft",
              "The First Manned Space Station", "A Monastery"]
FEATURES = ["Trailers", "Commentaries", "Deleted Scenes", "Behind the Scenes"]

STREET_NAMES = ["Lillydale", "Sakila", "Workhaven", "Joliet", "MySQL",
                "Pine", "Oak", "Maple", "Cedar", "Elm", "Lake", "Hill",
                "Sunset", "Park", "Washington", "River", "Church", "Market",
                "Mill", "Bridge", "Garden", "Spring", "Ridge", "Meadow"]
STREET_TYPES = ["Drive", "Street", "Avenue", "Lane", "Boulevard", "Parkway",
                "Place", "Manor", "Way", "Loop", "Court"]


def ts(d):
    return d.strftime(FMT)


def rand_dt(start, end):
    """Uniform random datetime in [start, end)."""
    span = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randrange(span))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    if os.path.exists(OUT):
        os.remove(OUT)
    con = sqlite3.connect(OUT)
    con.executescript(SCHEMA)
    cur = con.cursor()

    # ---------------- language / category ----------------
    for i, n in enumerate(LANGUAGES, 1):
        cur.execute("INSERT INTO language VALUES (?,?,?)", (i, n, "2006-02-15 10:02:19"))
    for i, n in enumerate(CATEGORIES, 1):
        cur.execute("INSERT INTO category VALUES (?,?,?)", (i, n, "2006-02-15 09:46:27"))

    # ---------------- country / city ----------------
    city_rows = []          # (city_id, city, country_id)
    country_ids = {}
    cid = 0
    for k, (country, cities) in enumerate(GEO, 1):
        country_ids[country] = k
        cur.execute("INSERT INTO country VALUES (?,?,?)", (k, country, "2006-02-15 09:44:00"))
        for c in cities:
            cid += 1
            city_rows.append((cid, c, k))
            cur.execute("INSERT INTO city VALUES (?,?,?,?)", (cid, c, k, "2006-02-15 09:45:25"))
    cities_by_country = {}
    for city_id, c, k in city_rows:
        cities_by_country.setdefault(k, []).append(city_id)
    city_id_by_name = {c: i for i, c, _ in city_rows}

    # ---------------- address ----------------
    used_streets = set()

    def new_address(address_id, city_id):
        while True:
            street = "%d %s %s" % (rng.randint(1, 1999), rng.choice(STREET_NAMES),
                                    rng.choice(STREET_TYPES))
            if street not in used_streets:
                used_streets.add(street)
                break
        district = rng.choice(["Alberta", "QLD", "Central", "North", "South",
                               "East", "West", "Capital", "Coastal", "Riverside"])
        postal = "%05d" % rng.randint(1000, 99999)
        phone = "%d" % rng.randint(10 ** 10, 10 ** 12 - 1)
        cur.execute("INSERT INTO address VALUES (?,?,?,?,?,?,?,?)",
                    (address_id, street, None, district, city_id, postal, phone,
                     "2006-02-15 09:45:30"))

    # addresses 1..6: the two stores and the four staff members
    new_address(1, city_id_by_name["Lethbridge"])
    new_address(2, city_id_by_name["Woodridge"])
    new_address(3, city_id_by_name["Lethbridge"])
    new_address(4, city_id_by_name["Woodridge"])
    new_address(5, city_id_by_name["Lethbridge"])
    new_address(6, city_id_by_name["Woodridge"])

    # ---------------- staff / store ----------------
    # store and staff reference each other; insert with FK checks deferred
    con.commit()
    con.execute("PRAGMA foreign_keys = OFF")
    staff = [
        # id, first, last, address, store, active, username
        (1, "MIKE", "HILLYER", 3, 1, 1, "Mike"),
        (2, "JON", "STEPHENS", 4, 2, 1, "Jon"),
        (3, "SARAH", "PEMBERTON", 5, 1, 1, "Sarah"),
        (4, "DEREK", "OKAFOR", 6, 2, 0, "Derek"),
    ]
    for sid, fn, ln, aid, st, act, un in staff:
        email = "%s.%s@sakilastaff.com" % (fn.capitalize(), ln.capitalize())
        cur.execute("INSERT INTO staff VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (sid, fn, ln, aid, email, st, act, un,
                     "8cb2237d0679ca88db6464eac60da96345513964", "2006-02-15 09:57:16"))
    cur.execute("INSERT INTO store VALUES (1, 1, 1, '2006-02-15 09:57:12')")
    cur.execute("INSERT INTO store VALUES (2, 2, 2, '2006-02-15 09:57:12')")
    con.commit()
    con.execute("PRAGMA foreign_keys = ON")
    # staff 4 (Derek) left the company at the end of October 2005
    staff_period = {1: (datetime(2005, 1, 1), NOW), 2: (datetime(2005, 1, 1), NOW),
                    3: (datetime(2005, 1, 1), NOW),
                    4: (datetime(2005, 1, 1), datetime(2005, 11, 1))}
    staff_store = {s[0]: s[4] for s in staff}

    # ---------------- actor ----------------
    actor_names = set()
    actors = []
    # the first actor is the famous one
    first_pairs = [("PENELOPE", "GUINESS"), ("NICK", "WAHLBERG"), ("ED", "CHASE")]
    while len(actors) < 100:
        if first_pairs:
            fn, ln = first_pairs.pop(0)
        else:
            fn, ln = rng.choice(ACTOR_FIRST), rng.choice(ACTOR_LAST)
        if (fn, ln) in actor_names:
            continue
        actor_names.add((fn, ln))
        actors.append((len(actors) + 1, fn, ln))
    cur.executemany("INSERT INTO actor VALUES (?,?,?,'2006-02-15 09:34:33')", actors)

    # ---------------- film ----------------
    titles = ["ACADEMY DINOSAUR", "ACE GOLDFINGER", "ADAPTATION HOLES",
              "AFFAIR PREJUDICE", "AFRICAN EGG", "AGENT TRUMAN", "AIRPLANE SIERRA"]
    seen = set(titles)
    while len(titles) < 200:
        t = "%s %s" % (rng.choice(TITLE_A), rng.choice(TITLE_B))
        a, b = t.split()
        if a == b or t in seen:
            continue
        seen.add(t)
        titles.append(t)
    # order like the original: alphabetically by title
    titles.sort()
    ratings = ["G", "PG", "PG-13", "R", "NC-17"]
    rating_w = [18, 20, 23, 20, 19]
    films = {}
    lengths_used = set()
    for fid, title in enumerate(titles, 1):
        desc = "A %s %s of a %s And a %s who must %s a %s in %s" % (
            rng.choice(DESC_ADJ), rng.choice(DESC_KIND), rng.choice(DESC_WHO),
            rng.choice(DESC_WHO), rng.choice(DESC_VERB), rng.choice(DESC_WHO),
            rng.choice(DESC_WHERE))
        r = rng.random()
        lang = 1 if r < 0.80 else rng.choice([2, 3, 4, 5, 6])
        orig = None
        if lang != 1 and rng.random() < 0.5:
            orig = 1
        elif lang == 1 and rng.random() < 0.08:
            orig = rng.choice([2, 3, 4, 5, 6])
        rental_duration = rng.randint(3, 7)
        rental_rate = rng.choice([0.99, 0.99, 2.99, 2.99, 4.99, 4.99, 4.99])
        length = rng.randint(46, 185)
        # keep the single longest film unique
        if length >= 184 and 185 in lengths_used:
            length = rng.randint(150, 183)
        lengths_used.add(length)
        replacement = rng.choice([9.99, 10.99, 11.99, 12.99, 13.99, 14.99, 15.99,
                                  16.99, 17.99, 18.99, 19.99, 20.99, 21.99, 22.99,
                                  23.99, 24.99, 25.99, 26.99, 27.99, 28.99, 29.99])
        rating = rng.choices(ratings, rating_w)[0]
        feats = [f for f in FEATURES if rng.random() < 0.45] or ["Trailers"]
        films[fid] = dict(title=title, rental_duration=rental_duration,
                          rental_rate=rental_rate, length=length,
                          replacement=replacement, rating=rating)
        cur.execute("INSERT INTO film VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (fid, title, desc, 2006, lang, orig, rental_duration,
                     rental_rate, length, replacement, rating, ",".join(feats),
                     "2006-02-15 10:03:42"))

    # ---------------- film_category (one category per film) ----------------
    cat_w = [1.0 + 0.06 * ((i * 7) % 16) for i in range(16)]
    film_cat = {}
    for fid in films:
        c = rng.choices(range(1, 17), cat_w)[0]
        film_cat[fid] = c
        cur.execute("INSERT INTO film_category VALUES (?,?,'2006-02-15 10:07:09')", (fid, c))

    # ---------------- film_actor ----------------
    actor_w = [rng.lognormvariate(0, 0.55) for _ in actors]
    for fid in films:
        n = rng.randint(2, 9)
        cast = set()
        while len(cast) < n:
            cast.add(rng.choices(range(1, 101), actor_w)[0])
        for a in sorted(cast):
            cur.execute("INSERT INTO film_actor VALUES (?,?,'2006-02-15 10:05:03')", (a, fid))

    # ---------------- inventory ----------------
    inv = []       # (inventory_id, film_id, store_id)
    film_ids = sorted(films)
    no_stock = set(rng.sample(film_ids, 9))   # films nobody stocks
    for fid in film_ids:
        if fid in no_stock:
            continue
        for store in (1, 2):
            k = rng.choice([0, 2, 2, 3, 3, 3, 4, 4])
            for _ in range(k):
                inv.append((len(inv) + 1, fid, store))
    cur.executemany("INSERT INTO inventory VALUES (?,?,?,'2006-02-15 10:09:17')", inv)

    # ---------------- customer (each with its own address) ----------------
    weighted_countries = [(country_ids[c], COUNTRY_WEIGHT.get(c, 1.0)) for c, _ in GEO
                          if c not in ()]
    cust_names = set()
    customers = []
    next_addr = 7
    first_pairs = [("MARY", "SMITH"), ("PATRICIA", "JOHNSON"), ("LINDA", "WILLIAMS")]
    while len(customers) < 300:
        if first_pairs:
            fn, ln = first_pairs.pop(0)
        else:
            fn, ln = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if (fn, ln) in cust_names:
            continue
        cust_names.add((fn, ln))
        cust_id = len(customers) + 1
        country = rng.choices([c for c, _ in weighted_countries],
                              [w for _, w in weighted_countries])[0]
        city_id = rng.choice(cities_by_country[country])
        new_address(next_addr, city_id)
        store = 1 if rng.random() < 0.55 else 2
        create = rand_dt(datetime(2005, 2, 1), datetime(2005, 9, 1))
        active = 0 if rng.random() < 0.06 else 1
        email = "%s.%s@sakilacustomer.org" % (fn, ln)
        customers.append(dict(id=cust_id, create=create, store=store, active=active,
                              weight=rng.lognormvariate(0, 0.6)))
        cur.execute("INSERT INTO customer VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (cust_id, store, fn, ln, email, next_addr, active,
                     ts(create), "2006-02-15 09:57:20", active))
        next_addr += 1
    # a few customers who signed up but never rented anything
    never_rent = set(rng.sample(range(1, 301), 6))

    # ---------------- rental + payment ----------------
    month_w = [(2005, 5, 300), (2005, 6, 520), (2005, 7, 640), (2005, 8, 600),
               (2005, 9, 430), (2005, 10, 380), (2005, 11, 340), (2005, 12, 410),
               (2006, 1, 260), (2006, 2, 120)]
    dates = []
    for y, m, n in month_w:
        start = datetime(y, m, 24) if (y, m) == (2005, 5) else datetime(y, m, 1)
        end = datetime(y + (m == 12), m % 12 + 1, 1)
        if (y, m) == (2006, 2):
            end = datetime(2006, 2, 15)
        for _ in range(n):
            dates.append(rand_dt(start, end))
    dates.sort()

    film_pop = {fid: rng.lognormvariate(0, 0.7) for fid in films}
    # a few stocked films that nobody ever rents
    stocked = sorted({fid for _, fid, _ in inv})
    for fid in rng.sample(stocked, 4):
        film_pop[fid] = 0.0
    inv_by_store_film = {}
    for iid, fid, st in inv:
        inv_by_store_film.setdefault(st, {}).setdefault(fid, []).append(iid)
    busy_until = {iid: datetime(2000, 1, 1) for iid, _, _ in inv}
    inv_film = {iid: fid for iid, fid, _ in inv}

    rentals = []
    payments = []
    cust_ids = [c["id"] for c in customers if c["id"] not in never_rent]
    cust_w = [customers[i - 1]["weight"] for i in cust_ids]
    for when in dates:
        for _attempt in range(50):
            cid_ = rng.choices(cust_ids, cust_w)[0]
            c = customers[cid_ - 1]
            if c["create"] > when:
                continue
            # inactive customers stopped renting in autumn 2005
            if not c["active"] and when > datetime(2005, 10, 1):
                continue
            store = c["store"] if rng.random() < 0.8 else 3 - c["store"]
            stock = inv_by_store_film[store]
            fids = list(stock)
            fid = rng.choices(fids, [film_pop[f] for f in fids])[0]
            free = [i for i in stock[fid] if busy_until[i] <= when]
            if not free:
                continue
            iid = rng.choice(free)
            break
        else:
            continue
        fm = films[fid]
        # how long it was kept
        if rng.random() < 0.7:
            days = rng.uniform(0.3, fm["rental_duration"])
        else:
            days = rng.uniform(fm["rental_duration"], fm["rental_duration"] + 4)
        ret = when + timedelta(days=days)
        if ret > NOW or rng.random() < 0.006:
            ret = None   # still out (or lost)
        busy_until[iid] = ret if ret else datetime(2100, 1, 1)
        staff_choices = [s for s, st in staff_store.items()
                         if st == store and staff_period[s][0] <= when < staff_period[s][1]]
        sid = rng.choice(staff_choices)
        rid = len(rentals) + 1
        rentals.append((rid, ts(when), iid, cid_, ts(ret) if ret else None, sid,
                        ts(ret) if ret else ts(when)))
        if ret:
            late = max(0, math.ceil(days - fm["rental_duration"]))
            amount = round(fm["rental_rate"] + 1.0 * late, 2)
            payments.append((cid_, sid, rid, amount, ts(ret)))
    cur.executemany("INSERT INTO rental VALUES (?,?,?,?,?,?,?)", rentals)
    payments.sort(key=lambda p: (p[4], p[2]))
    cur.executemany("INSERT INTO payment VALUES (?,?,?,?,?,?)",
                    [(i + 1,) + p for i, p in enumerate(payments)])

    con.commit()
    bad = con.execute("PRAGMA foreign_key_check").fetchall()
    assert not bad, bad
    for t in ["actor", "category", "film", "film_actor", "film_category", "language",
              "country", "city", "address", "store", "staff", "customer",
              "inventory", "rental", "payment"]:
        print("%-14s %6d" % (t, con.execute("SELECT COUNT(*) FROM %s" % t).fetchone()[0]))
    con.close()
    print("wrote", OUT)


if __name__ == "__main__":
    main()
