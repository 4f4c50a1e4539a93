import Foundation

/// `saas_billing`: a B2B software company's billing database. Accounts subscribe to per-seat
/// plans (monthly or annual), get invoices, their users generate usage events and open
/// support tickets. snake_case, `id` primary keys.
enum SaaSBillingDataset {
    static let id = "saas_billing"

    struct Plan {
        var name: String
        var monthlyCents: Int
        var maxSeats: Int?
        var isPublic: Bool
        var launched: Day
    }

    static let plans = [
        Plan(name: "Free", monthlyCents: 0, maxSeats: 3, isPublic: true, launched: Day(2020, 1, 15)),
        Plan(name: "Starter", monthlyCents: 1200, maxSeats: 10, isPublic: true, launched: Day(2020, 1, 15)),
        Plan(name: "Growth", monthlyCents: 2500, maxSeats: 50, isPublic: true, launched: Day(2021, 4, 1)),
        Plan(name: "Business", monthlyCents: 4500, maxSeats: 200, isPublic: true, launched: Day(2021, 4, 1)),
        Plan(name: "Enterprise", monthlyCents: 7900, maxSeats: nil, isPublic: true, launched: Day(2022, 9, 1)),
        Plan(name: "Legacy Pro", monthlyCents: 1500, maxSeats: 25, isPublic: false, launched: Day(2019, 6, 1)),
        Plan(name: "Nonprofit", monthlyCents: 800, maxSeats: 100, isPublic: false, launched: Day(2025, 6, 1)),
    ]

    static let taxPercent: [String: Int] = [
        "United States": 0, "Canada": 5, "United Kingdom": 20, "Germany": 19, "France": 20, "Netherlands": 21, "Australia": 10,
        "Brazil": 0, "India": 18, "Japan": 10,
    ]

    struct Account {
        var id: Int
        var name: String
        var industry: String
        var country: String
        var signup: Day
        var employees: Int?
        var partner: Bool
    }

    struct User {
        var id: Int
        var account: Int
        var created: Moment
        var active: Bool
    }

    /// A planned subscription: plan index (0-based), cycle, seats, start, end, status, reason.
    struct Subscription {
        var account: Int
        var plan: Int
        var annual: Bool
        var seats: Int
        var start: Day
        var end: Day?
        var status: String
        var reason: String?
    }

    static let lastDay = Day(2025, 12, 31)

