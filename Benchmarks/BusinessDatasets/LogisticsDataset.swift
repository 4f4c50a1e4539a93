import Foundation

/// `logistics`: a European freight forwarder. Clients send shipments from warehouses along
/// routes with carriers; shipments hold parcels; drivers of the carriers record delivery
/// events. Route durations are in minutes, weights in kilograms (REAL in SQLite).
enum LogisticsDataset {
    static let id = "logistics"

    static let warehouses: [(code: String, name: String, city: String, country: String, capacity: Int, opened: Day, bonded: Bool)] = [
        ("WH-RTM", "Rotterdam Hub", "Rotterdam", "Netherlands", 42_000, Day(2018, 4, 1), true),
        ("WH-HAM", "Hamburg North", "Hamburg", "Germany", 30_000, Day(2019, 9, 15), true),
        ("WH-LYS", "Lyon Central", "Lyon", "France", 18_000, Day(2020, 3, 2), false),
        ("WH-MAD", "Madrid South", "Madrid", "Spain", 22_000, Day(2021, 6, 21), false),
        ("WH-WAW", "Warsaw East", "Warsaw", "Poland", 15_000, Day(2023, 2, 1), false),
        ("WH-MIL", "Milan Logistics Park", "Milan", "Italy", 12_000, Day(2025, 9, 1), false),
    ]

    static let carriers: [(name: String, scac: String, country: String, active: Bool, rateCents: Int)] = [
        ("NordFreight", "NDFR", "Germany", true, 85), ("SwiftParcel", "SWPL", "Netherlands", true, 120),
        ("EuroRoute Express", "EREX", "France", true, 145), ("Iberia Cargo", "IBCG", "Spain", true, 95),
        ("Vistula Transport", "VSTL", "Poland", true, 70), ("Alpine Couriers", "ALPC", "Italy", false, 110),
        ("Baltic Lines", "BLTL", "Poland", true, 80),
    ]

    /// Destination (city, country, km from each warehouse 1…5).
    static let destinations: [(String, String, [Int])] = [
        ("Amsterdam", "Netherlands", [80, 465, 980, 1780, 1200]), ("Brussels", "Belgium", [150, 600, 760, 1580, 1260]),
        ("Paris", "France", [480, 930, 465, 1270, 1600]), ("Berlin", "Germany", [690, 290, 1100, 2300, 575]),
        ("Munich", "Germany", [830, 780, 720, 1900, 1000]), ("Madrid", "Spain", [1780, 2300, 1260, 15, 2900]),
        ("Barcelona", "Spain", [1500, 1850, 640, 620, 2250]), ("Lisbon", "Portugal", [2300, 2800, 1800, 625, 3400]),
        ("Vienna", "Austria", [1160, 970, 1200, 2400, 680]), ("Prague", "Czechia", [900, 640, 1100, 2300, 680]),
        ("Warsaw", "Poland", [1200, 860, 1700, 2900, 10]), ("Copenhagen", "Denmark", [780, 300, 1500, 2500, 1050]),
        ("Milan", "Italy", [1100, 1100, 440, 1200, 1400]), ("Lyon", "France", [980, 1200, 12, 1050, 1700]),
    ]

    struct Route {
        var id: Int
        var warehouse: Int
        var city: String
        var country: String
        var km: Int
        var minutes: Int
    }

    static let lastDay = Day(2025, 12, 31)

