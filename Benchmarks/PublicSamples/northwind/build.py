#!/usr/bin/env python3
"""Build a deterministic Northwind-style SQLite database.

Output: database/northwind/northwind.sqlite (deleted and recreated on each run).
Only the Python standard library is used; all randomness comes from random.Random(7).
"""
import os
import random
import sqlite3
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(os.environ.get("PUBLIC_SAMPLES_OUT", HERE), "database", "northwind")
OUT = os.path.join(OUT_DIR, "northwind.sqlite")

rng = random.Random(7)

SCHEMA = """
CREATE TABLE Categories (
    CategoryID   INTEGER PRIMARY KEY,
    CategoryName TEXT NOT NULL,
    Description  TEXT
);
CREATE TABLE Customers (
    CustomerID   TEXT PRIMARY KEY,
    CompanyName  TEXT NOT NULL,
    ContactName  TEXT,
    ContactTitle TEXT,
    Address      TEXT,
    City         TEXT,
    Region       TEXT,
    PostalCode   TEXT,
    Country      TEXT,
    Phone        TEXT,
    Fax          TEXT
);
CREATE TABLE Employees (
    EmployeeID      INTEGER PRIMARY KEY,
    LastName        TEXT NOT NULL,
    FirstName       TEXT NOT NULL,
    Title           TEXT,
    TitleOfCourtesy TEXT,
    BirthDate       TEXT,
    HireDate        TEXT,
    Address         TEXT,
    City            TEXT,
    Region          TEXT,
    PostalCode      TEXT,
    Country         TEXT,
    HomePhone       TEXT,
    Extension       TEXT,
    Notes           TEXT,
    ReportsTo       INTEGER,
    FOREIGN KEY (ReportsTo) REFERENCES Employees (EmployeeID)
);
CREATE TABLE Shippers (
    ShipperID   INTEGER PRIMARY KEY,
    CompanyName TEXT NOT NULL,
    Phone       TEXT
);
CREATE TABLE Suppliers (
    SupplierID   INTEGER PRIMARY KEY,
    CompanyName  TEXT NOT NULL,
    ContactName  TEXT,
    ContactTitle TEXT,
    Address      TEXT,
    City         TEXT,
    Region       TEXT,
    PostalCode   TEXT,
    Country      TEXT,
    Phone        TEXT,
    Fax          TEXT,
    HomePage     TEXT
);
CREATE TABLE Products (
    ProductID       INTEGER PRIMARY KEY,
    ProductName     TEXT NOT NULL,
    SupplierID      INTEGER,
    CategoryID      INTEGER,
    QuantityPerUnit TEXT,
    UnitPrice       REAL DEFAULT 0,
    UnitsInStock    INTEGER DEFAULT 0,
    UnitsOnOrder    INTEGER DEFAULT 0,
    ReorderLevel    INTEGER DEFAULT 0,
    Discontinued    INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (SupplierID) REFERENCES Suppliers (SupplierID),
    FOREIGN KEY (CategoryID) REFERENCES Categories (CategoryID)
);
CREATE TABLE Orders (
    OrderID        INTEGER PRIMARY KEY,
    CustomerID     TEXT,
    EmployeeID     INTEGER,
    OrderDate      TEXT,
    RequiredDate   TEXT,
    ShippedDate    TEXT,
    ShipVia        INTEGER,
    Freight        REAL DEFAULT 0,
    ShipName       TEXT,
    ShipAddress    TEXT,
    ShipCity       TEXT,
    ShipRegion     TEXT,
    ShipPostalCode TEXT,
    ShipCountry    TEXT,
    FOREIGN KEY (CustomerID) REFERENCES Customers (CustomerID),
    FOREIGN KEY (EmployeeID) REFERENCES Employees (EmployeeID),
    FOREIGN KEY (ShipVia) REFERENCES Shippers (ShipperID)
);
CREATE TABLE "Order Details" (
    OrderID   INTEGER NOT NULL,
    ProductID INTEGER NOT NULL,
    UnitPrice REAL NOT NULL DEFAULT 0,
    Quantity  INTEGER NOT NULL DEFAULT 1,
    Discount  REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (OrderID, ProductID),
    FOREIGN KEY (OrderID) REFERENCES Orders (OrderID),
    FOREIGN KEY (ProductID) REFERENCES Products (ProductID)
);
CREATE TABLE Region (
    RegionID          INTEGER PRIMARY KEY,
    RegionDescription TEXT NOT NULL
);
CREATE TABLE Territories (
    TerritoryID          TEXT PRIMARY KEY,
    TerritoryDescription TEXT NOT NULL,
    RegionID             INTEGER NOT NULL,
    FOREIGN KEY (RegionID) REFERENCES Region (RegionID)
);
CREATE TABLE EmployeeTerritories (
    EmployeeID  INTEGER NOT NULL,
    TerritoryID TEXT NOT NULL,
    PRIMARY KEY (EmployeeID, TerritoryID),
    FOREIGN KEY (EmployeeID) REFERENCES Employees (EmployeeID),
    FOREIGN KEY (TerritoryID) REFERENCES Territories (TerritoryID)
);
"""

# ---------------------------------------------------------------- categories
CATEGORIES = [
    (1, "Beverages", "Soft drinks, coffees, teas, beers, and ales"),
    (2, "Condiments", "Sweet and savory sauces, relishes, spreads, and seasonings"),
    (3, "Confections", "Desserts, candies, and sweet breads"),
    (4, "Dairy Products", "Cheeses"),
    (5, "Grains/Cereals", "Breads, crackers, pasta, and cereal"),
    (6, "Meat/Poultry", "Prepared meats"),
    (7, "Produce", "Dried fruit and bean curd"),
    (8, "Seafood", "Seaweed and fish"),
]

