/// The fixed reference data the sample database is built from: people's names by language,
/// countries with their cities and sales regions, categories with their products, suppliers
/// and the staff of the fictional online retailer "Meridian Retail".
enum SampleCatalog {
    typealias NamePool = (firstNames: [String], lastNames: [String])
    /// A country customers live in; `isDiverse` countries also draw names from every pool.
    typealias Country = (name: String, region: String, weight: Int, cities: [String], names: NamePool, isDiverse: Bool)
    typealias Product = (name: String, priceCents: Int)
    /// A product category; `supplierIDs` are the ids (1-based positions in ``suppliers``) that stock it.
    typealias Category = (name: String, description: String, skuPrefix: String, supplierIDs: [Int], products: [Product])
    typealias Supplier = (companyName: String, contactName: String, emailDomain: String, city: String, country: String)
    /// A member of staff; `managerID` is the 1-based position of the manager in ``employees``.
    typealias Employee = (
        firstName: String, lastName: String, title: String, managerID: Int?,
        hired: (year: Int, month: Int, day: Int), region: String
    )

    /// The domain of staff email addresses.
    static let staffEmailDomain = "meridianretail.example"
    /// Domains of customer email addresses (reserved example domains).
    static let customerEmailDomains = ["example.com", "example.net", "example.org"]

    static let english: NamePool = (
        [
            "James", "Olivia", "William", "Emma", "Benjamin", "Charlotte", "Henry", "Amelia", "Jack", "Grace",
            "Daniel", "Chloe", "Samuel", "Emily", "Thomas", "Hannah", "Ethan", "Sophie", "Noah", "Lily",
        ],
        [
            "Smith", "Johnson", "Williams", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thompson", "Walker",
            "Robinson", "Wright", "Clarke", "Harris", "Lewis", "Miller", "Anderson", "Baker", "Cooper", "Murphy",
        ]
    )
    static let french: NamePool = (
        ["Camille", "Louis", "Léa", "Hugo", "Manon", "Lucas", "Chloé", "Gabriel", "Inès", "Arthur", "Juliette", "Théo"],
        [
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
            "Laurent", "Lefèvre", "Fontaine", "Girard",
        ]
    )
    static let german: NamePool = (
        [
            "Lukas", "Anna", "Felix", "Marie", "Jonas", "Lena", "Maximilian", "Laura", "Paul", "Sophie", "Leon",
            "Hannah", "Niklas", "Katharina",
        ],
        [
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz",
            "Koch", "Richter", "Wolf", "Neumann",
        ]
    )
    static let spanish: NamePool = (
        [
            "Sofía", "Mateo", "Lucía", "Santiago", "Valentina", "Diego", "Camila", "Alejandro", "Isabella", "Javier",
            "Martina", "Carlos", "Elena", "Pablo",
        ],
        [
            "García", "Rodríguez", "Martínez", "López", "Hernández", "González", "Pérez", "Sánchez", "Ramírez",
            "Torres", "Flores", "Ruiz", "Morales", "Navarro",
        ]
    )
    static let italian: NamePool = (
        [
            "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Matteo", "Martina", "Lorenzo",
            "Elisa", "Davide",
        ],
        [
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
            "Bruno", "Gallo", "Conti", "De Luca",
        ]
    )
    static let portuguese: NamePool = (
        [
            "João", "Ana", "Pedro", "Beatriz", "Gabriel", "Mariana", "Rafael", "Larissa", "Gustavo", "Juliana",
            "Felipe", "Fernanda",
        ],
        [
            "Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Ferreira", "Almeida", "Carvalho",
            "Ribeiro", "Gomes", "Barbosa", "Rocha",
        ]
    )
    static let japanese: NamePool = (
        ["Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Yuto", "Sakura", "Daiki", "Mei", "Kaito", "Rin"],
        [
            "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato",
            "Yoshida", "Yamada",
        ]
    )
    static let indian: NamePool = (
        ["Aarav", "Priya", "Arjun", "Ananya", "Rohan", "Diya", "Vikram", "Kavya", "Aditya", "Neha", "Rahul", "Isha"],
        ["Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Joshi", "Rao", "Desai"]
    )
    static let namePools = [english, french, german, spanish, italian, portuguese, japanese, indian]

