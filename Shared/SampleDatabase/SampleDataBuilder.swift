import QuerentCore

/// Generates every row of the sample database from ``SampleCatalog`` and a fixed seed.
///
/// Customers sign up from 2022 on; orders grow about 40% over 2023-01-01…2025-06-30 and peak
/// in November and December; a few customers buy far more than the rest; each order is handled
/// by a sales representative (or the regional manager) of the customer's region who was already
/// hired; recent orders are still pending or shipped; discontinued products stop selling after
/// mid-2024; payment amounts equal the `order_totals` view.
struct SampleDataBuilder {
    typealias Customer = (
        id: Int, firstName: String, lastName: String, city: String, country: SampleCatalog.Country,
        segment: String, created: Int, weight: Int
    )
    typealias Product = (
        id: Int, sku: String, name: String, categoryID: Int, supplierID: Int, priceCents: Int,
        stock: Int, reorderLevel: Int, discontinued: Bool, popularity: Int
    )
    typealias Seller = (id: Int, region: String, hired: Int, weight: Int)

    static let customerCount = 250
    static let orderCount = 1000
    static let firstOrderDay = SampleCalendar.day(year: 2023, month: 1, day: 1)
    static let lastOrderDay = SampleCalendar.day(year: 2025, month: 6, day: 30)
    /// Discontinued products sell until this day.
    static let discontinuedAfter = SampleCalendar.day(year: 2024, month: 6, day: 30)
    /// Relative order volume per month, January first.
    static let seasonality = [85, 80, 90, 90, 95, 95, 90, 90, 100, 105, 135, 150]

    private var random = SplitMix64(seed: 0x5155_4552_454E_5431)

    /// The rows of ``SampleDatabase/tableNames``, in that order.
    mutating func build() -> [SampleTable] {
        let customers = makeCustomers()
        let products = makeProducts()
        return [categoryTable(), supplierTable(), employeeTable(), customerTable(customers), productTable(products)]
            + makeOrders(customers: customers, products: products)
    }

    // MARK: - Reference tables

    private func categoryTable() -> SampleTable {
        var table = SampleTable(insert: "INSERT INTO categories (id, name, description) VALUES ($1, $2, $3)")
        for (offset, category) in SampleCatalog.categories.enumerated() {
            table.rows.append([.int(Int64(offset + 1)), .text(category.name), .text(category.description)])
        }
        return table
    }

    private func supplierTable() -> SampleTable {
        var table = SampleTable(
            insert: "INSERT INTO suppliers (id, company_name, contact_name, email, city, country) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        for (offset, supplier) in SampleCatalog.suppliers.enumerated() {
            table.rows.append([
                .int(Int64(offset + 1)), .text(supplier.companyName), .text(supplier.contactName),
                .text("sales@\(supplier.emailDomain)"), .text(supplier.city), .text(supplier.country),
            ])
        }
        return table
    }

    private func employeeTable() -> SampleTable {
        var table = SampleTable(
            insert: """
                INSERT INTO employees (id, first_name, last_name, email, title, manager_id, hire_date, region)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """
        )
        for (offset, employee) in SampleCatalog.employees.enumerated() {
            let email = "\(Self.slug(employee.firstName)).\(Self.slug(employee.lastName))@\(SampleCatalog.staffEmailDomain)"
            let hired = SampleCalendar.day(year: employee.hired.year, month: employee.hired.month, day: employee.hired.day)
            table.rows.append([
                .int(Int64(offset + 1)), .text(employee.firstName), .text(employee.lastName), .text(email),
                .text(employee.title), employee.managerID.map { .int(Int64($0)) } ?? .null,
                .text(SampleCalendar.string(hired)), .text(employee.region),
            ])
        }
        return table
    }

    // MARK: - Customers and products

