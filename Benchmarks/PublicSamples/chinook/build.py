#!/usr/bin/env python3
"""Build a small, deterministic Chinook-style SQLite database.

Output: database/chinook/chinook.sqlite (next to this script).
The data is synthetic, generated with random.Random(11); the schema follows
the public "Chinook" digital music store sample database (PascalCase names).
"""
import os
import random
import sqlite3
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.environ.get("PUBLIC_SAMPLES_OUT", HERE), "database", "chinook", "chinook.sqlite")

SCHEMA = """
CREATE TABLE Artist (
    ArtistId INTEGER PRIMARY KEY,
    Name TEXT
);
CREATE TABLE Album (
    AlbumId INTEGER PRIMARY KEY,
    Title TEXT NOT NULL,
    ArtistId INTEGER NOT NULL,
    FOREIGN KEY (ArtistId) REFERENCES Artist (ArtistId)
);
CREATE TABLE Genre (
    GenreId INTEGER PRIMARY KEY,
    Name TEXT
);
CREATE TABLE MediaType (
    MediaTypeId INTEGER PRIMARY KEY,
    Name TEXT
);
CREATE TABLE Track (
    TrackId INTEGER PRIMARY KEY,
    Name TEXT NOT NULL,
    AlbumId INTEGER,
    MediaTypeId INTEGER NOT NULL,
    GenreId INTEGER,
    Composer TEXT,
    Milliseconds INTEGER NOT NULL,
    Bytes INTEGER,
    UnitPrice NUMERIC(10,2) NOT NULL,
    FOREIGN KEY (AlbumId) REFERENCES Album (AlbumId),
    FOREIGN KEY (MediaTypeId) REFERENCES MediaType (MediaTypeId),
    FOREIGN KEY (GenreId) REFERENCES Genre (GenreId)
);
CREATE TABLE Playlist (
    PlaylistId INTEGER PRIMARY KEY,
    Name TEXT
);
CREATE TABLE PlaylistTrack (
    PlaylistId INTEGER NOT NULL,
    TrackId INTEGER NOT NULL,
    PRIMARY KEY (PlaylistId, TrackId),
    FOREIGN KEY (PlaylistId) REFERENCES Playlist (PlaylistId),
    FOREIGN KEY (TrackId) REFERENCES Track (TrackId)
);
CREATE TABLE Employee (
    EmployeeId INTEGER PRIMARY KEY,
    LastName TEXT NOT NULL,
    FirstName TEXT NOT NULL,
    Title TEXT,
    ReportsTo INTEGER,
    BirthDate TEXT,
    HireDate TEXT,
    Address TEXT,
    City TEXT,
    State TEXT,
    Country TEXT,
    PostalCode TEXT,
    Phone TEXT,
    Fax TEXT,
    Email TEXT,
    FOREIGN KEY (ReportsTo) REFERENCES Employee (EmployeeId)
);
CREATE TABLE Customer (
    CustomerId INTEGER PRIMARY KEY,
    FirstName TEXT NOT NULL,
    LastName TEXT NOT NULL,
    Company TEXT,
    Address TEXT,
    City TEXT,
    State TEXT,
    Country TEXT,
    PostalCode TEXT,
    Phone TEXT,
    Fax TEXT,
    Email TEXT NOT NULL,
    SupportRepId INTEGER,
    FOREIGN KEY (SupportRepId) REFERENCES Employee (EmployeeId)
);
CREATE TABLE Invoice (
    InvoiceId INTEGER PRIMARY KEY,
    CustomerId INTEGER NOT NULL,
    InvoiceDate TEXT NOT NULL,
    BillingAddress TEXT,
    BillingCity TEXT,
    BillingState TEXT,
    BillingCountry TEXT,
    BillingPostalCode TEXT,
    Total NUMERIC(10,2) NOT NULL,
    FOREIGN KEY (CustomerId) REFERENCES Customer (CustomerId)
);
CREATE TABLE InvoiceLine (
    InvoiceLineId INTEGER PRIMARY KEY,
    InvoiceId INTEGER NOT NULL,
    TrackId INTEGER NOT NULL,
    UnitPrice NUMERIC(10,2) NOT NULL,
    Quantity INTEGER NOT NULL,
    FOREIGN KEY (InvoiceId) REFERENCES Invoice (InvoiceId),
    FOREIGN KEY (TrackId) REFERENCES Track (TrackId)
);
"""