# ---------------------------------------------------------------- suppliers
# (name, contact, title, city, region, country, homepage?)
SUPPLIERS = [
    ("Exotic Liquids", "Charlotte Cooper", "Purchasing Manager", "London", None, "UK"),
    ("New Orleans Cajun Delights", "Shelley Burke", "Order Administrator", "New Orleans", "LA", "USA"),
    ("Grandma Kelly's Homestead", "Regina Murphy", "Sales Representative", "Ann Arbor", "MI", "USA"),
    ("Tokyo Traders", "Yoshi Nagase", "Marketing Manager", "Tokyo", None, "Japan"),
    ("Cooperativa de Quesos 'Las Cabras'", "Antonio del Valle Saavedra", "Export Administrator", "Oviedo", "Asturias", "Spain"),
    ("Mayumi's", "Mayumi Ohno", "Marketing Representative", "Osaka", None, "Japan"),
    ("Pavlova, Ltd.", "Ian Devling", "Marketing Manager", "Melbourne", "Victoria", "Australia"),
    ("Specialty Biscuits, Ltd.", "Peter Wilson", "Sales Representative", "Manchester", None, "UK"),
    ("PB Knäckebröd AB", "Lars Peterson", "Sales Agent", "Göteborg", None, "Sweden"),
    ("Refrescos Americanas LTDA", "Carlos Diaz", "Marketing Manager", "Sao Paulo", None, "Brazil"),
    ("Heli Süßwaren GmbH & Co. KG", "Petra Winkler", "Sales Manager", "Berlin", None, "Germany"),
    ("Plutzer Lebensmittelgroßmärkte AG", "Martin Bein", "International Marketing Mgr.", "Frankfurt", None, "Germany"),
    ("Nord-Ost-Fisch Handelsgesellschaft mbH", "Sven Petersen", "Coordinator Foreign Markets", "Cuxhaven", None, "Germany"),
    ("Formaggi Fortini s.r.l.", "Elio Rossi", "Sales Representative", "Ravenna", None, "Italy"),
    ("Norske Meierier", "Beate Vileid", "Marketing Manager", "Sandvika", None, "Norway"),
    ("Bigfoot Breweries", "Cheryl Saylor", "Regional Account Rep.", "Bend", "OR", "USA"),
    ("Svensk Sjöföda AB", "Michael Björn", "Sales Representative", "Stockholm", None, "Sweden"),
    ("Aux joyeux ecclésiastiques", "Guylène Nodier", "Sales Manager", "Paris", None, "France"),
    ("New England Seafood Cannery", "Robb Merchant", "Wholesale Account Agent", "Boston", "MA", "USA"),
    ("Leka Trading", "Chandra Leka", "Owner", "Singapore", None, "Singapore"),
    ("Lyngbysild", "Niels Petersen", "Sales Manager", "Lyngby", None, "Denmark"),
    ("Zaanse Snoepfabriek", "Dirk Luchte", "Accounting Manager", "Zaandam", None, "Netherlands"),
    ("Karkki Oy", "Anne Heikkonen", "Product Manager", "Lappeenranta", None, "Finland"),
    ("G'day, Mate", "Wendy Mackenzie", "Sales Representative", "Sydney", "NSW", "Australia"),
    ("Ma Maison", "Jean-Guy Lauzon", "Marketing Manager", "Montréal", "Québec", "Canada"),
    ("Pasta Buttini s.r.l.", "Giovanni Giudici", "Order Administrator", "Salerno", None, "Italy"),
    ("Escargots Nouveaux", "Marie Delamare", "Sales Manager", "Montceau", None, "France"),
    ("Gai pâturage", "Eliane Noz", "Sales Representative", "Annecy", None, "France"),
    ("Forêts d'érables", "Chantal Goulet", "Accounting Manager", "Ste-Hyacinthe", "Québec", "Canada"),
    # a newer supplier with no products yet
    ("Andes Gourmet Exportadora", "Camila Rojas", "Export Manager", "Santiago", None, "Chile"),
]