    /// Customers with ids in sign-up order, as an auto-increment key would give them.
    private mutating func makeCustomers() -> [Customer] {
        let signUpStart = SampleCalendar.day(year: 2022, month: 1, day: 1)
        let countryChoices = SampleCatalog.countries.map { (value: $0, weight: $0.weight) }
        var drafts: [Customer] = []
        for _ in 0..<Self.customerCount {
            let country = random.weighted(countryChoices)
            let names = country.isDiverse && random.chance(20) ? random.pick(SampleCatalog.namePools) : country.names
            let firstName = random.pick(names.firstNames)
            let lastName = random.pick(names.lastNames)
            let segment = random.weighted([(value: "Consumer", weight: 65), (value: "Corporate", weight: 20), (value: "Small Business", weight: 15)])
            // About a third signed up in 2022, before the first order in the data.
            let created =
                random.chance(35)
                ? random.next(in: signUpStart...(Self.firstOrderDay - 1))
                : random.next(in: Self.firstOrderDay...(Self.lastOrderDay - 30))
            // A heavy tail: a few customers order far more often than the rest.
            let appetite = random.next(below: 100)
            let weight = (1 + appetite * appetite * appetite / 20_000) * (segment == "Consumer" ? 1 : 2)
            drafts.append((0, firstName, lastName, random.pick(country.cities), country, segment, created, weight))
        }
        let ordered = drafts.enumerated().sorted { ($0.element.created, $0.offset) < ($1.element.created, $1.offset) }
        return ordered.enumerated().map { index, draft in
            var customer = draft.element
            customer.id = index + 1
            return customer
        }
    }

    private func customerTable(_ customers: [Customer]) -> SampleTable {
        var table = SampleTable(
            insert: """
                INSERT INTO customers (id, first_name, last_name, email, city, country, segment, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """
        )
        var emails: Set<String> = []
        for customer in customers {
            let domains = SampleCatalog.customerEmailDomains
            let local = "\(Self.slug(customer.firstName)).\(Self.slug(customer.lastName))"
            var email = "\(local)@\(domains[customer.id % domains.count])"
            var suffix = 2
            while !emails.insert(email).inserted {
                email = "\(local)\(suffix)@\(domains[customer.id % domains.count])"
                suffix += 1
            }
            table.rows.append([
                .int(Int64(customer.id)), .text(customer.firstName), .text(customer.lastName), .text(email),
                .text(customer.city), .text(customer.country.name), .text(customer.segment),
                .text(SampleCalendar.string(customer.created)),
            ])
        }
        return table
    }

    private mutating func makeProducts() -> [Product] {
        var products: [Product] = []
        for (categoryIndex, category) in SampleCatalog.categories.enumerated() {
            for (offset, item) in category.products.enumerated() {
                let reorderLevel = random.pick([10, 15, 20, 25])
                let discontinued = random.chance(6)
                let stock =
                    discontinued
                    ? 0
                    : random.chance(18) ? random.next(in: 0...reorderLevel) : random.next(in: (reorderLevel + 5)...240)
                products.append(
                    (
                        id: products.count + 1, sku: "\(category.skuPrefix)-\((categoryIndex + 1) * 1000 + offset + 1)",
                        name: item.name, categoryID: categoryIndex + 1, supplierID: random.pick(category.supplierIDs),
                        priceCents: item.priceCents, stock: stock, reorderLevel: reorderLevel, discontinued: discontinued,
                        popularity: random.next(in: 1...10)
                    )
                )
            }
        }
        return products
    }

    private func productTable(_ products: [Product]) -> SampleTable {
        var table = SampleTable(
            insert: """
                INSERT INTO products (id, sku, name, category_id, supplier_id, unit_price, units_in_stock, reorder_level, discontinued)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """
        )
        for product in products {
            table.rows.append([
                .int(Int64(product.id)), .text(product.sku), .text(product.name), .int(Int64(product.categoryID)),
                .int(Int64(product.supplierID)), .text(Self.money(product.priceCents)), .int(Int64(product.stock)),
                .int(Int64(product.reorderLevel)), .bool(product.discontinued),
            ])
        }
        return table
    }

    // MARK: - Orders, line items and payments