    static let countries: [Country] = [
        ("USA", "Americas", 24, ["New York", "Los Angeles", "Chicago", "San Francisco", "Seattle", "Austin", "Boston"], english, true),
        ("Canada", "Americas", 6, ["Toronto", "Vancouver", "Montreal"], english, true),
        ("Brazil", "Americas", 7, ["São Paulo", "Rio de Janeiro", "Belo Horizonte"], portuguese, false),
        ("Mexico", "Americas", 4, ["Mexico City", "Guadalajara", "Monterrey"], spanish, false),
        ("United Kingdom", "Europe", 10, ["London", "Manchester", "Edinburgh", "Bristol"], english, true),
        ("France", "Europe", 9, ["Paris", "Lyon", "Marseille", "Toulouse"], french, false),
        ("Germany", "Europe", 10, ["Berlin", "Munich", "Hamburg", "Frankfurt"], german, false),
        ("Spain", "Europe", 6, ["Madrid", "Barcelona", "Valencia"], spanish, false),
        ("Italy", "Europe", 5, ["Rome", "Milan", "Turin"], italian, false),
        ("Japan", "Asia-Pacific", 8, ["Tokyo", "Osaka", "Kyoto"], japanese, false),
        ("Australia", "Asia-Pacific", 5, ["Sydney", "Melbourne", "Brisbane"], english, true),
        ("India", "Asia-Pacific", 6, ["Mumbai", "Bangalore", "New Delhi"], indian, false),
    ]

    static let suppliers: [Supplier] = [
        ("Shenzhen Bright Electronics Co.", "Wei Zhang", "brightelectronics.example", "Shenzhen", "China"),
        ("Nordic Audio AB", "Erik Lindqvist", "nordicaudio.example", "Stockholm", "Sweden"),
        ("Tokyo Precision Devices", "Haruto Sato", "tokyoprecision.example", "Osaka", "Japan"),
        ("Penguin Lane Publishing", "Harriet Cole", "penguinlane.example", "London", "United Kingdom"),
        ("Atlas Book Distributors", "Robert Klein", "atlasbooks.example", "New York", "USA"),
        ("Maison Cuisine SARL", "Julien Moreau", "maisoncuisine.example", "Lyon", "France"),
        ("Kessler Haushaltwaren GmbH", "Petra Kessler", "kessler-haushalt.example", "Munich", "Germany"),
        ("Peak Performance Sports Ltd", "Sarah Whitfield", "peakperformance.example", "Manchester", "United Kingdom"),
        ("Andes Outdoor Gear", "Diego Fernández", "andesoutdoor.example", "Buenos Aires", "Argentina"),
        ("Happy Kids Toys Co.", "Mei Lin", "happykidstoys.example", "Taipei", "Taiwan"),
        ("Bottega Tessile S.p.A.", "Marco Bianchi", "bottegatessile.example", "Milan", "Italy"),
        ("Pacific Apparel Group", "Jessica Nguyen", "pacificapparel.example", "Los Angeles", "USA"),
    ]