GENRES = [  # name, relative weight for albums
    ("Rock", 22), ("Jazz", 10), ("Metal", 12), ("Alternative & Punk", 10),
    ("Blues", 6), ("Latin", 9), ("Classical", 7), ("Pop", 6), ("Reggae", 3),
    ("Soundtrack", 4), ("Electronica/Dance", 4), ("Hip Hop/Rap", 3),
    ("R&B/Soul", 4), ("World", 2), ("Easy Listening", 2),
]

MEDIA_TYPES = [  # name, weight, unit price
    ("MPEG audio file", 64, 0.99),
    ("Protected AAC audio file", 14, 0.99),
    ("Protected MPEG-4 video file", 8, 1.99),
    ("Purchased AAC audio file", 7, 0.99),
    ("AAC audio file", 7, 0.99),
]

ARTISTS = [
    "AC/DC", "Accept", "Aerosmith", "Alanis Morissette", "Alice In Chains",
    "Antonio Carlos Jobim", "Apocalyptica", "Audioslave", "BackBeat",
    "Billy Cobham", "Black Label Society", "Black Sabbath", "Body Count",
    "Bruce Dickinson", "Buddy Guy", "Caetano Veloso", "Chico Buarque",
    "Chico Science & Nacao Zumbi", "Cidade Negra", "Cláudio Zoli",
    "Various Artists", "Led Zeppelin", "Frank Zappa & Captain Beefheart",
    "Marcos Valle", "Milton Nascimento & Bebeto", "Azymuth", "Gilberto Gil",
    "João Gilberto", "Bebel Gilberto", "Jorge Vercilo", "Baby Consuelo",
    "Ney Matogrosso", "Luiz Melodia", "Nando Reis", "Pedro Luís & A Parede",
    "O Rappa", "Ed Motta", "Banda Black Rio", "Fernanda Porto", "Os Cariocas",
    "Elis Regina", "Milton Nascimento", "A Cor Do Som", "Kid Abelha",
    "Sandra De Sá", "Jorge Ben", "Hermeto Pascoal", "Barão Vermelho",
    "Edson, DJ Marky & DJ Patife Featuring Fernanda Porto", "Metallica",
    "Queen", "Kiss", "Spyro Gyra", "Green Day", "David Coverdale",
    "Gonzaguinha", "Os Mutantes", "Deep Purple", "Santana", "Miles Davis",
    "Pink Floyd", "Nirvana",
]
N_ARTISTS_WITHOUT_ALBUMS = 6

WORDS_A = ["Black", "Electric", "Silent", "Golden", "Broken", "Midnight",
           "Wild", "Crimson", "Lonely", "Burning", "Hidden", "Velvet",
           "Frozen", "Restless", "Distant", "Sweet", "Dark", "Bright",
           "Endless", "Hollow", "Wicked", "Blue", "Secret", "Rising",
           "Falling", "Sacred", "Savage", "Gentle", "Neon", "Iron"]
WORDS_B = ["Heart", "River", "Highway", "Dream", "Fire", "Road", "Night",
           "Rain", "Sky", "Storm", "Angel", "Soul", "Train", "Moon", "City",
           "Shadow", "Love", "Thunder", "Sea", "Garden", "Mirror", "Wings",
           "Stone", "Light", "Summer", "Ocean", "Horizon", "Machine", "Ghost",
           "Desert", "Echo", "Kingdom", "Flame", "Wolf", "Island"]
WORDS_C = ["Blues", "Song", "Dance", "Serenade", "Waltz", "Ballad", "Groove",
           "Lullaby", "Anthem", "Samba", "Boogie", "Theme", "Jam", "Prayer",
           "Rhapsody", "Shuffle", "Stomp", "Hymn", "March", "Riff"]

FIRST_NAMES = ["Luís", "Leonie", "François", "Bjørn", "František", "Helena",
               "Astrid", "Daan", "Kara", "Eduardo", "Alexandre", "Roberto",
               "Fernanda", "Mark", "Jennifer", "Frank", "Jack", "Michelle",
               "Tim", "Dan", "Kathy", "Heather", "John", "Frank", "Victor",
               "Richard", "Patrick", "Julia", "Robert", "Niklas", "Camille",
               "Dominique", "Marc", "Wyatt", "Isabelle", "Terhi", "Ladislav",
               "Hugh", "Lucas", "Johannes", "Stanisław", "Enrique", "Joakim",
               "Emma", "Phil", "Steve", "Mark", "Diego", "Luis", "Manoj",
               "Puja", "Hannah", "Ana", "Madalena", "Martha", "Aaron",
               "Ellie", "Edward", "Leonardo", "Marta", "Nora", "Sofia",
               "Oliver", "Pedro", "Ingrid", "Klaus", "Maria", "Paulo"]