    /// The `orders`, `order_items` and `payments` tables; order ids follow order dates.
    private mutating func makeOrders(customers: [Customer], products: [Product]) -> [SampleTable] {
        var orders = SampleTable(
            insert: """
                INSERT INTO orders (id, customer_id, employee_id, order_date, shipped_date, status, ship_city, ship_country)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """
        )
        var items = SampleTable(
            insert: "INSERT INTO order_items (order_id, product_id, quantity, unit_price, discount) VALUES ($1, $2, $3, $4, $5)"
        )
        // The amount is read back from the view so payments and order totals agree to the cent.
        var payments = SampleTable(
            insert: """
                INSERT INTO payments (id, order_id, paid_at, amount, method)
                VALUES ($1, $2, $3, (SELECT total FROM order_totals WHERE order_id = $2), $4)
                """
        )
        let sellers = makeSellers()
        var cumulativeWeights: [Int] = []
        for customer in customers { cumulativeWeights.append((cumulativeWeights.last ?? 0) + customer.weight) }
        var signedUp = 0
        for (index, day) in orderDays().enumerated() {
            let orderID = Int64(index + 1)
            while signedUp < customers.count, customers[signedUp].created <= day { signedUp += 1 }
            let ticket = random.next(below: cumulativeWeights[signedUp - 1])
            let customer = customers[cumulativeWeights.firstIndex { $0 > ticket } ?? signedUp - 1]
            let seller = random.weighted(
                sellers.filter { $0.region == customer.country.region && $0.hired <= day }.map { (value: $0.id, weight: $0.weight) }
            )
            let status = orderStatus(day: day)
            let shipped = ["shipped", "delivered", "returned"].contains(status) ? day + random.next(in: 1...3) : nil
            let shipCity = random.chance(90) ? customer.city : random.pick(customer.country.cities)
            orders.rows.append([
                .int(orderID), .int(Int64(customer.id)), .int(Int64(seller)), .text(SampleCalendar.string(day)),
                shipped.map { .text(SampleCalendar.string($0)) } ?? .null, .text(status), .text(shipCity),
                .text(customer.country.name),
            ])
            for product in lineProducts(from: products, day: day) {
                items.rows.append([
                    .int(orderID), .int(Int64(product.id)), .int(Int64(quantity(segment: customer.segment))),
                    .text(Self.money(product.priceCents)), .text(discount(segment: customer.segment)),
                ])
            }
            // Cancelled orders are never paid; half of the pending ones are already paid by card.
            guard status != "cancelled", status != "pending" || random.chance(50) else { continue }
            let method = status == "pending" ? "card" : paymentMethod(segment: customer.segment)
            let paidDay = method == "bank_transfer" ? min(day + random.next(in: 1...5), Self.lastOrderDay) : day
            let paidAt = SampleCalendar.string(paidDay, secondOfDay: random.next(in: 7 * 3600...(24 * 3600 - 1)))
            payments.rows.append([.int(Int64(payments.rows.count + 1)), .int(orderID), .text(paidAt), .text(method)])
        }
        return [orders, items, payments]
    }

    /// Who can handle an order: the regional sales managers now and then, their representatives mostly.
    private func makeSellers() -> [Seller] {
        SampleCatalog.employees.enumerated().compactMap { offset, employee in
            let weight: Int
            switch employee.title {
            case "Senior Sales Representative": weight = 5
            case "Sales Representative": weight = 4
            case "Regional Sales Manager": weight = 1
            default: return nil
            }
            let hired = SampleCalendar.day(year: employee.hired.year, month: employee.hired.month, day: employee.hired.day)
            return (id: offset + 1, region: employee.region, hired: hired, weight: weight)
        }
    }

    /// ``orderCount`` order dates, ascending: demand grows about 40% over the period and peaks before the holidays.
    private mutating func orderDays() -> [Int] {
        let span = Self.lastOrderDay - Self.firstOrderDay
        let maximumWeight = (Self.seasonality.max() ?? 1) * 1_400
        var days: [Int] = []
        while days.count < Self.orderCount {
            let day = random.next(in: Self.firstOrderDay...Self.lastOrderDay)
            let weight = Self.seasonality[SampleCalendar.civil(day).month - 1] * (1_000 + 400 * (day - Self.firstOrderDay) / span)
            if random.next(below: maximumWeight) < weight { days.append(day) }
        }
        return days.sorted()
    }

