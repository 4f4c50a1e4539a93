import Foundation

/// `marketplace`: an online marketplace whose schema an ORM (Prisma-style) created:
/// PascalCase table names, camelCase column names, both quoted in SQL (`"Order"`,
/// `"sellerId"`). Sellers list items in a two-level category tree (a self-reference),
/// buyers (who may have been referred by another buyer, a second self-reference) place
/// orders of order lines, and review what they bought.
enum MarketplaceDataset {
    static let id = "marketplace"

    static let topCategories = ["Electronics", "Home & Garden", "Fashion", "Sports & Outdoors", "Books", "Toys & Games", "Collectibles"]
    /// Subcategory, parent (1-based), items, price range in whole units.
    static let subcategories: [(name: String, parent: Int, items: [String], prices: ClosedRange<Int>)] = [
        ("Phones", 1, ["Smartphone", "Phone case", "Charging cable", "Screen protector"], 8...900),
        ("Laptops", 1, ["Laptop", "Laptop stand", "Docking station", "Laptop sleeve"], 20...1800),
        ("Audio", 1, ["Wireless earbuds", "Bluetooth speaker", "Headphones", "Turntable"], 15...450),
        ("Cameras", 1, ["Mirrorless camera", "Camera lens", "Tripod", "Action camera"], 25...1400),
        ("Furniture", 2, ["Oak side table", "Bookshelf", "Office chair", "Bar stool"], 40...700),
        ("Kitchen", 2, ["Chef's knife", "Cast iron pan", "Espresso grinder", "Stand mixer"], 12...480),
        ("Garden", 2, ["Pruning shears", "Raised bed kit", "Hose reel", "Seed starter set"], 9...220),
        ("Women's Clothing", 3, ["Linen dress", "Wool coat", "Silk blouse", "Denim jacket"], 18...260),
        ("Men's Clothing", 3, ["Flannel shirt", "Chinos", "Rain jacket", "Merino sweater"], 20...240),
        ("Shoes", 3, ["Running shoes", "Leather boots", "Sneakers", "Sandals"], 25...210),
        ("Cycling", 4, ["Bike helmet", "Bike lights", "Road bike", "Saddle bag"], 15...1500),
        ("Camping", 4, ["Two-person tent", "Sleeping bag", "Camping stove", "Headlamp"], 12...380),
        ("Fitness", 4, ["Yoga mat", "Kettlebell", "Resistance bands", "Rowing machine"], 10...900),
        ("Fiction", 5, ["Paperback novel", "Hardcover thriller", "Fantasy box set", "Signed first edition"], 6...180),
        ("Non-fiction", 5, ["Cookbook", "Travel guide", "Biography", "History atlas"], 8...90),
        ("Board Games", 6, ["Strategy board game", "Party game", "Chess set", "Jigsaw puzzle"], 12...150),
        ("Video Games", 6, ["Retro console", "Game cartridge", "Controller", "Handheld console"], 10...400),
        ("Coins", 7, [], 5...500),
        ("Stamps", 7, [], 5...500),
    ]
    static let adjectives = ["Classic", "Compact", "Premium", "Vintage", "Lightweight", "Deluxe", "Eco", "Pro", "Mini", "Handmade"]
    static let places: [(String, [String])] = [
        ("Germany", ["Berlin", "Hamburg", "Munich", "Cologne"]), ("France", ["Paris", "Lyon", "Marseille"]),
        ("United Kingdom", ["London", "Manchester", "Bristol"]), ("Netherlands", ["Amsterdam", "Utrecht"]), ("Spain", ["Madrid", "Valencia"]),
        ("Italy", ["Milan", "Rome"]), ("Poland", ["Warsaw", "Krakow"]),
    ]
    static let lastDay = Day(2025, 12, 31)

    struct Listing {
        var id: Int
        var seller: Int
        var category: Int
        var priceCents: Int
        var created: Moment
    }