# ---------------------------------------------------------------- products
# (name, supplierID, categoryID, qty per unit, price, discontinued)
PRODUCTS = [
    ("Chai", 1, 1, "10 boxes x 20 bags", 18.00, 0),
    ("Chang", 1, 1, "24 - 12 oz bottles", 19.00, 0),
    ("Aniseed Syrup", 1, 2, "12 - 550 ml bottles", 10.00, 0),
    ("Chef Anton's Cajun Seasoning", 2, 2, "48 - 6 oz jars", 22.00, 0),
    ("Chef Anton's Gumbo Mix", 2, 2, "36 boxes", 21.35, 1),
    ("Grandma's Boysenberry Spread", 3, 2, "12 - 8 oz jars", 25.00, 0),
    ("Uncle Bob's Organic Dried Pears", 3, 7, "12 - 1 lb pkgs.", 30.00, 0),
    ("Northwoods Cranberry Sauce", 3, 2, "12 - 12 oz jars", 40.00, 0),
    ("Mishi Kobe Niku", 4, 6, "18 - 500 g pkgs.", 97.00, 1),
    ("Ikura", 4, 8, "12 - 200 ml jars", 31.00, 0),
    ("Queso Cabrales", 5, 4, "1 kg pkg.", 21.00, 0),
    ("Queso Manchego La Pastora", 5, 4, "10 - 500 g pkgs.", 38.00, 0),
    ("Konbu", 6, 8, "2 kg box", 6.00, 0),
    ("Tofu", 6, 7, "40 - 100 g pkgs.", 23.25, 0),
    ("Genen Shouyu", 6, 2, "24 - 250 ml bottles", 15.50, 0),
    ("Pavlova", 7, 3, "32 - 500 g boxes", 17.45, 0),
    ("Alice Mutton", 7, 6, "20 - 1 kg tins", 39.00, 1),
    ("Carnarvon Tigers", 7, 8, "16 kg pkg.", 62.50, 0),
    ("Teatime Chocolate Biscuits", 8, 3, "10 boxes x 12 pieces", 9.20, 0),
    ("Sir Rodney's Marmalade", 8, 3, "30 gift boxes", 81.00, 0),
    ("Sir Rodney's Scones", 8, 3, "24 pkgs. x 4 pieces", 10.00, 0),
    ("Gustaf's Knäckebröd", 9, 5, "24 - 500 g pkgs.", 21.00, 0),
    ("Tunnbröd", 9, 5, "12 - 250 g pkgs.", 9.00, 0),
    ("Guaraná Fantástica", 10, 1, "12 - 355 ml cans", 4.50, 1),
    ("NuNuCa Nuß-Nougat-Creme", 11, 3, "20 - 450 g glasses", 14.00, 0),
    ("Gumbär Gummibärchen", 11, 3, "100 - 250 g bags", 31.23, 0),
    ("Schoggi Schokolade", 11, 3, "100 - 100 g pieces", 43.90, 0),
    ("Rössle Sauerkraut", 12, 7, "25 - 825 g cans", 45.60, 1),
    ("Thüringer Rostbratwurst", 12, 6, "50 bags x 30 sausgs.", 123.79, 1),
    ("Nord-Ost Matjeshering", 13, 8, "10 - 200 g glasses", 25.89, 0),
    ("Gorgonzola Telino", 14, 4, "12 - 100 g pkgs", 12.50, 0),
    ("Mascarpone Fabioli", 14, 4, "24 - 200 g pkgs.", 32.00, 0),
    ("Geitost", 15, 4, "500 g", 2.50, 0),
    ("Sasquatch Ale", 16, 1, "24 - 12 oz bottles", 14.00, 0),
    ("Steeleye Stout", 16, 1, "24 - 12 oz bottles", 18.00, 0),
    ("Inlagd Sill", 17, 8, "24 - 250 g jars", 19.00, 0),
    ("Gravad lax", 17, 8, "12 - 500 g pkgs.", 26.00, 0),
    ("Côte de Blaye", 18, 1, "12 - 75 cl bottles", 263.50, 0),
    ("Chartreuse verte", 18, 1, "750 cc per bottle", 18.00, 0),
    ("Boston Crab Meat", 19, 8, "24 - 4 oz tins", 18.40, 0),
    ("Jack's New England Clam Chowder", 19, 8, "12 - 12 oz cans", 9.65, 0),
    ("Singaporean Hokkien Fried Mee", 20, 5, "32 - 1 kg pkgs.", 14.00, 1),
    ("Ipoh Coffee", 20, 1, "16 - 500 g tins", 46.00, 0),
    ("Gula Malacca", 20, 2, "20 - 2 kg bags", 19.45, 0),
    ("Rogede sild", 21, 8, "1k pkg.", 9.50, 0),
    ("Spegesild", 21, 8, "4 - 450 g glasses", 12.00, 0),
    ("Zaanse koeken", 22, 3, "10 - 4 oz boxes", 9.50, 0),
    ("Chocolade", 22, 3, "10 pkgs.", 12.75, 0),
    ("Maxilaku", 23, 3, "24 - 50 g pkgs.", 20.00, 0),
    ("Valkoinen suklaa", 23, 3, "12 - 100 g bars", 16.25, 0),
    ("Manjimup Dried Apples", 24, 7, "50 - 300 g pkgs.", 53.00, 0),
    ("Filo Mix", 24, 5, "16 - 2 kg boxes", 7.00, 0),
    ("Perth Pasties", 24, 6, "48 pieces", 32.80, 1),
    ("Tourtière", 25, 6, "16 pies", 7.45, 0),
    ("Pâté chinois", 25, 6, "24 boxes x 2 pies", 24.00, 0),
    ("Gnocchi di nonna Alice", 26, 5, "24 - 250 g pkgs.", 38.00, 0),
    ("Ravioli Angelo", 26, 5, "24 - 250 g pkgs.", 19.50, 0),
    ("Escargots de Bourgogne", 27, 8, "24 pieces", 13.25, 0),
    ("Raclette Courdavault", 28, 4, "5 kg pkg.", 55.00, 0),
    ("Camembert Pierrot", 28, 4, "15 - 300 g rounds", 34.00, 0),
    ("Sirop d'érable", 29, 2, "24 - 500 ml bottles", 28.50, 0),
    ("Tarte au sucre", 29, 3, "48 pies", 49.30, 0),
    ("Vegie-spread", 7, 2, "15 - 625 g jars", 43.90, 0),
    ("Wimmers gute Semmelknödel", 12, 5, "20 bags x 4 pieces", 33.25, 0),
    ("Louisiana Fiery Hot Pepper Sauce", 2, 2, "32 - 8 oz bottles", 21.05, 0),
    ("Louisiana Hot Spiced Okra", 2, 2, "24 - 8 oz jars", 17.00, 0),
    ("Laughing Lumberjack Lager", 16, 1, "24 - 12 oz bottles", 14.00, 0),
    ("Scottish Longbreads", 8, 3, "10 boxes x 8 pieces", 12.50, 0),
    ("Gudbrandsdalsost", 15, 4, "10 kg pkg.", 36.00, 0),
    ("Outback Lager", 7, 1, "24 - 355 ml bottles", 15.00, 0),
    ("Flotemysost", 15, 4, "10 - 500 g pkgs.", 21.50, 0),
    ("Mozzarella di Giovanni", 14, 4, "24 - 200 g pkgs.", 34.80, 0),
    ("Röd Kaviar", 17, 8, "24 - 150 g jars", 15.00, 0),
    ("Longlife Tofu", 4, 7, "5 kg pkg.", 10.00, 0),
    ("Rhönbräu Klosterbier", 12, 1, "24 - 0.5 l bottles", 7.75, 0),
    ("Lakkalikööri", 23, 1, "500 ml", 18.00, 0),
    ("Original Frankfurter grüne Soße", 12, 2, "12 boxes", 13.00, 0),
]
# products added to the catalogue recently: never ordered
NEVER_ORDERED = {"Louisiana Hot Spiced Okra", "Longlife Tofu", "Wimmers gute Semmelknödel"}
# products with nothing left on the shelf
OUT_OF_STOCK = {"Chef Anton's Gumbo Mix", "Alice Mutton", "Thüringer Rostbratwurst",
                "Gorgonzola Telino", "Perth Pasties", "Ravioli Angelo"}