    /// Old orders are delivered (a few returned); the last days' orders are still pending or shipped.
    private mutating func orderStatus(day: Int) -> String {
        let age = Self.lastOrderDay - day
        if random.chance(6) { return "cancelled" }
        if age < 3 { return "pending" }
        if age < 10 { return random.chance(30) ? "pending" : "shipped" }
        return random.chance(5) ? "returned" : "delivered"
    }

    /// One to five distinct products, favouring popular ones; discontinued products only before they stopped selling.
    private mutating func lineProducts(from products: [Product], day: Int) -> [Product] {
        let choices = products.filter { !$0.discontinued || day <= Self.discontinuedAfter }.map { (value: $0, weight: $0.popularity) }
        let count = random.weighted([
            (value: 1, weight: 35), (value: 2, weight: 30), (value: 3, weight: 20), (value: 4, weight: 10), (value: 5, weight: 5),
        ])
        var chosen: [Product] = []
        while chosen.count < count {
            let product = random.weighted(choices)
            if !chosen.contains(where: { $0.id == product.id }) { chosen.append(product) }
        }
        return chosen.sorted { $0.id < $1.id }
    }

    /// Units on one line: consumers buy one to three, businesses more.
    private mutating func quantity(segment: String) -> Int {
        switch segment {
        case "Corporate": random.next(in: 1...8)
        case "Small Business": random.next(in: 1...6)
        default: random.weighted([(value: 1, weight: 70), (value: 2, weight: 20), (value: 3, weight: 10)])
        }
    }

    /// A discount as a fraction (`"0.05"`); business customers negotiate more of them.
    private mutating func discount(segment: String) -> String {
        let percent =
            switch segment {
            case "Corporate": random.weighted([(value: 0, weight: 40), (value: 5, weight: 25), (value: 10, weight: 25), (value: 15, weight: 10)])
            case "Small Business": random.weighted([(value: 0, weight: 60), (value: 5, weight: 25), (value: 10, weight: 15)])
            default: random.weighted([(value: 0, weight: 80), (value: 5, weight: 12), (value: 10, weight: 6), (value: 15, weight: 2)])
            }
        return Self.money(percent)
    }

    private mutating func paymentMethod(segment: String) -> String {
        switch segment {
        case "Corporate": random.weighted([(value: "bank_transfer", weight: 60), (value: "card", weight: 35), (value: "paypal", weight: 5)])
        case "Small Business": random.weighted([(value: "card", weight: 45), (value: "bank_transfer", weight: 35), (value: "paypal", weight: 20)])
        default: random.weighted([(value: "card", weight: 60), (value: "paypal", weight: 30), (value: "bank_transfer", weight: 10)])
        }
    }

    // MARK: - Formatting

    /// Hundredths as decimal text: 2499 → `"24.99"`, 5 → `"0.05"`.
    static func money(_ hundredths: Int) -> String {
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A name as an ASCII email local part: `"Lefèvre"` → `"lefevre"`, `"O'Connor"` → `"oconnor"`.
    static func slug(_ name: String) -> String {
        var slug = ""
        for character in name.lowercased() {
            if let ascii = asciiFolding[character] {
                slug += ascii
            } else if character.isASCII, character.isLetter {
                slug.append(character)
            }
        }
        return slug
    }

    private static let asciiFolding: [Character: String] = [
        "á": "a", "à": "a", "â": "a", "ã": "a", "ä": "a", "ç": "c", "é": "e", "è": "e", "ê": "e", "ë": "e",
        "í": "i", "î": "i", "ï": "i", "ñ": "n", "ó": "o", "ô": "o", "õ": "o", "ö": "o", "ú": "u", "û": "u", "ü": "u",
    ]
}