LAST_NAMES = ["Gonçalves", "Köhler", "Tremblay", "Hansen", "Wichterlová",
              "Holý", "Mayr", "Peeters", "Nielsen", "Martins", "Rocha",
              "Almeida", "Ramos", "Philips", "Peterson", "Harris", "Smith",
              "Brooks", "Goyer", "Miller", "Chase", "Gordon", "Ralston",
              "Stevens", "Cunningham", "O'Reilly", "Schneider", "Zimmermann",
              "Bernard", "Lefebvre", "Dubois", "Mercier", "Girard", "Hämäläinen",
              "Kovács", "O'Brien", "Gray", "Müller", "Wójcik", "Muñoz",
              "Johansson", "Jones", "Hughes", "Murray", "Gutiérrez", "Pareek",
              "Srivastava", "Schröder", "Sampaio", "Fernandes", "Silk",
              "Mitchell", "Sullivan", "Fischer", "Rossi", "Costa", "Larsen"]

COUNTRIES = [  # country, number of customers, cities, state-capable
    ("USA", 10, [("New York", "NY"), ("Chicago", "IL"), ("Seattle", "WA"),
                 ("Austin", "TX"), ("Boston", "MA"), ("Orlando", "FL"),
                 ("Reno", "NV"), ("Fort Worth", "TX")]),
    ("Canada", 7, [("Toronto", "ON"), ("Montréal", "QC"), ("Vancouver", "BC"),
                   ("Edmonton", "AB"), ("Halifax", "NS"), ("Ottawa", "ON")]),
    ("Brazil", 5, [("São Paulo", "SP"), ("Rio de Janeiro", "RJ"),
                   ("Brasília", "DF"), ("São José dos Campos", "SP")]),
    ("France", 5, [("Paris", None), ("Lyon", None), ("Bordeaux", None),
                   ("Dijon", None)]),
    ("Germany", 4, [("Berlin", None), ("Stuttgart", None),
                    ("Frankfurt", None)]),
    ("United Kingdom", 3, [("London", None), ("Edinburgh", None)]),
    ("Portugal", 2, [("Lisbon", None), ("Porto", None)]),
    ("India", 2, [("Delhi", None), ("Bangalore", None)]),
    ("Czech Republic", 2, [("Prague", None)]),
    ("Sweden", 2, [("Stockholm", None), ("Göteborg", None)]),
    ("Netherlands", 2, [("Amsterdam", None), ("Utrecht", None)]),
    ("Italy", 2, [("Rome", None), ("Milan", None)]),
    ("Spain", 2, [("Madrid", None), ("Barcelona", None)]),
    ("Australia", 2, [("Sydney", "NSW"), ("Melbourne", "VIC")]),
    ("Argentina", 2, [("Buenos Aires", None)]),
    ("Chile", 1, [("Santiago", None)]),
    ("Norway", 2, [("Oslo", None), ("Bergen", None)]),
    ("Poland", 1, [("Warsaw", None)]),
    ("Denmark", 2, [("Copenhagen", None), ("Aarhus", None)]),
    ("Ireland", 2, [("Dublin", None), ("Cork", None)]),
]

COMPANIES = ["Embraer - Empresa Brasileira de Aeronáutica S.A.",
             "JetBrains s.r.o.", "Woodstock Discos", "Banco do Brasil S.A.",
             "Riotur", "Telus", "Rogers Canada", "Google Inc.",
             "Microsoft Corporation", "Apple Inc.", "Northwind Traders",
             "Contoso Music"]