    static func make() -> BusinessDatabase {
        var random = BusinessRandom(seed: 0x3A4B_E7)

        var categoryTable = BusinessTable(
            "Category",
            [
                pk(), col("name", .text), col("slug", .text), fk("parentId", "Category", null: true),
            ]
        )
        func slug(_ name: String) -> String {
            name.lowercased().replacingOccurrences(of: "&", with: "and").replacingOccurrences(of: "'", with: "").split(separator: " ").joined(
                separator: "-"
            )
        }
        for (index, name) in topCategories.enumerated() { categoryTable.insert([.int(index + 1), .text(name), .text(slug(name)), .null]) }
        for (index, sub) in subcategories.enumerated() {
            categoryTable.insert([.int(topCategories.count + index + 1), .text(sub.name), .text(slug(sub.name)), .int(sub.parent)])
        }
        func subcategoryIds(of top: Int) -> [Int] {
            subcategories.indices.filter { subcategories[$0].parent == top && !subcategories[$0].items.isEmpty }.map { $0 + topCategories.count + 1 }
        }

        // sellers: (shop, top category, country, verified, joined)
        var sellers: [(shop: String, top: Int, country: String, verified: Bool, joined: Moment)] = [
            ("Retro Pixel Games", 6, "United Kingdom", true, Moment(day: Day(2022, 2, 14), seconds: 36_000)),
            ("Green Thumb Supplies", 2, "Netherlands", true, Moment(day: Day(2022, 4, 3), seconds: 50_400)),
            ("Urban Threads", 3, "France", false, Moment(day: Day(2022, 9, 19), seconds: 41_000)),
            ("TechRevive", 1, "Germany", true, Moment(day: Day(2022, 1, 10), seconds: 32_400)),
        ]
        var shops = Set(sellers.map(\.shop))
        while sellers.count < 59 {
            let shop =
                random.pick(["Nordic", "Sunny", "Little", "Golden", "Vintage", "Wild", "Cozy", "Bright", "Happy", "Silver", "Maple", "Harbor"])
                + " " + random.pick(["Finds", "Goods", "Corner", "Market", "Supply", "Outlet", "Studio", "Traders", "Hub", "Emporium"])
            guard shops.insert(shop).inserted else { continue }
            sellers.append(
                (shop, random.int(1...6), random.pick(places).0, random.chance(60), random.moment(on: random.day(Day(2022, 3, 1)...Day(2025, 6, 30))))
            )
        }
        sellers.append(("Quiet Corner Books", 5, "United Kingdom", false, Moment(day: Day(2025, 11, 20), seconds: 39_600)))
        var sellerTable = BusinessTable(
            "Seller",
            [
                pk(), col("shopName", .text), col("ownerFirstName", .text), col("ownerLastName", .text), col("country", .text),
                col("joinedAt", .timestamp), col("isVerified", .boolean), col("commissionPercent", .money),
            ]
        )
        var usedNames: Set<String> = ["Lena Fischer", "Tom Hughes"]
        for (index, seller) in sellers.enumerated() {
            let owner = Names.person(&random, used: &usedNames)
            sellerTable.insert([
                .int(index + 1), .text(seller.shop), .text(owner.first), .text(owner.last), .text(seller.country), .timestamp(seller.joined),
                .bool(seller.verified), .cents(random.int(16...30) * 50),
            ])
        }

        // buyers; Lena Fischer (1) referred Tom Hughes (2) and several others
        var buyerTable = BusinessTable(
            "Buyer",
            [
                pk(), col("firstName", .text), col("lastName", .text), col("email", .text), col("country", .text), col("city", .text),
                col("createdAt", .timestamp), col("hasPremium", .boolean), fk("referredById", "Buyer", null: true),
            ]
        )
        var buyers: [(created: Moment, premium: Bool)] = []
        // sign-up moments in id order, so a referrer always signed up before the buyer they referred
        let signups = (0..<518).map { _ in random.moment(on: random.day(Day(2023, 3, 5)...Day(2025, 12, 20)), fromHour: 0, toHour: 23) }.sorted()
        for index in 0..<520 {
            let name: (first: String, last: String)
            let place: (String, String)
            let created: Moment
            var referrer: Int? = nil
            switch index {
            case 0: (name, place, created) = (("Lena", "Fischer"), ("Germany", "Berlin"), Moment(day: Day(2022, 6, 8), seconds: 45_000))
            case 1:
                (name, place, created, referrer) = (
                    ("Tom", "Hughes"), ("United Kingdom", "Bristol"), Moment(day: Day(2023, 3, 2), seconds: 70_000), 1
                )
            default:
                name = Names.person(&random, used: &usedNames)
                let country = random.pick(places)
                place = (country.0, random.pick(country.1))
                created = signups[index - 2]
                if index % 40 == 7 { referrer = 1 } else if random.chance(22) { referrer = random.int(2...index) }
            }
            let premium = index == 0 || random.chance(20)
            buyers.append((created, premium))
            buyerTable.insert([
                .int(index + 1), .text(name.first), .text(name.last),
                .text(Names.emailPart(name.first) + "." + Names.emailPart(name.last) + String(random.int(1...99)) + "@inbox.example"),
                .text(place.0), .text(place.1), .timestamp(created), .bool(premium), referrer.map(BusinessValue.int) ?? .null,
            ])
        }

        // listings
        var listingTable = BusinessTable(
            "Listing",
            [
                pk(), fk("sellerId", "Seller"), fk("categoryId", "Category"), col("title", .text), col("price", .money), col("condition", .text),
                col("stockQuantity", .integer), col("isActive", .boolean), col("createdAt", .timestamp),
            ]
        )
        var listings: [Listing] = []
        var titles: Set<String> = ["Refurbished MacBook Pro 16"]
        func addListing(seller: Int, category: Int, title: String, cents: Int, condition: String, created: Moment) {
            let listing = Listing(id: listings.count + 1, seller: seller, category: category, priceCents: cents, created: created)
            listings.append(listing)
            let stock = random.chance(10) ? 0 : random.int(1...60)
            listingTable.insert([
                .int(listing.id), .int(seller), .int(category), .text(title), .cents(cents), .text(condition), .int(stock),
                .bool(listing.id == 1 || random.chance(85)), .timestamp(created),
            ])
        }
        addListing(
            seller: 4,
            category: 9,
            title: "Refurbished MacBook Pro 16",
            cents: 249_900,
            condition: "refurbished",
            created: Moment(day: Day(2023, 2, 6), seconds: 40_000)
        )
        while listings.count < 720 {
            let seller = random.int(1...(sellers.count - 1))
            let category = random.pick(subcategoryIds(of: sellers[seller - 1].top))
            let sub = subcategories[category - topCategories.count - 1]
            let item = random.pick(sub.items)
            let title = random.pick(adjectives) + " " + item.prefix(1).lowercased() + item.dropFirst()
            let fullTitle = titles.contains(title) ? title + " #" + String(listings.count + 1) : title
            titles.insert(fullTitle)
            let created = Moment(
                value: max(sellers[seller - 1].joined.value, random.moment(on: random.day(Day(2022, 3, 1)...Day(2025, 12, 15))).value)
                    + random.int(0...86_399)
            )
            let condition = random.weighted([("new", 65), ("used", 25), ("refurbished", 10)])
            addListing(
                seller: seller,
                category: category,
                title: fullTitle.prefix(1).uppercased() + fullTitle.dropFirst(),
                cents: random.int(sub.prices) * 100 + random.pick([0, 0, 49, 90, 99]),
                condition: condition,
                created: created
            )
        }

        // orders, lines, reviews
        var orderTable = BusinessTable(
            "Order",
            [
                pk(), fk("buyerId", "Buyer"), col("placedAt", .timestamp), col("status", .text), col("shippingFee", .money),
                col("couponCode", .text, null: true), col("deliveredAt", .timestamp, null: true),
            ]
        )
        var lineTable = BusinessTable(
            "OrderLine",
            [
                pk(), fk("orderId", "Order"), fk("listingId", "Listing"), col("quantity", .integer), col("unitPrice", .money),
            ]
        )
        var reviewTable = BusinessTable(
            "Review",
            [
                pk(), fk("orderLineId", "OrderLine"), fk("buyerId", "Buyer"), col("rating", .integer), col("comment", .text, null: true),
                col("createdAt", .timestamp), col("helpfulVotes", .integer),
            ]
        )
        var placed = (0..<2100).map { _ in random.moment(on: random.day(Day(2023, 1, 1)...lastDay), fromHour: 0, toHour: 23) }
        placed.sort()
        let sortedListings = listings.sorted { $0.created < $1.created }
        var reviews: [(Moment, Int, Int, Int, String?)] = []
        for at in placed {
            var buyer = random.chance(3) ? 1 : random.int(1...buyers.count)
            var tries = 0
            while buyers[buyer - 1].created > at, tries < 50 {
                buyer = random.int(1...buyers.count)
                tries += 1
            }
            guard buyers[buyer - 1].created <= at else { continue }
            let available = sortedListings.prefix { $0.created <= at }
            guard !available.isEmpty else { continue }
            let id = orderTable.rows.count + 1
            let age = lastDay.number - at.day.number
            let status =
                age <= 2
                ? random.weighted([("pending", 50), ("paid", 50)])
                : random.weighted([
                    ("delivered", 80), ("cancelled", 7), ("refunded", 5), ("shipped", age <= 12 ? 60 : 0), ("pending", age <= 6 ? 20 : 0),
                ])
            let delivered: Moment? = status == "delivered" || status == "refunded" ? at.adding(minutes: random.int(2 * 1440...12 * 1440)) : nil
            let black = at.day >= Day(at.day.year, 11, 22) && at.day <= Day(at.day.year, 12, 3)
            let coupon: String? =
                random.chance(black ? 60 : 12)
                ? (black ? "BLACKFRIDAY" : random.weighted([("WELCOME10", 40), ("SPRING24", 15), ("SUMMER25", 15), ("FREESHIP", 30)]))
                : nil
            let fee = buyers[buyer - 1].premium || coupon == "FREESHIP" ? 0 : random.pick([499, 699, 999])
            orderTable.insert([
                .int(id), .int(buyer), .timestamp(at), .text(status), .cents(fee), coupon.map(BusinessValue.text) ?? .null,
                delivered.flatMap { $0.day <= lastDay ? BusinessValue.timestamp($0) : nil } ?? .null,
            ])
            var chosen: Set<Int> = []
            for _ in 0..<random.weighted([(1, 55), (2, 25), (3, 13), (4, 7)]) {
                let listing = available[random.below(available.count)]
                guard chosen.insert(listing.id).inserted else { continue }
                let quantity = random.weighted([(1, 80), (2, 14), (3, 6)])
                let price = random.chance(10) ? listing.priceCents * 9 / 10 : listing.priceCents
                let lineId = lineTable.rows.count + 1
                lineTable.insert([.int(lineId), .int(id), .int(listing.id), .int(quantity), .cents(price)])
                if status == "delivered", let delivered, random.chance(40) {
                    let when = delivered.adding(minutes: random.int(1440...20 * 1440))
                    guard when.day <= lastDay else { continue }
                    let rating = random.weighted([(5, 45), (4, 28), (3, 12), (2, 7), (1, 8)])
                    let comments =
                        rating <= 2
                        ? ["Arrived broken", "Not as described", "Item was broken on arrival", "Very slow shipping", "Poor quality"]
                        : ["Great value", "Exactly as described", "Fast delivery", "Would buy again", "Good seller", "Decent for the price"]
                    reviews.append((when, lineId, buyer, rating, random.chance(40) ? nil : random.pick(comments)))
                }
            }
        }
        reviews.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        for review in reviews {
            reviewTable.insert([
                .int(reviewTable.rows.count + 1), .int(review.1), .int(review.2), .int(review.3), review.4.map(BusinessValue.text) ?? .null,
                .timestamp(review.0), .int(random.weighted([(0, 60), (random.int(1...5), 30), (random.int(6...40), 10)])),
            ])
        }

        return BusinessDatabase(id: id, tables: [categoryTable, sellerTable, buyerTable, listingTable, orderTable, lineTable, reviewTable])
    }
}