    static let categories: [Category] = [
        (
            "Electronics", "Audio, computing accessories, wearables and cameras", "ELE", [1, 2, 3],
            [
                ("Wireless Noise-Cancelling Headphones", 249_99), ("Portable Bluetooth Speaker", 79_99),
                ("27-inch 4K Monitor", 329_99), ("Mechanical Keyboard", 119_99), ("Wireless Mouse", 29_99),
                ("USB-C Charging Hub", 49_99), ("Smartwatch Series 5", 199_99), ("10-inch Android Tablet", 229_99),
                ("Portable SSD 1TB", 109_99), ("1080p Webcam", 59_99), ("E-Reader with Backlight", 139_99),
                ("4K Action Camera", 179_99),
            ]
        ),
        (
            "Books", "Fiction, non-fiction, cooking and technical books", "BOO", [4, 5],
            [
                ("The Pragmatic Programmer", 42_95), ("Clean Code", 37_49), ("Designing Data-Intensive Applications", 54_99),
                ("Sapiens: A Brief History of Humankind", 19_99), ("Atomic Habits", 16_99), ("The Midnight Library", 14_99),
                ("Dune", 12_99), ("Project Hail Mary", 18_49), ("The Joy of Cooking", 34_95), ("SQL Cookbook", 49_99),
            ]
        ),
        (
            "Home & Kitchen", "Cookware, small appliances and home textiles", "HOM", [6, 7],
            [
                ("Stainless Steel Cookware Set", 189_99), ("8-inch Chef's Knife", 69_95), ("Espresso Machine", 349_95),
                ("Non-Stick Frying Pan", 34_99), ("Electric Kettle", 39_99), ("1200W Blender", 89_99),
                ("Cotton Bath Towel Set", 44_99), ("5L Air Fryer", 119_99), ("Ceramic Dinner Plates (Set of 6)", 54_99),
                ("Cast Iron Dutch Oven", 79_99),
            ]
        ),
        (
            "Sports", "Fitness equipment, outdoor gear and team sports", "SPO", [8, 9],
            [
                ("Yoga Mat", 29_99), ("Adjustable Dumbbells 24kg", 299_99), ("Running Shoes", 119_95),
                ("Road Bike Helmet", 64_99), ("Tennis Racket", 149_99), ("Soccer Ball Size 5", 24_99),
                ("Resistance Bands Set", 19_99), ("Insulated Water Bottle 1L", 27_49), ("2-Person Camping Tent", 159_99),
                ("Fitness Tracker Band", 49_99),
            ]
        ),
        (
            "Toys", "Games, puzzles, building sets and kids' crafts", "TOY", [10],
            [
                ("Building Blocks Set 500 pcs", 39_99), ("Remote Control Car", 54_99), ("Wooden Train Set", 44_99),
                ("Plush Teddy Bear", 19_99), ("1000-Piece Jigsaw Puzzle", 17_99), ("Strategy Board Game", 34_99),
                ("Kids Art Kit", 24_99), ("Dollhouse with Furniture", 89_99), ("Science Experiment Kit", 29_99),
                ("Beginner Camera Drone", 69_99),
            ]
        ),
        (
            "Clothing", "Outerwear, knitwear and everyday basics", "CLO", [11, 12],
            [
                ("Classic Denim Jacket", 79_99), ("Merino Wool Sweater", 89_99), ("Cotton T-Shirt 3-Pack", 24_99),
                ("Waterproof Rain Jacket", 109_99), ("Slim Fit Chinos", 49_99), ("Hooded Sweatshirt", 44_99),
                ("Leather Belt", 34_99), ("Wool Scarf", 29_99), ("Running Shorts", 27_99), ("Winter Parka", 199_99),
            ]
        ),
    ]

    static let employees: [Employee] = [
        ("Margaret", "Chen", "Chief Executive Officer", nil, (2016, 3, 1), "Global"),
        ("David", "Okafor", "VP of Sales", 1, (2017, 6, 15), "Global"),
        ("Claire", "Dubois", "Regional Sales Manager", 2, (2018, 2, 1), "Europe"),
        ("Michael", "Torres", "Regional Sales Manager", 2, (2018, 9, 10), "Americas"),
        ("Kenji", "Watanabe", "Regional Sales Manager", 2, (2019, 1, 14), "Asia-Pacific"),
        ("Sophie", "Martin", "Senior Sales Representative", 3, (2019, 5, 6), "Europe"),
        ("Lukas", "Becker", "Sales Representative", 3, (2020, 3, 2), "Europe"),
        ("Isabella", "Rossi", "Sales Representative", 3, (2021, 7, 19), "Europe"),
        ("Oliver", "Hughes", "Sales Representative", 3, (2022, 4, 11), "Europe"),
        ("Elena", "García", "Sales Representative", 3, (2024, 2, 5), "Europe"),
        ("James", "Carter", "Senior Sales Representative", 4, (2018, 11, 12), "Americas"),
        ("Ashley", "Johnson", "Sales Representative", 4, (2020, 8, 24), "Americas"),
        ("Lucas", "Oliveira", "Sales Representative", 4, (2021, 1, 18), "Americas"),
        ("Valentina", "López", "Sales Representative", 4, (2022, 10, 3), "Americas"),
        ("Ryan", "Mitchell", "Sales Representative", 4, (2023, 9, 11), "Americas"),
        ("Yuki", "Tanaka", "Senior Sales Representative", 5, (2019, 10, 7), "Asia-Pacific"),
        ("Priya", "Sharma", "Sales Representative", 5, (2021, 5, 24), "Asia-Pacific"),
        ("Liam", "O'Connor", "Sales Representative", 5, (2022, 8, 1), "Asia-Pacific"),
        ("Anna", "Schmidt", "Operations Manager", 1, (2017, 11, 20), "Global"),
        ("Thomas", "Wright", "Logistics Coordinator", 19, (2020, 6, 8), "Global"),
    ]
}