# ---------------------------------------------------------------- customers
# (id, company, city, region, country)
CUSTOMERS = [
    ("ALFKI", "Alfreds Futterkiste", "Berlin", None, "Germany"),
    ("ANATR", "Ana Trujillo Emparedados y helados", "México D.F.", None, "Mexico"),
    ("ANTON", "Antonio Moreno Taquería", "México D.F.", None, "Mexico"),
    ("AROUT", "Around the Horn", "London", None, "UK"),
    ("BERGS", "Berglunds snabbköp", "Luleå", None, "Sweden"),
    ("BLAUS", "Blauer See Delikatessen", "Mannheim", None, "Germany"),
    ("BLONP", "Blondel père et fils", "Strasbourg", None, "France"),
    ("BOLID", "Bólido Comidas preparadas", "Madrid", None, "Spain"),
    ("BONAP", "Bon app'", "Marseille", None, "France"),
    ("BOTTM", "Bottom-Dollar Markets", "Tsawassen", "BC", "Canada"),
    ("BSBEV", "B's Beverages", "London", None, "UK"),
    ("CACTU", "Cactus Comidas para llevar", "Buenos Aires", None, "Argentina"),
    ("CENTC", "Centro comercial Moctezuma", "México D.F.", None, "Mexico"),
    ("CHOPS", "Chop-suey Chinese", "Bern", None, "Switzerland"),
    ("COMMI", "Comércio Mineiro", "Sao Paulo", "SP", "Brazil"),
    ("CONSH", "Consolidated Holdings", "London", None, "UK"),
    ("DRACD", "Drachenblut Delikatessen", "Aachen", None, "Germany"),
    ("DUMON", "Du monde entier", "Nantes", None, "France"),
    ("EASTC", "Eastern Connection", "London", None, "UK"),
    ("ERNSH", "Ernst Handel", "Graz", None, "Austria"),
    ("FAMIA", "Familia Arquibaldo", "Sao Paulo", "SP", "Brazil"),
    ("FISSA", "FISSA Fabrica Inter. Salchichas S.A.", "Madrid", None, "Spain"),
    ("FOLIG", "Folies gourmandes", "Lille", None, "France"),
    ("FOLKO", "Folk och fä HB", "Bräcke", None, "Sweden"),
    ("FRANK", "Frankenversand", "München", None, "Germany"),
    ("FRANR", "France restauration", "Nantes", None, "France"),
    ("FRANS", "Franchi S.p.A.", "Torino", None, "Italy"),
    ("FURIB", "Furia Bacalhau e Frutos do Mar", "Lisboa", None, "Portugal"),
    ("GALED", "Galería del gastrónomo", "Barcelona", None, "Spain"),
    ("GODOS", "Godos Cocina Típica", "Sevilla", None, "Spain"),
    ("GOURL", "Gourmet Lanchonetes", "Campinas", "SP", "Brazil"),
    ("GREAL", "Great Lakes Food Market", "Eugene", "OR", "USA"),
    ("GROSR", "GROSELLA-Restaurante", "Caracas", "DF", "Venezuela"),
    ("HANAR", "Hanari Carnes", "Rio de Janeiro", "RJ", "Brazil"),
    ("HILAA", "HILARION-Abastos", "San Cristóbal", "Táchira", "Venezuela"),
    ("HUNGC", "Hungry Coyote Import Store", "Elgin", "OR", "USA"),
    ("HUNGO", "Hungry Owl All-Night Grocers", "Cork", "Co. Cork", "Ireland"),
    ("ISLAT", "Island Trading", "Cowes", "Isle of Wight", "UK"),
    ("KOENE", "Königlich Essen", "Brandenburg", None, "Germany"),
    ("LACOR", "La corne d'abondance", "Versailles", None, "France"),
    ("LAMAI", "La maison d'Asie", "Toulouse", None, "France"),
    ("LAUGB", "Laughing Bacchus Wine Cellars", "Vancouver", "BC", "Canada"),
    ("LAZYK", "Lazy K Kountry Store", "Walla Walla", "WA", "USA"),
    ("LEHMS", "Lehmanns Marktstand", "Frankfurt a.M.", None, "Germany"),
    ("LETSS", "Let's Stop N Shop", "San Francisco", "CA", "USA"),
    ("LILAS", "LILA-Supermercado", "Barquisimeto", "Lara", "Venezuela"),
    ("LINOD", "LINO-Delicateses", "I. de Margarita", "Nueva Esparta", "Venezuela"),
    ("LONEP", "Lonesome Pine Restaurant", "Portland", "OR", "USA"),
    ("MAGAA", "Magazzini Alimentari Riuniti", "Bergamo", None, "Italy"),
    ("MAISD", "Maison Dewey", "Bruxelles", None, "Belgium"),
    ("MEREP", "Mère Paillarde", "Montréal", "Québec", "Canada"),
    ("MORGK", "Morgenstern Gesundkost", "Leipzig", None, "Germany"),
    ("NORTS", "North/South", "London", None, "UK"),
    ("OCEAN", "Océano Atlántico Ltda.", "Buenos Aires", None, "Argentina"),
    ("OLDWO", "Old World Delicatessen", "Anchorage", "AK", "USA"),
    ("OTTIK", "Ottilies Käseladen", "Köln", None, "Germany"),
    ("PARIS", "Paris spécialités", "Paris", None, "France"),
    ("PERIC", "Pericles Comidas clásicas", "México D.F.", None, "Mexico"),
    ("PICCO", "Piccolo und mehr", "Salzburg", None, "Austria"),
    ("PRINI", "Princesa Isabel Vinhos", "Lisboa", None, "Portugal"),
    ("QUEDE", "Que Delícia", "Rio de Janeiro", "RJ", "Brazil"),
    ("QUEEN", "Queen Cozinha", "Sao Paulo", "SP", "Brazil"),
    ("QUICK", "QUICK-Stop", "Cunewalde", None, "Germany"),
    ("RANCH", "Rancho grande", "Buenos Aires", None, "Argentina"),
    ("RATTC", "Rattlesnake Canyon Grocery", "Albuquerque", "NM", "USA"),
    ("REGGC", "Reggiani Caseifici", "Reggio Emilia", None, "Italy"),
    ("RICAR", "Ricardo Adocicados", "Rio de Janeiro", "RJ", "Brazil"),
    ("RICSU", "Richter Supermarkt", "Genève", None, "Switzerland"),
    ("ROMEY", "Romero y tomillo", "Madrid", None, "Spain"),
    ("SANTG", "Santé Gourmet", "Stavern", None, "Norway"),
    ("SAVEA", "Save-a-lot Markets", "Boise", "ID", "USA"),
    ("SEVES", "Seven Seas Imports", "London", None, "UK"),
    ("SIMOB", "Simons bistro", "København", None, "Denmark"),
    ("SPECD", "Spécialités du monde", "Paris", None, "France"),
    ("SPLIR", "Split Rail Beer & Ale", "Lander", "WY", "USA"),
    ("SUPRD", "Suprêmes délices", "Charleroi", None, "Belgium"),
    ("THEBI", "The Big Cheese", "Portland", "OR", "USA"),
    ("THECR", "The Cracker Box", "Butte", "MT", "USA"),
    ("TOMSP", "Toms Spezialitäten", "Münster", None, "Germany"),
    ("TORTU", "Tortuga Restaurante", "México D.F.", None, "Mexico"),
    ("TRADH", "Tradição Hipermercados", "Sao Paulo", "SP", "Brazil"),
    ("TRAIH", "Trail's Head Gourmet Provisioners", "Kirkland", "WA", "USA"),
    ("VAFFE", "Vaffeljernet", "Århus", None, "Denmark"),
    ("VICTE", "Victuailles en stock", "Lyon", None, "France"),
    ("VINET", "Vins et alcools Chevalier", "Reims", None, "France"),
    ("WANDK", "Die Wandernde Kuh", "Stuttgart", None, "Germany"),
    ("WARTH", "Wartian Herkku", "Oulu", None, "Finland"),
    ("WELLI", "Wellington Importadora", "Resende", "SP", "Brazil"),
    ("WHITC", "White Clover Markets", "Seattle", "WA", "USA"),
    ("WILMK", "Wilman Kala", "Helsinki", None, "Finland"),
    ("WOLZA", "Wolski  Zajazd", "Warszawa", None, "Poland"),
]
NO_ORDER_CUSTOMERS = {"FISSA", "PARIS"}