EMPLOYEES = [
    # id, last, first, title, reportsTo, birth, hire, city, state
    (1, "Adams", "Andrew", "General Manager", None, "1962-02-18",
     "2019-08-14", "Edmonton", "AB"),
    (2, "Edwards", "Nancy", "Sales Manager", 1, "1958-12-08",
     "2019-05-01", "Calgary", "AB"),
    (3, "Peacock", "Jane", "Sales Support Agent", 2, "1973-08-29",
     "2019-04-01", "Calgary", "AB"),
    (4, "Park", "Margaret", "Sales Support Agent", 2, "1967-09-19",
     "2020-05-03", "Calgary", "AB"),
    (5, "Johnson", "Steve", "Sales Support Agent", 2, "1975-03-03",
     "2020-10-17", "Calgary", "AB"),
    (6, "Mitchell", "Michael", "IT Manager", 1, "1973-07-01",
     "2020-10-17", "Calgary", "AB"),
    (7, "King", "Robert", "IT Staff", 6, "1980-05-29",
     "2021-01-02", "Lethbridge", "AB"),
    (8, "Callahan", "Laura", "IT Staff", 6, "1968-01-09",
     "2021-03-04", "Lethbridge", "AB"),
]

PLAYLISTS = ["Music", "Movies", "TV Shows", "90's Music", "Audiobooks",
             "Grunge", "Classical", "Brazilian Music", "Heavy Metal Classic",
             "On-The-Go 1"]


def ts(d):
    return d.strftime("%Y-%m-%d") + " 00:00:00"