    static func make() -> BusinessDatabase {
        var random = BusinessRandom(seed: 0x1061_5715)

        var warehouseTable = BusinessTable(
            "warehouses",
            [
                pk(), col("code", .text), col("name", .text), col("city", .text), col("country", .text), col("capacity_m3", .integer),
                col("opened_on", .date), col("is_bonded", .boolean),
            ]
        )
        for (index, w) in warehouses.enumerated() {
            warehouseTable.insert([
                .int(index + 1), .text(w.code), .text(w.name), .text(w.city), .text(w.country), .int(w.capacity), .date(w.opened), .bool(w.bonded),
            ])
        }
        var carrierTable = BusinessTable(
            "carriers",
            [
                pk(), col("name", .text), col("scac_code", .text), col("country", .text), col("is_active", .boolean), col("rate_per_kg", .money),
            ]
        )
        for (index, c) in carriers.enumerated() {
            carrierTable.insert([.int(index + 1), .text(c.name), .text(c.scac), .text(c.country), .bool(c.active), .cents(c.rateCents)])
        }

        // drivers: 4–8 per carrier
        var driverTable = BusinessTable(
            "drivers",
            [
                pk(), fk("carrier_id", "carriers"), col("first_name", .text), col("last_name", .text), col("hired_on", .date),
                col("license_class", .text), col("is_active", .boolean),
            ]
        )
        var usedNames: Set<String> = []
        var driversByCarrier: [Int: [Int]] = [:]
        for carrier in 1...carriers.count {
            for _ in 0..<random.int(4...8) {
                let name = Names.person(&random, used: &usedNames)
                let active = carriers[carrier - 1].active && random.chance(88)
                let id = driverTable.rows.count + 1
                if active || carrier == 6 { driversByCarrier[carrier, default: []].append(id) }
                driverTable.insert([
                    .int(id), .int(carrier), .text(name.first), .text(name.last), .date(random.day(Day(2015, 1, 1)...Day(2024, 6, 30))),
                    .text(random.weighted([("B", 30), ("C", 40), ("CE", 30)])), .bool(active),
                ])
            }
        }

        // clients
        var clientTable = BusinessTable(
            "clients",
            [
                pk(), col("company_name", .text), col("industry", .text), col("country", .text), col("city", .text), col("contract_start", .date),
                col("is_key_account", .boolean),
            ]
        )
        let clientPlaces: [(String, String)] = [
            ("Netherlands", "Rotterdam"), ("Netherlands", "Utrecht"), ("Germany", "Hamburg"), ("Germany", "Cologne"), ("Germany", "Stuttgart"),
            ("France", "Lyon"), ("France", "Lille"), ("Spain", "Madrid"), ("Spain", "Valencia"), ("Poland", "Warsaw"), ("Poland", "Poznan"),
            ("Belgium", "Antwerp"), ("Italy", "Turin"),
        ]
        let industries = ["Retail", "Manufacturing", "Energy", "Food", "Pharma", "Automotive", "Electronics", "Fashion"]
        var clients: [(name: String, start: Day, key: Bool, industry: String)] = [
            ("Helio Solar BV", Day(2022, 5, 1), true, "Energy"), ("Casa Verde SL", Day(2022, 11, 14), false, "Retail"),
            ("Kraus Maschinenbau GmbH", Day(2021, 3, 8), true, "Manufacturing"), ("Nordic Home AS", Day(2025, 12, 1), false, "Retail"),
        ]
        let anchorPlaces = [("Netherlands", "Rotterdam"), ("Spain", "Valencia"), ("Germany", "Stuttgart"), ("Denmark", "Aarhus")]
        for (index, client) in clients.enumerated() {
            clientTable.insert([
                .int(index + 1), .text(client.name), .text(client.industry), .text(anchorPlaces[index].0), .text(anchorPlaces[index].1),
                .date(client.start), .bool(client.key),
            ])
        }
        let suffix = [
            "Netherlands": "BV", "Germany": "GmbH", "France": "SAS", "Spain": "SL", "Poland": "Sp. z o.o.", "Belgium": "NV", "Italy": "S.r.l.",
        ]
        for name in Names.companies(116, random: &random) {
            let place = random.pick(clientPlaces)
            let client = (
                name: name + " " + suffix[place.0]!, start: random.day(Day(2020, 1, 1)...Day(2025, 10, 31)), key: random.chance(15),
                industry: random.pick(industries)
            )
            clients.append(client)
            clientTable.insert([
                .int(clients.count), .text(client.name), .text(client.industry), .text(place.0), .text(place.1), .date(client.start),
                .bool(client.key),
            ])
        }

        // routes: 6–9 destinations per warehouse (none from Milan)
        var routeTable = BusinessTable(
            "routes",
            [
                pk(), fk("origin_warehouse_id", "warehouses"), col("destination_city", .text), col("destination_country", .text),
                col("distance_km", .integer), col("planned_duration_minutes", .integer), col("is_international", .boolean),
            ]
        )
        var routes: [Route] = []
        for warehouse in 1...5 {
            var chosen = destinations.filter { $0.0 != warehouses[warehouse - 1].city }
            var keep: [(String, String, [Int])] = []
            let count = random.int(6...9)
            while keep.count < count {
                let index = random.below(chosen.count)
                keep.append(chosen.remove(at: index))
            }
            if warehouse == 5, !keep.contains(where: { $0.0 == "Lisbon" }) { keep[0] = destinations.first { $0.0 == "Lisbon" }! }
            for destination in keep {
                let km = destination.2[warehouse - 1]
                let minutes = km * 60 / 70 + random.int(30...120)
                let route = Route(id: routes.count + 1, warehouse: warehouse, city: destination.0, country: destination.1, km: km, minutes: minutes)
                routes.append(route)
                routeTable.insert([
                    .int(route.id), .int(warehouse), .text(route.city), .text(route.country), .int(km), .int(minutes),
                    .bool(route.country != warehouses[warehouse - 1].country),
                ])
            }
        }

        // shipments, parcels, events
        var shipmentTable = BusinessTable(
            "shipments",
            [
                pk(), col("tracking_number", .text), fk("client_id", "clients"), fk("route_id", "routes"), fk("carrier_id", "carriers"),
                col("service_level", .text), col("status", .text), col("created_at", .timestamp), col("shipped_at", .timestamp, null: true),
                col("delivered_at", .timestamp, null: true), col("promised_date", .date), col("total_weight_kg", .measure(scale: 2)),
                col("declared_value", .money), col("shipping_cost", .money), col("is_fragile", .boolean), col("requires_signature", .boolean),
            ]
        )
        var parcelTable = BusinessTable(
            "parcels",
            [
                pk(), fk("shipment_id", "shipments"), col("barcode", .text), col("weight_kg", .measure(scale: 2)), col("length_cm", .integer),
                col("width_cm", .integer), col("height_cm", .integer), col("contents", .text),
            ]
        )
        var eventTable = BusinessTable(
            "delivery_events",
            [
                pk(), fk("shipment_id", "shipments"), fk("driver_id", "drivers", null: true), col("event_type", .text), col("event_time", .timestamp),
                col("city", .text), col("note", .text, null: true),
            ]
        )
        var created: [Moment] = (0..<1500).map { _ in random.moment(on: random.day(Day(2023, 1, 5)...Day(2025, 12, 28)), fromHour: 7, toHour: 19) }
        created.sort()
        let preferred: [String: Int] = ["Germany": 1, "Netherlands": 2, "France": 3, "Spain": 4, "Poland": 5]
        for (index, createdAt) in created.enumerated() {
            let id = index + 1
            let heavyAnchor = id == 777
            var clientIndex = heavyAnchor ? 3 : random.weighted([(1, 6), (2, 3), (3, 5), (0, 86)])
            // Every fourth key account (by id) stopped shipping at the end of 2024.
            func available(_ index: Int) -> Bool {
                clients[index - 1].start <= createdAt.day && !(clients[index - 1].key && index % 4 == 0 && createdAt.day.year >= 2025)
            }
            if clientIndex == 0 || !available(clientIndex) {
                repeat { clientIndex = random.int(5...clients.count) } while !available(clientIndex)
            }
            var route: Route
            repeat { route = random.pick(routes) } while warehouses[route.warehouse - 1].opened > createdAt.day
            if heavyAnchor { route = routes.first { $0.warehouse == 2 }! }
            var carrier = random.chance(50) ? preferred[warehouses[route.warehouse - 1].country]! : random.int(1...5)
            if createdAt.day < Day(2024, 1, 1), random.chance(8) { carrier = 6 }
            // Helio Solar BV (client 1) ships express far more often than anyone.
            let level = random.weighted([("economy", 25), ("standard", 55), ("express", clientIndex == 1 ? 60 : 20)])

            // parcels
            let kinds = ["electronics", "apparel", "documents", "furniture", "food", "machine parts", "cosmetics"]
            let kind = heavyAnchor ? "machine parts" : random.pick(kinds)
            var parcels: [(Int, Int, Int, Int)] = []  // (weight in 10 g, l, w, h)
            for _ in 0..<(heavyAnchor ? 5 : random.weighted([(1, 45), (2, 25), (3, 15), (4, 10), (6, 5)])) {
                switch kind {
                case "documents": parcels.append((random.int(10...300), 35, 25, random.int(2...8)))
                case "furniture": parcels.append((random.int(1500...12_000), random.int(80...210), random.int(50...100), random.int(40...90)))
                case "machine parts":
                    parcels.append((heavyAnchor ? 25_000 : random.int(500...6000), random.int(40...120), random.int(30...80), random.int(20...80)))
                default: parcels.append((random.int(50...2500), random.int(20...80), random.int(15...60), random.int(10...50)))
                }
            }
            let weight = parcels.reduce(0) { $0 + $1.0 }
            let declared = heavyAnchor ? 18_500_000 : kind == "documents" ? random.int(0...20_000) : random.int(5_000...900_000) * parcels.count
            let surcharge = level == "express" ? 2_500 : level == "standard" ? 800 : 0
            let cost = weight * carriers[carrier - 1].rateCents / 100 + surcharge + route.km * 2 + 500
            let planned = level == "express" ? route.minutes * 7 / 10 : route.minutes
            let promiseDays = level == "express" ? random.int(1...2) : level == "standard" ? random.int(3...5) : random.int(5...9)

            var status: String
            let age = lastDay.number - createdAt.day.number
            if age <= 3 {
                status = random.weighted([("created", 50), ("in_transit", 50)])
            } else {
                status = random.weighted([("delivered", 86), ("returned", 4), ("lost", 1), ("cancelled", 4), ("in_transit", age <= 14 ? 30 : 0)])
            }
            if heavyAnchor { status = "delivered" }
            let shipped: Moment? = status == "created" || status == "cancelled" ? nil : createdAt.adding(minutes: random.int(120...1800))
            var delivered: Moment? = nil
            let fails = status == "returned" ? 2 : status == "delivered" && random.chance(10) ? 1 : 0
            if status == "delivered", let shipped {
                let late = random.chance(12) ? random.int(1...3) * 1440 : 0
                delivered = shipped.adding(minutes: planned * random.int(80...130) / 100 + random.int(60...600) + fails * 1440 + late)
            }
            shipmentTable.insert([
                .int(id), .text("LX" + String(100_000_000 + id)), .int(clientIndex), .int(route.id), .int(carrier), .text(level), .text(status),
                .timestamp(createdAt), shipped.map(BusinessValue.timestamp) ?? .null, delivered.map(BusinessValue.timestamp) ?? .null,
                .date(createdAt.day.advanced(by: promiseDays + (planned > 1440 ? planned / 1440 : 0))), .fixed(weight, scale: 2),
                .cents(declared), .cents(cost), .bool(kind == "electronics" || kind == "cosmetics" ? random.chance(40) : random.chance(5)),
                .bool(declared > 500_000 || random.chance(15)),
            ])
            for parcel in parcels {
                parcelTable.insert([
                    .int(parcelTable.rows.count + 1), .int(id), .text("PCL" + String(5_000_000 + parcelTable.rows.count + 1)),
                    .fixed(parcel.0, scale: 2), .int(parcel.1), .int(parcel.2), .int(parcel.3), .text(kind),
                ])
            }

            guard let shipped else { continue }
            let origin = warehouses[route.warehouse - 1].city
            let crew = driversByCarrier[carrier] ?? []
            let pickup = crew.isEmpty ? nil : random.pick(crew)
            var events: [(String, Moment, String, Int?, String?)] = [("picked_up", shipped, origin, pickup, nil)]
            events.append(("departed_hub", shipped.adding(minutes: random.int(45...180)), origin, nil, nil))
            if status == "lost" {
                events.append(
                    (
                        "arrived_hub", shipped.adding(minutes: planned / 2), random.pick(["Antwerp", "Frankfurt", "Lyon"]), nil,
                        "Seal broken on arrival"
                    )
                )
            } else if status != "in_transit" || random.chance(50) {
                let courier = crew.isEmpty ? nil : random.pick(crew)
                var time = shipped.adding(minutes: planned * 9 / 10)
                events.append(("arrived_hub", time, route.city, nil, nil))
                for attempt in 0..<fails {
                    time = time.adding(minutes: random.int(120...600))
                    events.append(("out_for_delivery", time, route.city, courier, nil))
                    time = time.adding(minutes: random.int(30...240))
                    events.append(
                        (
                            "delivery_failed", time, route.city, courier,
                            attempt == 0
                                ? random.pick(["Recipient absent", "Address not found", "Refused by recipient", nil]) : "Second attempt failed"
                        )
                    )
                    time = time.adding(minutes: 720)
                }
                if let delivered {
                    events.append(("out_for_delivery", delivered.adding(minutes: -random.int(40...300)), route.city, courier, nil))
                    events.append(
                        (
                            "delivered", delivered, route.city, courier,
                            random.chance(20) ? random.pick(["Left with neighbour", "Signed by reception", "Delivered to dock 3"]) : nil
                        )
                    )
                } else if status == "returned" {
                    events.append(("returned_to_sender", time.adding(minutes: random.int(1440...4320)), origin, nil, nil))
                }
            }
            for event in events.sorted(by: { $0.1 < $1.1 }) where event.1.day <= lastDay {
                eventTable.insert([
                    .int(eventTable.rows.count + 1), .int(id), event.3.map(BusinessValue.int) ?? .null, .text(event.0), .timestamp(event.1),
                    .text(event.2), event.4.map(BusinessValue.text) ?? .null,
                ])
            }
        }

        return BusinessDatabase(
            id: id,
            tables: [
                warehouseTable, carrierTable, driverTable, clientTable, routeTable, shipmentTable, parcelTable, eventTable,
            ]
        )
    }
}