CONTACT_TITLES = ["Sales Representative", "Owner", "Marketing Manager", "Order Administrator",
                  "Accounting Manager", "Sales Manager", "Sales Agent", "Sales Associate",
                  "Marketing Assistant", "Assistant Sales Agent", "Owner/Marketing Assistant"]
FIRST_NAMES = ["Maria", "Ana", "Antonio", "Thomas", "Christina", "Hanna", "Frédérique", "Martín",
               "Laurence", "Elizabeth", "Victoria", "Patricio", "Francisco", "Yang", "Pedro",
               "Sven", "Janine", "Ann", "Roland", "Aria", "Diego", "Peter", "Carine", "Paolo",
               "Lino", "Eduardo", "José", "André", "Howard", "Manuel", "Mario", "Carlos",
               "Yoshi", "Patricia", "Helen", "Philip", "Daniel", "Annette", "Renate", "Jaime",
               "Rita", "Pascale", "Liz", "Jonas", "Jytte", "Dominique", "Art", "Horst", "Paula",
               "Karl", "Zbyszek", "Pirkko", "Matti", "Georg", "Isabel", "Alexander", "Henriette",
               "Bernardo", "Lúcia", "Catherine", "Giovanni", "Fran", "Simon", "Sergio", "Anabela"]
LAST_NAMES = ["Anders", "Trujillo", "Moreno", "Hardy", "Berglund", "Moos", "Citeaux", "Sommer",
              "Lebihan", "Lincoln", "Ashworth", "Simpson", "Chang", "Afonso", "Ottlieb", "Labrune",
              "Devon", "Pfalzheim", "Roulet", "Cruz", "Roel", "Franken", "Schmitt", "Accorti",
              "Rodriguez", "Saavedra", "Pedro Freyre", "Fonseca", "Snyder", "Pereira", "Pontes",
              "Hernández", "Latimer", "McKenna", "Bennett", "Cramer", "Tonini", "Domingues",
              "Pavarotti", "Müller", "Batista", "Perrier", "Nixon", "Kloss", "Koskitalo",
              "Karttunen", "Kumar", "Wilson", "Crowther", "Piestrzeniewicz", "Braunschweiger",
              "Messner", "Ibsen", "Larsson", "Camino", "Josephs", "Rancé", "Holz", "Carvalho"]