    static func make() -> BusinessDatabase {
        var random = BusinessRandom(seed: 0x5AA5_B111)

        // plans
        var planTable = BusinessTable(
            "plans",
            [
                pk(), col("name", .text), col("monthly_price_per_seat", .money), col("annual_price_per_seat", .money),
                col("max_seats", .integer, null: true), col("is_public", .boolean), col("launched_on", .date),
            ]
        )
        for (index, plan) in plans.enumerated() {
            planTable.insert([
                .int(index + 1), .text(plan.name), .cents(plan.monthlyCents), .cents(plan.monthlyCents * 10),
                plan.maxSeats.map(BusinessValue.int) ?? .null, .bool(plan.isPublic), .date(plan.launched),
            ])
        }

        // accounts
        let industries = ["Software", "Retail", "Healthcare", "Finance", "Education", "Manufacturing", "Media", "Logistics"]
        let countries: [(String, Int)] = [
            ("United States", 30), ("United Kingdom", 12), ("Germany", 12), ("France", 8), ("Canada", 8), ("Australia", 6),
            ("Netherlands", 6), ("Brazil", 6), ("India", 6), ("Japan", 6),
        ]
        var accounts = [
            Account(
                id: 1,
                name: "Acme Robotics",
                industry: "Manufacturing",
                country: "United States",
                signup: Day(2023, 1, 4),
                employees: 1200,
                partner: false
            ),
            Account(
                id: 2,
                name: "Northwind Traders",
                industry: "Retail",
                country: "United Kingdom",
                signup: Day(2023, 2, 15),
                employees: 85,
                partner: true
            ),
            Account(
                id: 3,
                name: "Globex Corporation",
                industry: "Finance",
                country: "United States",
                signup: Day(2023, 3, 9),
                employees: 5400,
                partner: false
            ),
            Account(id: 4, name: "Initech", industry: "Software", country: "Canada", signup: Day(2023, 5, 22), employees: 140, partner: false),
            Account(
                id: 5,
                name: "Umbrella Health",
                industry: "Healthcare",
                country: "Germany",
                signup: Day(2023, 6, 30),
                employees: 760,
                partner: false
            ),
            Account(
                id: 6,
                name: "Bluth Foods",
                industry: "Retail",
                country: "United States",
                signup: Day(2024, 2, 12),
                employees: nil,
                partner: false
            ),
        ]
        let names = Names.companies(214, random: &random, excluding: Set(accounts.map(\.name)))
        for name in names {
            let employees: Int? =
                random.chance(15) ? nil : random.weighted([(random.int(3...40), 50), (random.int(41...400), 35), (random.int(401...3000), 15)])
            accounts.append(
                Account(
                    id: accounts.count + 1,
                    name: name,
                    industry: random.pick(industries),
                    country: random.weighted(countries),
                    signup: random.day(Day(2023, 1, 10)...Day(2025, 12, 10)),
                    employees: employees,
                    partner: random.chance(8)
                )
            )
        }
        var accountTable = BusinessTable(
            "accounts",
            [
                pk(), col("company_name", .text), col("industry", .text), col("country", .text), col("signup_date", .date),
                col("employee_count", .integer, null: true), col("is_partner", .boolean), col("billing_email", .text),
            ]
        )
        for account in accounts {
            accountTable.insert([
                .int(account.id), .text(account.name), .text(account.industry), .text(account.country), .date(account.signup),
                account.employees.map(BusinessValue.int) ?? .null, .bool(account.partner), .text("billing@" + domain(account.name)),
            ])
        }

        // users
        var userTable = BusinessTable(
            "users",
            [
                pk(), fk("account_id", "accounts"), col("first_name", .text), col("last_name", .text), col("email", .text),
                col("role", .text), col("created_at", .timestamp), col("last_login_at", .timestamp, null: true), col("is_active", .boolean),
            ]
        )
        var usedNames: Set<String> = ["Ana Ribeiro", "Marco Rossi", "Priya Patel", "Jonas Weber"]
        let owners: [Int: (first: String, last: String)] = [
            1: ("Ana", "Ribeiro"), 3: ("Marco", "Rossi"), 4: ("Priya", "Patel"), 5: ("Jonas", "Weber"),
        ]
        var users: [User] = []
        var usersByAccount: [Int: [Int]] = [:]
        for account in accounts {
            let count =
                account.id == 1
                ? 15 : account.id == 6 ? 2 : random.weighted([(random.int(1...3), 40), (random.int(4...7), 40), (random.int(8...12), 20)])
            for index in 0..<count {
                let name = index == 0 ? owners[account.id] ?? Names.person(&random, used: &usedNames) : Names.person(&random, used: &usedNames)
                let createdDay = index == 0 ? account.signup : min(lastDay, account.signup.advanced(by: random.int(0...400)))
                let created = random.moment(on: createdDay)
                let role = index == 0 ? "owner" : random.weighted([("admin", 15), ("member", 60), ("viewer", 25)])
                let lastLogin: Moment? =
                    index > 0 && random.chance(8) ? nil : random.moment(on: min(lastDay, createdDay.advanced(by: random.int(0...500))))
                let active = index == 0 || random.chance(90)
                let user = User(id: users.count + 1, account: account.id, created: created, active: active)
                users.append(user)
                usersByAccount[account.id, default: []].append(user.id)
                userTable.insert([
                    .int(user.id), .int(account.id), .text(name.first), .text(name.last),
                    .text(Names.emailPart(name.first) + "." + Names.emailPart(name.last) + "@" + domain(account.name)), .text(role),
                    .timestamp(created), lastLogin.map(BusinessValue.timestamp) ?? .null, .bool(active),
                ])
            }
        }

        // subscriptions
        var subscriptions: [Subscription] = []
        let anchors: [Int: [Subscription]] = [
            1: [Subscription(account: 1, plan: 4, annual: true, seats: 180, start: Day(2023, 1, 4), end: nil, status: "active", reason: nil)],
            2: [
                Subscription(
                    account: 2,
                    plan: 1,
                    annual: false,
                    seats: 6,
                    start: Day(2023, 2, 15),
                    end: Day(2024, 3, 15),
                    status: "canceled",
                    reason: "plan_change"
                ),
                Subscription(
                    account: 2,
                    plan: 2,
                    annual: false,
                    seats: 9,
                    start: Day(2024, 3, 15),
                    end: Day(2025, 9, 30),
                    status: "canceled",
                    reason: "too_expensive"
                ),
            ],
            3: [
                Subscription(
                    account: 3,
                    plan: 3,
                    annual: false,
                    seats: 100,
                    start: Day(2023, 3, 9),
                    end: Day(2024, 7, 1),
                    status: "canceled",
                    reason: "plan_change"
                ),
                Subscription(account: 3, plan: 4, annual: true, seats: 150, start: Day(2024, 7, 1), end: nil, status: "active", reason: nil),
            ],
            4: [Subscription(account: 4, plan: 5, annual: false, seats: 12, start: Day(2023, 5, 22), end: nil, status: "active", reason: nil)],
            5: [Subscription(account: 5, plan: 2, annual: true, seats: 35, start: Day(2023, 6, 30), end: nil, status: "active", reason: nil)],
            6: [Subscription(account: 6, plan: 0, annual: false, seats: 2, start: Day(2024, 2, 12), end: nil, status: "active", reason: nil)],
        ]
        let seatRanges = [1...3, 2...10, 5...40, 15...120, 40...170, 3...20]
        let upgrade = [1, 2, 3, 4, 4, 2]
        for account in accounts {
            if let planned = anchors[account.id] {
                subscriptions += planned
                continue
            }
            var plan = random.weighted([(0, 20), (1, 25), (2, 25), (3, 15), (4, 5), (5, 10)])
            if plan == 5, account.signup >= Day(2024, 1, 1) { plan = 1 }
            var start = account.signup
            if start >= Day(2025, 11, 15) {
                subscriptions.append(
                    Subscription(
                        account: account.id,
                        plan: max(1, plan),
                        annual: false,
                        seats: random.int(seatRanges[max(1, plan)]),
                        start: start,
                        end: nil,
                        status: "trialing",
                        reason: nil
                    )
                )
                continue
            }
            if plan != 4, start < Day(2025, 6, 1), random.chance(25) {
                let end = Day(number: random.int(start.advanced(by: 90).number...max(start.advanced(by: 90).number, Day(2025, 9, 30).number)))
                subscriptions.append(
                    Subscription(
                        account: account.id,
                        plan: plan,
                        annual: plan != 0 && random.chance(30),
                        seats: random.int(seatRanges[plan]),
                        start: start,
                        end: end,
                        status: "canceled",
                        reason: "plan_change"
                    )
                )
                plan = upgrade[plan]
                start = end
            }
            let annual = plan != 0 && random.chance(30)
            let seats = random.int(seatRanges[plan])
            if random.chance(22), start < Day(2025, 10, 1) {
                let end = Day(number: random.int(start.advanced(by: 60).number...lastDay.advanced(by: -10).number))
                let reason: String? =
                    random.chance(10)
                    ? nil
                    : random.weighted([
                        ("too_expensive", 35), ("missing_features", 20), ("switched_competitor", 20), ("company_closed", 10), ("other", 15),
                    ])
                subscriptions.append(
                    Subscription(
                        account: account.id,
                        plan: plan,
                        annual: annual,
                        seats: seats,
                        start: start,
                        end: end,
                        status: "canceled",
                        reason: reason
                    )
                )
            } else {
                let status = plan != 0 && random.chance(6) ? "past_due" : "active"
                subscriptions.append(
                    Subscription(account: account.id, plan: plan, annual: annual, seats: seats, start: start, end: nil, status: status, reason: nil)
                )
            }
        }
        var subscriptionTable = BusinessTable(
            "subscriptions",
            [
                pk(), fk("account_id", "accounts"), fk("plan_id", "plans"), col("status", .text), col("billing_cycle", .text),
                col("seats", .integer), col("started_on", .date), col("ended_on", .date, null: true), col("cancel_reason", .text, null: true),
                col("auto_renew", .boolean),
            ]
        )
        for (index, subscription) in subscriptions.enumerated() {
            let autoRenew = subscription.end == nil && (subscription.status == "trialing" ? random.chance(40) : random.chance(85))
            subscriptionTable.insert([
                .int(index + 1), .int(subscription.account), .int(subscription.plan + 1), .text(subscription.status),
                .text(subscription.annual ? "annual" : "monthly"), .int(subscription.seats), .date(subscription.start),
                subscription.end.map(BusinessValue.date) ?? .null, subscription.reason.map(BusinessValue.text) ?? .null, .bool(autoRenew),
            ])
        }

        // invoices
        var invoiceTable = BusinessTable(
            "invoices",
            [
                pk(), fk("account_id", "accounts"), fk("subscription_id", "subscriptions"), col("invoice_number", .text),
                col("issued_on", .date), col("due_on", .date), col("paid_on", .date, null: true), col("amount", .money),
                col("tax_amount", .money), col("status", .text),
            ]
        )
        let countryOf = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0.country) })
        for (index, subscription) in subscriptions.enumerated() {
            let plan = plans[subscription.plan]
            guard plan.monthlyCents > 0, subscription.status != "trialing" else { continue }
            let stop = subscription.end ?? lastDay.advanced(by: 1)
            var issues: [Day] = []
            var issue = subscription.start
            var step = 0
            while issue < stop, issue <= lastDay {
                issues.append(issue)
                step += 1
                issue = subscription.start.addingMonths(subscription.annual ? 12 * step : step)
            }
            for (position, issued) in issues.enumerated() {
                let amount = subscription.seats * plan.monthlyCents * (subscription.annual ? 10 : 1)
                let tax = amount * (taxPercent[countryOf[subscription.account]!] ?? 0) / 100
                let isLast = position == issues.count - 1
                var status = "paid"
                var paid: Day? = nil
                if random.chance(2) {
                    status = "void"
                } else if subscription.status == "past_due", position >= issues.count - 2 {
                    status = "open"
                } else if subscription.status == "canceled", isLast, ["too_expensive", "company_closed"].contains(subscription.reason ?? ""),
                    random.chance(40)
                {
                    status = "uncollectible"
                } else {
                    let delay = random.weighted([(random.int(0...10), 60), (random.int(11...30), 30), (random.int(31...60), 10)])
                    let paidDay = issued.advanced(by: delay)
                    if paidDay > lastDay || random.chance(1) { status = "open" } else { paid = paidDay }
                }
                invoiceTable.insert([
                    .int(invoiceTable.rows.count + 1), .int(subscription.account), .int(index + 1),
                    .text("INV-" + pad(invoiceTable.rows.count + 1, 6)), .date(issued), .date(issued.advanced(by: 30)),
                    paid.map(BusinessValue.date) ?? .null, .cents(amount), .cents(tax), .text(status),
                ])
            }
        }

        // usage events: machine events have no user
        var eventTable = BusinessTable(
            "usage_events",
            [
                BusinessColumn(name: "id", type: .bigint, primaryKey: true), fk("account_id", "accounts"), fk("user_id", "users", null: true),
                col("event_type", .text), col("occurred_at", .timestamp), col("duration_seconds", .integer), col("succeeded", .boolean),
            ]
        )
        let eventUsers = users.filter { $0.account % 17 != 0 && $0.account != 6 }
        let powerUsers = [2, 3, 17, 40, 41, 77, 120, 200, 260, 333].compactMap { id in eventUsers.first { $0.id >= id } }
        var moments: [(Moment, User, String)] = []
        while moments.count < 3200 {
            let day = random.day(Day(2024, 1, 1)...lastDay)
            let user = random.chance(20) ? random.pick(powerUsers) : random.pick(eventUsers)
            guard user.created.day <= day else { continue }
            let type = random.weighted([("dashboard_view", 35), ("report_run", 25), ("export", 15), ("api_call", 20), ("integration_sync", 5)])
            moments.append((random.moment(on: day, fromHour: 6, toHour: 21), user, type))
        }
        moments.sort { $0.0 < $1.0 }
        for (moment, user, type) in moments {
            let duration: Int
            switch type {
            case "dashboard_view": duration = random.int(5...300)
            case "report_run": duration = random.int(10...900)
            case "export": duration = random.int(3...240)
            case "api_call": duration = random.int(1...5)
            default: duration = random.int(30...1800)
            }
            let machine = type == "api_call" || type == "integration_sync"
            eventTable.insert([
                .int(eventTable.rows.count + 1), .int(user.account), machine ? .null : .int(user.id), .text(type), .timestamp(moment),
                .int(duration), .bool(random.chance(95)),
            ])
        }

        // support tickets
        var ticketTable = BusinessTable(
            "support_tickets",
            [
                pk(), fk("account_id", "accounts"), fk("opened_by_user_id", "users"), col("subject", .text), col("priority", .text),
                col("status", .text), col("opened_at", .timestamp), col("first_response_minutes", .integer, null: true),
                col("resolved_at", .timestamp, null: true), col("satisfaction_score", .integer, null: true),
            ]
        )
        let subjects = [
            "Billing question", "Login problem", "Data export failing", "Feature request", "API rate limit", "SSO setup",
            "Invoice correction", "Bug report", "Seat change", "Integration error",
        ]
        var tickets: [(Moment, Int, Int)] = []
        let globexOwner = usersByAccount[3]![0]
        for _ in 0..<30 { tickets.append((random.moment(on: random.day(Day(2023, 4, 1)...lastDay)), 3, globexOwner)) }
        while tickets.count < 520 {
            let day = random.day(Day(2023, 3, 1)...lastDay)
            let account = random.pick(accounts)
            guard account.signup <= day, account.id != 3 else { continue }
            let candidates = usersByAccount[account.id]!.filter { users[$0 - 1].created.day <= day }
            guard !candidates.isEmpty else { continue }
            tickets.append((random.moment(on: day), account.id, random.pick(candidates)))
        }
        tickets.sort { $0.0 < $1.0 }
        for (opened, account, user) in tickets {
            let priority = random.weighted([("low", 25), ("normal", 45), ("high", 20), ("urgent", 10)])
            let recent = opened.day > lastDay.advanced(by: -20)
            let status =
                recent
                ? random.weighted([("open", 50), ("pending", 30), ("solved", 20)])
                : random.weighted([("solved", 55), ("closed", 40), ("open", 3), ("pending", 2)])
            let responseRange: ClosedRange<Int> =
                switch priority {
                case "urgent": 5...60
                case "high": 15...240
                case "normal": 30...720
                default: 60...2880
                }
            let response: Int? = status == "open" && random.chance(50) ? nil : random.int(responseRange)
            let done = status == "solved" || status == "closed"
            let resolved: Moment? = done ? opened.adding(minutes: (response ?? 0) + random.int(60...7200)) : nil
            let score: Int? = done && random.chance(60) ? random.weighted([(5, 35), (4, 30), (3, 15), (2, 10), (1, 10)]) : nil
            ticketTable.insert([
                .int(ticketTable.rows.count + 1), .int(account), .int(user), .text(random.pick(subjects)), .text(priority), .text(status),
                .timestamp(opened), response.map(BusinessValue.int) ?? .null, resolved.map(BusinessValue.timestamp) ?? .null,
                score.map(BusinessValue.int) ?? .null,
            ])
        }

        return BusinessDatabase(id: id, tables: [planTable, accountTable, userTable, subscriptionTable, invoiceTable, eventTable, ticketTable])
    }

    static func domain(_ company: String) -> String {
        Names.emailPart(company.replacingOccurrences(of: " Corporation", with: "")) + ".com"
    }
}