def main():
    rng = random.Random(11)
    if os.path.exists(OUT):
        os.remove(OUT)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    con = sqlite3.connect(OUT)
    con.execute("PRAGMA foreign_keys = ON")
    con.executescript(SCHEMA)

    # Genres & media types
    con.executemany("INSERT INTO Genre VALUES (?,?)",
                    [(i + 1, g) for i, (g, _) in enumerate(GENRES)])
    con.executemany("INSERT INTO MediaType VALUES (?,?)",
                    [(i + 1, m) for i, (m, _, _) in enumerate(MEDIA_TYPES)])

    # Artists
    con.executemany("INSERT INTO Artist VALUES (?,?)",
                    [(i + 1, a) for i, a in enumerate(ARTISTS)])
    n_art = len(ARTISTS)
    no_album = set(rng.sample(range(1, n_art + 1), N_ARTISTS_WITHOUT_ALBUMS))
    with_album = [a for a in range(1, n_art + 1) if a not in no_album]
    # each artist has a "home" genre
    genre_ids = list(range(1, len(GENRES) + 1))
    gweights = [w for _, w in GENRES]
    artist_genre = {a: rng.choices(genre_ids, gweights)[0] for a in with_album}

    # Albums: every artist with albums gets >= 1, the rest by a skewed weight
    n_albums = 120
    album_artist = list(with_album)
    aw = [rng.paretovariate(1.3) for _ in with_album]
    while len(album_artist) < n_albums:
        album_artist.append(rng.choices(with_album, aw)[0])
    rng.shuffle(album_artist)
    titles = set()
    albums = []
    for i, art in enumerate(album_artist, start=1):
        while True:
            style = rng.random()
            if style < 0.4:
                t = f"{rng.choice(WORDS_A)} {rng.choice(WORDS_B)}"
            elif style < 0.7:
                t = f"The {rng.choice(WORDS_B)} {rng.choice(WORDS_C)}"
            elif style < 0.85:
                t = f"{rng.choice(WORDS_B)}s of {rng.choice(WORDS_B)}"
            else:
                t = f"Live in {rng.choice(['Tokyo', 'Rio', 'London', 'Paris', 'Berlin', 'Montreal', 'Dublin', 'Lisbon'])} {rng.randint(1970, 2015)}"
            if t not in titles:
                titles.add(t)
                break
        albums.append((i, t, art))
    con.executemany("INSERT INTO Album VALUES (?,?,?)", albums)

    # Tracks
    composers = ["Angus Young, Malcolm Young, Brian Johnson", "Steven Tyler, Joe Perry",
                 "Jimmy Page, Robert Plant", "Gilberto Gil", "Chico Buarque",
                 "Jorge Ben", "James Hetfield, Lars Ulrich", "Freddie Mercury",
                 "Brian May", "Roger Waters", "David Gilmour", "Kurt Cobain",
                 "Billie Joe Armstrong", "Miles Davis", "Carlos Santana",
                 "Johann Sebastian Bach", "Wolfgang Amadeus Mozart",
                 "Ludwig van Beethoven", "Tony Iommi, Ozzy Osbourne",
                 "Ritchie Blackmore, Ian Gillan", "Caetano Veloso",
                 "Milton Nascimento", "Antonio Carlos Jobim",
                 "Frank Zappa", "Jerry Cantrell", "Chris Cornell"]
    mt_ids = list(range(1, len(MEDIA_TYPES) + 1))
    mt_w = [w for _, w, _ in MEDIA_TYPES]
    track_names = set()
    tracks = []
    tid = 0
    target_tracks = 1500
    # track counts per album: varied, summing to ~1500
    counts = [rng.randint(5, 20) for _ in albums]
    scale = target_tracks / sum(counts)
    counts = [max(3, round(c * scale)) for c in counts]
    for (alb, _, art), cnt in zip(albums, counts):
        album_genre = artist_genre[art] if rng.random() < 0.8 else \
            rng.choices(genre_ids, gweights)[0]
        album_mt = rng.choices(mt_ids, mt_w)[0]
        album_comp = rng.choice(composers) if rng.random() < 0.75 else None
        for _ in range(cnt):
            tid += 1
            while True:
                s = rng.random()
                if s < 0.45:
                    n = f"{rng.choice(WORDS_A)} {rng.choice(WORDS_B)}"
                elif s < 0.75:
                    n = f"{rng.choice(WORDS_B)} {rng.choice(WORDS_C)}"
                else:
                    n = f"{rng.choice(WORDS_A)} {rng.choice(WORDS_B)} {rng.choice(WORDS_C)}"
                if rng.random() < 0.08:
                    n += f" (Part {rng.randint(2, 4)})"
                if n not in track_names:
                    track_names.add(n)
                    break
            g = album_genre if rng.random() < 0.9 else rng.choices(genre_ids, gweights)[0]
            mt = album_mt if rng.random() < 0.93 else rng.choices(mt_ids, mt_w)[0]
            price = MEDIA_TYPES[mt - 1][2]
            if mt == 3:  # video
                ms = rng.randint(1_200_000 // 4, 600_000)
                byts = int(ms * rng.uniform(250, 420))
            else:
                ms = int(min(600_000, max(60_000, rng.gauss(250_000, 90_000))))
                if g == 7:  # classical runs longer
                    ms = min(600_000, ms + rng.randint(30_000, 180_000))
                byts = int(ms * rng.uniform(28, 42))
            if album_comp is None:
                comp = None if rng.random() < 0.85 else rng.choice(composers)
            else:
                comp = album_comp if rng.random() < 0.85 else rng.choice([None, rng.choice(composers)])
            tracks.append((tid, n, alb, mt, g, comp, ms, byts, price))
    con.executemany("INSERT INTO Track VALUES (?,?,?,?,?,?,?,?,?)", tracks)
    n_tracks = len(tracks)

    # Playlists with varied sizes (distinct sizes)
    con.executemany("INSERT INTO Playlist VALUES (?,?)",
                    [(i + 1, p) for i, p in enumerate(PLAYLISTS)])
    sizes = rng.sample(range(8, 400), len(PLAYLISTS))
    sizes.sort(reverse=True)
    pt = []
    by_genre = {}
    for t in tracks:
        by_genre.setdefault(t[4], []).append(t[0])
    for pid, size in zip(range(1, len(PLAYLISTS) + 1), [sizes[0], sizes[3], sizes[5], sizes[1], 0, sizes[4], sizes[6], sizes[2], sizes[7], sizes[8]]):
        name = PLAYLISTS[pid - 1]
        if size == 0:  # Audiobooks: empty playlist
            continue
        if name == "Classical":
            pool = by_genre[7]
        elif name == "Heavy Metal Classic":
            pool = by_genre[3]
        elif name == "Grunge":
            pool = by_genre[4] + by_genre[1]
        elif name in ("Movies", "TV Shows"):
            pool = [t[0] for t in tracks if t[3] == 3] + by_genre[10]
        else:
            pool = list(range(1, n_tracks + 1))
        pool = sorted(set(pool))
        size = min(size, len(pool))
        for t in sorted(rng.sample(pool, size)):
            pt.append((pid, t))
    con.executemany("INSERT INTO PlaylistTrack VALUES (?,?)", pt)

    # Employees
    emps = []
    for (eid, ln, fn, title, rep, bd, hd, city, st) in EMPLOYEES:
        emps.append((eid, ln, fn, title, rep, bd + " 00:00:00", hd + " 00:00:00",
                     f"{rng.randint(100, 9999)} {rng.choice(['Jasper Ave NW', '5 Ave NW', 'Stony Plain Rd', '7 St S', 'Macleod Trail SW'])}",
                     city, st, "Canada", f"T{rng.randint(1, 9)}K {rng.randint(1, 9)}N{rng.randint(1, 9)}",
                     f"+1 (403) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
                     f"+1 (403) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
                     f"{fn.lower()}@chinookcorp.com"))
    con.executemany("INSERT INTO Employee VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", emps)

    # Customers
    customers = []
    used = set()
    cid = 0
    reps = [3, 4, 5]
    rep_w = [0.42, 0.33, 0.25]
    for country, n, cities in COUNTRIES:
        for _ in range(n):
            cid += 1
            while True:
                fn, ln = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                if (fn, ln) not in used:
                    used.add((fn, ln))
                    break
            city, st = rng.choice(cities)
            company = rng.choice(COMPANIES) if rng.random() < 0.22 else None
            phone = f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}"
            fax = phone[:-3] + str(rng.randint(100, 999)) if company else None
            email = (fn.lower() + "." + ln.lower()).replace("'", "") + "@" + \
                rng.choice(["gmail.com", "yahoo.com", "hotmail.com", "apple.com", "mail.com"])
            customers.append((cid, fn, ln, company,
                              f"{rng.randint(1, 999)} {rng.choice(WORDS_B)} Street",
                              city, st, country, f"{rng.randint(10000, 99999)}",
                              phone, fax, email, rng.choices(reps, rep_w)[0]))
    con.executemany("INSERT INTO Customer VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", customers)
    n_cust = len(customers)

    # Invoices: 3 customers never buy; customer activity skewed
    inactive = set(rng.sample(range(1, n_cust + 1), 3))
    active = [c for c in range(1, n_cust + 1) if c not in inactive]
    cw = [rng.uniform(0.3, 3.0) for _ in active]
    # track popularity: skewed, and artists' popularity too
    art_pop = {a: rng.paretovariate(2.5) for a in range(1, n_art + 1)}
    alb_art = {a[0]: a[2] for a in albums}
    tw = [art_pop[alb_art[t[2]]] * rng.paretovariate(2.0) for t in tracks]
    track_price = {t[0]: t[8] for t in tracks}
    start = date(2021, 1, 1)
    days = (date(2025, 12, 31) - start).days
    inv_dates = sorted(start + timedelta(days=rng.randint(0, days)) for _ in range(400))
    invoices, lines = [], []
    lid = 0
    cust_by_id = {c[0]: c for c in customers}
    for iid, d in enumerate(inv_dates, start=1):
        c = cust_by_id[rng.choices(active, cw)[0]]
        nlines = rng.choices(range(1, 11), [14, 16, 12, 10, 9, 8, 8, 8, 8, 7])[0]
        chosen = set()
        while len(chosen) < nlines:
            chosen.add(rng.choices(range(1, n_tracks + 1), tw)[0])
        total = 0.0
        for t in sorted(chosen):
            lid += 1
            q = 1
            lines.append((lid, iid, t, track_price[t], q))
            total += track_price[t] * q
        invoices.append((iid, c[0], ts(d), c[4], c[5], c[6], c[7], c[8],
                         round(total, 2)))
    con.executemany("INSERT INTO Invoice VALUES (?,?,?,?,?,?,?,?,?)", invoices)
    con.executemany("INSERT INTO InvoiceLine VALUES (?,?,?,?,?)", lines)
    con.commit()

    # sanity checks
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    bad = con.execute("""SELECT COUNT(*) FROM Invoice i WHERE abs(i.Total -
        (SELECT SUM(UnitPrice*Quantity) FROM InvoiceLine l WHERE l.InvoiceId=i.InvoiceId)) > 0.001""").fetchone()[0]
    assert bad == 0, bad
    for tname in ["Artist", "Album", "Genre", "MediaType", "Track", "Playlist",
                  "PlaylistTrack", "Employee", "Customer", "Invoice", "InvoiceLine"]:
        print(f"{tname:14s} {con.execute(f'SELECT COUNT(*) FROM {tname}').fetchone()[0]}")
    con.close()
    print("wrote", OUT)


if __name__ == "__main__":
    main()