STREETS = ["Obere Str.", "Avda. de la Constitución", "Mataderos", "Hanover Sq.", "Berguvsvägen",
           "Forsterstr.", "place Kléber", "C/ Araquil", "rue des Bouchers", "Tsawassen Blvd.",
           "Fauntleroy Circus", "Cerrito", "Sierras de Granada", "Hauptstr.", "Av. dos Lusíadas",
           "Berkeley Gardens", "Walserweg", "rue des Cinquante Otages", "Kirchgasse", "Rua Orós",
           "Moralzarzal", "Chaussée de Tournai", "Åkergatan", "Berliner Platz", "54, rue Royale",
           "Via Monte Bianco", "Jardim das rosas", "Rambla de Cataluña", "C/ Romero", "Av. Brasil",
           "City Center Plaza", "Carrera", "Rua do Paço", "Taucherstraße", "Garden House",
           "Maubelstr.", "South House", "Ing. Gustavo Moncada", "Rue Joseph-Bens", "Luisenstr.",
           "Strada Provinciale", "Rua da Panificadora", "Grenzacherweg", "Gran Vía", "Erling Skakkes gate",
           "Vinbæltet", "Smagsløget", "Boulevard Tirou", "Adenauerallee", "Torikatu", "Keskuskatu",
           "ul. Filtrowa", "Polk St.", "Baker Blvd.", "Jefferson Way", "Seashore Blvd."]


def phone(rng, country):
    if country in ("USA", "Canada"):
        return "(%03d) %03d-%04d" % (rng.randint(201, 989), rng.randint(200, 999), rng.randint(0, 9999))
    return "%d-%03d %04d" % (rng.randint(1, 99), rng.randint(100, 999), rng.randint(0, 9999))


def postal(rng, country):
    if country in ("USA",):
        return "%05d" % rng.randint(10000, 99999)
    if country == "Canada":
        return "T%dA %dB%d" % (rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9))
    if country == "UK":
        return "EC%d %dDP" % (rng.randint(1, 9), rng.randint(1, 9))
    if country in ("Singapore",):
        return "%04d" % rng.randint(100, 9999)
    return "%05d" % rng.randint(1000, 99999)


def address(rng):
    s = rng.choice(STREETS)
    n = rng.randint(1, 999)
    return "%s %d" % (s, n) if rng.random() < 0.6 else "%d %s" % (n, s)


# ---------------------------------------------------------------- employees
EMPLOYEES = [
    # id, last, first, title, courtesy, birth, hire, city, region, country, ext, reportsTo
    (1, "Davolio", "Nancy", "Sales Representative", "Ms.", "1978-12-08", "2016-05-01", "Seattle", "WA", "USA", "5467", 2),
    (2, "Fuller", "Andrew", "Vice President, Sales", "Dr.", "1972-02-19", "2014-08-14", "Tacoma", "WA", "USA", "3457", None),
    (3, "Leverling", "Janet", "Sales Representative", "Ms.", "1983-08-30", "2016-04-01", "Kirkland", "WA", "USA", "3355", 2),
    (4, "Peacock", "Margaret", "Sales Representative", "Mrs.", "1967-09-19", "2017-05-03", "Redmond", "WA", "USA", "5176", 2),
    (5, "Buchanan", "Steven", "Sales Manager", "Mr.", "1975-03-04", "2017-10-17", "London", None, "UK", "3453", 2),
    (6, "Suyama", "Michael", "Sales Representative", "Mr.", "1983-07-02", "2018-10-17", "London", None, "UK", "428", 5),
    (7, "King", "Robert", "Sales Representative", "Mr.", "1980-05-29", "2019-01-02", "London", None, "UK", "465", 5),
    (8, "Callahan", "Laura", "Inside Sales Coordinator", "Ms.", "1978-01-09", "2019-03-05", "Seattle", "WA", "USA", "2344", 2),
    (9, "Dodsworth", "Anne", "Sales Representative", "Ms.", "1986-01-27", "2020-11-15", "London", None, "UK", "452", 5),
]
EMP_NOTES = {
    1: "Education includes a BA in psychology. Member of Toastmasters International.",
    2: "Holds a BTS in commerce and a PhD in international marketing. Fluent in French and Italian.",
    3: "Holds a BA in chemistry. Promoted to sales representative after working as a sales associate.",
    4: "Holds a BA in English literature. Completed a course in business correspondence.",
    5: "Graduated with a BSC degree. Completed the Successful Telemarketing course.",
    6: "Graduated with a BA in economics. Completed courses in multi-cultural selling.",
    7: "Served in the Peace Corps. Completed a BA in English.",
    8: "Has a BA in psychology. Reads and writes French.",
    9: "Holds a BA degree in English. Fluent in French and German.",
}

