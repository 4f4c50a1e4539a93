import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

/// Retrieval over one Postgres source of several unrelated schemas (two of them hold a
/// `country` table): the answer stays inside the schema the question is about, joins
/// declared and inferred bring in neighbours, and `max_tables` caps everything offered.
@Suite(.enabled(if: TestEnvironment.postgresEnabled)) struct LargeSchemaRetrievalTests {
    static let tables = [
        "travel.country", "travel.city", "football.country", "football.club", "shop.customers", "shop.orders", "shop.order_lines",
        "shop.loyalty_cards",
    ]

    static func makeSource() async throws -> (QueryHarness, String, ScratchDatabase) {
        let database = try await ScratchDatabase.create(prefix: "retrieval")
        try await database.execute([
            "CREATE SCHEMA travel", "CREATE SCHEMA football", "CREATE SCHEMA shop",
            "CREATE TABLE travel.country (code text PRIMARY KEY, name text, continent text, population integer, life_expectancy numeric)",
            "CREATE TABLE travel.city (id integer PRIMARY KEY, name text, country_code text REFERENCES travel.country, district text)",
            "CREATE TABLE football.country (id integer PRIMARY KEY, name text)",
            "CREATE TABLE football.club (id integer PRIMARY KEY, name text, country_id integer REFERENCES football.country, founded integer, stadium text)",
            "CREATE TABLE shop.customers (id integer PRIMARY KEY, name text, email text)",
            "CREATE TABLE shop.orders (id integer PRIMARY KEY, customer_id integer REFERENCES shop.customers, placed_on date)",
            "CREATE TABLE shop.order_lines (order_id integer REFERENCES shop.orders, product text, quantity integer, unit_price numeric)",
            // No foreign key declared: the join to customers is inferred from the column's name.
            "CREATE TABLE shop.loyalty_cards (card_no integer PRIMARY KEY, customer_id integer, points integer, tier text)",
        ])
        let harness = try await QueryHarness()
        let source = try await harness.registerPostgres(url: database.url, tables: tables)
        return (harness, source, database)
    }

    func ask(_ harness: QueryHarness, _ source: String, _ question: String, maxTables: Int? = nil) async throws -> [RetrievedTableSummary] {
        try await harness.pipeline.ask(
            question: question,
            sourceId: source,
            tenant: QueryHarness.tenant,
            execute: false,
            maxTables: maxTables,
            logger: harness.logger
        )
        .retrieved
    }

    @Test func theAnswerStaysInsideTheSchemaTheQuestionIsAbout() async throws {
        let (harness, source, database) = try await Self.makeSource()
        defer { Task { await database.drop() } }

        let travel = try await ask(harness, source, "Which continent has the countries with the longest life expectancy?")
        #expect(travel.first?.table == "travel.country")
        #expect(travel.first?.reason == .lexical)
        #expect(travel.allSatisfy { $0.table.hasPrefix("travel.") }, "\(travel)")

        let football = try await ask(harness, source, "In which country was each club founded, and where is its stadium?")
        #expect(football.contains { $0.table == "football.club" } && football.contains { $0.table == "football.country" })
        #expect(football.allSatisfy { $0.table.hasPrefix("football.") }, "\(football)")

        let both = try await ask(harness, source, "Compare the countries of the travel schema with the clubs of the football schema")
        #expect(both.contains { $0.table.hasPrefix("travel.") } && both.contains { $0.table.hasPrefix("football.") }, "\(both)")
    }

    @Test func joinsBringInNeighboursAndMaxTablesCapsEverything() async throws {
        let (harness, source, database) = try await Self.makeSource()
        defer { Task { await database.drop() } }

        let cards = try await ask(harness, source, "How many points does each loyalty card tier hold?", maxTables: 2)
        #expect(cards.map(\.table) == ["shop.loyalty_cards", "shop.customers"], "\(cards)")
        #expect(cards.last?.reason == .inferredJoin)
        #expect(cards.last?.score == 0)

        let lines = try await ask(harness, source, "What quantity of each product was sold?", maxTables: 2)
        #expect(lines.first?.table == "shop.order_lines")
        #expect(lines.last?.table == "shop.orders" && lines.last?.reason == .foreignKeyNeighbour, "\(lines)")

        let one = try await ask(harness, source, "What quantity of each product was sold?", maxTables: 1)
        #expect(one.map(\.table) == ["shop.order_lines"])

        // The schema route shows the inferred join, marked; the stored schema keeps none.
        let described = try await SchemaCatalog(registry: harness.registry).describeTable(
            sourceId: source,
            tableName: "shop.loyalty_cards",
            tenant: QueryHarness.tenant
        )
        let inferred = try #require(described.schema.relationships.first)
        #expect(inferred.referencesTable == "shop.customers" && inferred.inferred == true)
        #expect(try await harness.store.tableSchema(sourceId: source, tableName: "shop.loyalty_cards")?.schema.relationships.isEmpty == true)
        let model = try #require(try await harness.contexts.semanticModel(sourceId: source, tenant: QueryHarness.tenant))
        #expect(model.relationships.contains { $0.table == "shop.loyalty_cards" && $0.inferred })
    }
}