SHIPPERS = [(1, "Speedy Express", "(503) 555-9831"),
            (2, "United Package", "(503) 555-3199"),
            (3, "Federal Shipping", "(503) 555-9931")]

REGIONS = [(1, "Eastern"), (2, "Western"), (3, "Northern"), (4, "Southern")]
TERRITORIES = [
    ("01581", "Westboro", 1), ("01730", "Bedford", 1), ("01833", "Georgetown", 1),
    ("02116", "Boston", 1), ("02139", "Cambridge", 1), ("02184", "Braintree", 1),
    ("02903", "Providence", 1), ("03049", "Hollis", 3), ("03801", "Portsmouth", 3),
    ("06897", "Wilton", 1), ("07960", "Morristown", 1), ("08837", "Edison", 1),
    ("10019", "New York", 1), ("10038", "New York", 1), ("11747", "Mellvile", 1),
    ("14450", "Fairport", 1), ("19428", "Philadelphia", 3), ("19713", "Neward", 1),
    ("20852", "Rockville", 1), ("27403", "Greensboro", 1), ("27511", "Cary", 1),
    ("29202", "Columbia", 4), ("30346", "Atlanta", 4), ("31406", "Savannah", 4),
    ("32859", "Orlando", 4), ("33607", "Tampa", 4), ("40222", "Louisville", 1),
    ("44122", "Beachwood", 3), ("45839", "Findlay", 3), ("48075", "Southfield", 3),
    ("48084", "Troy", 3), ("48304", "Bloomfield Hills", 3), ("53404", "Racine", 3),
    ("55113", "Roseville", 3), ("55439", "Minneapolis", 3), ("60179", "Hoffman Estates", 2),
    ("60601", "Chicago", 2), ("72716", "Bentonville", 4), ("75234", "Dallas", 4),
    ("78759", "Austin", 4), ("80202", "Denver", 2), ("80909", "Colorado Springs", 2),
    ("85014", "Phoenix", 2), ("85251", "Scottsdale", 2), ("90405", "Santa Monica", 2),
    ("94025", "Menlo Park", 2), ("94105", "San Francisco", 2), ("95008", "Campbell", 2),
    ("95054", "Santa Clara", 2), ("95060", "Santa Cruz", 2), ("98004", "Bellevue", 2),
    ("98052", "Redmond", 2), ("98104", "Seattle", 2),
]
EMP_TERRITORIES = {
    1: ["06897", "19713"],
    2: ["01581", "01730", "01833", "02116", "02139", "02184", "40222"],
    3: ["30346", "31406", "32859", "33607"],
    4: ["20852", "27403", "27511"],
    5: ["02903", "07960", "08837", "10019", "10038", "11747", "14450"],
    6: ["85014", "85251", "98004", "98052", "98104"],
    7: ["60179", "60601", "80202", "80909", "90405", "94025", "94105", "95008", "95054", "95060"],
    8: ["19428", "44122", "45839", "53404"],
    9: ["03049", "03801", "48075", "48084", "48304", "55113", "55439"],
}


def d2s(d):
    return d.strftime("%Y-%m-%d")


def build():
    os.makedirs(OUT_DIR, exist_ok=True)
    if os.path.exists(OUT):
        os.remove(OUT)
    con = sqlite3.connect(OUT)
    con.execute("PRAGMA foreign_keys = ON")
    con.executescript(SCHEMA)

    con.executemany("INSERT INTO Categories VALUES (?,?,?)", CATEGORIES)

    # suppliers
    for i, (name, contact, title, city, region, country) in enumerate(SUPPLIERS, start=1):
        home = None
        if rng.random() < 0.3:
            home = "http://www.%s.example/" % "".join(c for c in name.lower() if c.isalnum())[:14]
        fax = phone(rng, country) if rng.random() < 0.4 else None
        con.execute("INSERT INTO Suppliers VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (i, name, contact, title, address(rng), city, region, postal(rng, country),
                     country, phone(rng, country), fax, home))

    # products
    product_rows = []
    for i, (name, sup, cat, qpu, price, disc) in enumerate(PRODUCTS, start=1):
        if name in OUT_OF_STOCK:
            stock = 0
        else:
            stock = rng.randint(3, 125)
        reorder = rng.choice([0, 0, 5, 10, 10, 15, 20, 25, 30])
        on_order = 0
        if stock < reorder or rng.random() < 0.15:
            on_order = rng.choice([10, 20, 30, 40, 50, 60, 70, 80, 100])
        if disc:
            on_order = 0
        product_rows.append((i, name, sup, cat, qpu, price, stock, on_order, reorder, disc))
    con.executemany("INSERT INTO Products VALUES (?,?,?,?,?,?,?,?,?,?)", product_rows)

    # customers
    for cid, company, city, region, country in CUSTOMERS:
        contact = "%s %s" % (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
        fax = phone(rng, country) if rng.random() < 0.6 else None
        con.execute("INSERT INTO Customers VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (cid, company, contact, rng.choice(CONTACT_TITLES), address(rng), city, region,
                     postal(rng, country), country, phone(rng, country), fax))

    # employees: insert the boss first so the self-reference is satisfied
    for e in sorted(EMPLOYEES, key=lambda r: r[11] is not None):
        (eid, last, first, title, court, birth, hire, city, region, country, ext, boss) = e
        con.execute("INSERT INTO Employees VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (eid, last, first, title, court, birth, hire, address(rng), city, region,
                     postal(rng, country), country, phone(rng, country), ext, EMP_NOTES[eid], boss))

    con.executemany("INSERT INTO Shippers VALUES (?,?,?)", SHIPPERS)
    con.executemany("INSERT INTO Region VALUES (?,?)", REGIONS)
    con.executemany("INSERT INTO Territories VALUES (?,?,?)", TERRITORIES)
    for eid, terrs in EMP_TERRITORIES.items():
        for t in terrs:
            con.execute("INSERT INTO EmployeeTerritories VALUES (?,?)", (eid, t))

    # ------------------------------------------------------------ orders
    cust_info = {c[0]: c for c in CUSTOMERS}
    ordering = [c[0] for c in CUSTOMERS if c[0] not in NO_ORDER_CUSTOMERS]
    # skewed customer activity; some customers stop ordering after 2023
    cust_weight = {c: round(0.3 + 12 * rng.random() ** 2.5, 3) for c in ordering}
    stops_early = set(rng.sample(ordering, 18))
    emp_weight = {1: 11, 2: 4, 3: 12, 4: 15, 5: 4.5, 6: 6.5, 7: 8, 8: 9.5, 9: 3.5}
    ship_weight = {1: 3, 2: 4, 3: 3.2}
    # popularity of products (orderable only)
    orderable = [r for r in product_rows if r[1] not in NEVER_ORDERED]
    prod_weight = {r[0]: round(0.4 + 3 * rng.random() ** 1.5, 3) for r in orderable}
    disc_cutoff = date(2023, 9, 1)  # discontinued products are no longer sold after this

    start = date(2022, 7, 1)
    end = date(2024, 5, 31)
    span = (end - start).days
    n_orders = 812
    order_dates = sorted(start + timedelta(days=rng.randint(0, span)) for _ in range(n_orders))
    last_day = end
    oid = 10248
    details = []
    for od in order_dates:
        pool = [c for c in ordering if not (c in stops_early and od >= date(2024, 1, 1))]
        cid = rng.choices(pool, weights=[cust_weight[c] for c in pool])[0]
        eid = rng.choices(list(emp_weight), weights=list(emp_weight.values()))[0]
        via = rng.choices(list(ship_weight), weights=list(ship_weight.values()))[0]
        req = od + timedelta(days=rng.choice([14, 28, 28, 28, 28, 42]))
        r = rng.random()
        if r < 0.07:
            ship = od + timedelta(days=(req - od).days + rng.randint(1, 12))  # late
        else:
            ship = od + timedelta(days=rng.randint(1, min(20, (req - od).days)))
        if ship > last_day or rng.random() < 0.012:
            shipped = None
        else:
            shipped = d2s(ship)
        freight = round(0.5 + rng.random() ** 2.2 * 900 + rng.random(), 2)
        _, company, city, region, country = cust_info[cid]
        caddr = con.execute("SELECT Address, PostalCode FROM Customers WHERE CustomerID=?",
                            (cid,)).fetchone()
        con.execute("INSERT INTO Orders VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (oid, cid, eid, d2s(od), d2s(req), shipped, via, freight, company,
                     caddr[0], city, region, caddr[1], country))
        nlines = rng.choices([1, 2, 3, 4, 5], weights=[25, 30, 22, 14, 9])[0]
        cands = [r for r in orderable if not (r[9] and od >= disc_cutoff)]
        chosen = set()
        while len(chosen) < nlines:
            p = rng.choices(cands, weights=[prod_weight[r[0]] for r in cands])[0]
            chosen.add(p[0])
        for pid in sorted(chosen):
            base = product_rows[pid - 1][5]
            price = round(base * 0.9, 2) if od < date(2023, 1, 1) else base
            qty = rng.choice([rng.randint(1, 20), rng.randint(5, 60), rng.randint(10, 130)])
            disc = rng.choices([0, 0.05, 0.1, 0.15, 0.2, 0.25], weights=[55, 10, 10, 9, 9, 7])[0]
            details.append((oid, pid, price, qty, disc))
        oid += 1
    con.executemany('INSERT INTO "Order Details" VALUES (?,?,?,?,?)', details)

    con.commit()
    bad = con.execute("PRAGMA foreign_key_check").fetchall()
    assert not bad, bad
    con.close()


if __name__ == "__main__":
    build()
    con = sqlite3.connect(OUT)
    for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        n = con.execute('SELECT COUNT(*) FROM "%s"' % t).fetchone()[0]
        print("%-20s %6d" % (t, n))
    con.close()
    print("wrote", OUT)
