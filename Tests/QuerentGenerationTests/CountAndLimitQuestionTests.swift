import Foundation
import QuerentApplication
import QuerentCore
import QuerentTesting
import Testing

@testable import QuerentGeneration

/// Counts of distinct rows through joins, row limits asked for in a second sentence, and
/// comparisons with the average of all groups, on the sample database.
@Suite struct CountAndLimitQuestionTests {
    @Test func differentRowsAreCountedOnceThroughJoins() async throws {
        let harness = try await QueryHarness()
        let (answer, matches) = try await harness.check(
            "How many different customers bought a product of the Toys category?",
            against: """
                SELECT count(DISTINCT o.customer_id) FROM orders o JOIN order_items oi ON oi.order_id = o.id
                JOIN products p ON oi.product_id = p.id JOIN categories c ON p.category_id = c.id WHERE c.name = 'Toys'
                """,
            sourceId: try await harness.registerSample()
        )
        #expect(matches, "\(answer.generation.sql)")
    }

    @Test func aTopNInALaterSentenceLimitsTheRanking() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let answer = try await harness.pipeline.ask(
            question: "Which customers generated the most revenue? Show the top 5 with their revenue.",
            sourceId: source,
            tenant: QueryHarness.tenant,
            logger: harness.logger
        )
        let result = try #require(answer.result)
        #expect(result.success && result.data.count == 5, "\(answer.generation.sql)")
        #expect(answer.generation.sql.contains("DESC"), "\(answer.generation.sql)")
    }

    @Test func aThresholdOnRelatedRowsCountsEachOnce() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let answer = try await harness.pipeline.ask(
            question: "Which customers ordered products from more than 3 categories?",
            sourceId: source,
            tenant: QueryHarness.tenant,
            logger: harness.logger
        )
        let result = try #require(answer.result)
        let expected = try await harness.direct(
            """
            SELECT c.id FROM customers c JOIN orders o ON o.customer_id = c.id JOIN order_items oi ON oi.order_id = o.id
            JOIN products p ON p.id = oi.product_id GROUP BY c.id HAVING count(DISTINCT p.category_id) > 3
            """,
            sourceId: source
        )
        // counting order lines instead of categories would let more customers through
        #expect(result.success && result.data.count == expected.rows.count, "\(answer.generation.sql)")
    }

    @Test(arguments: [
        (
            "Which customers spent more than the average customer?",
            """
            SELECT o.customer_id FROM payments p JOIN orders o ON p.order_id = o.id GROUP BY o.customer_id
            HAVING SUM(p.amount) > (SELECT AVG(t) FROM (SELECT SUM(p.amount) AS t FROM payments p JOIN orders o ON p.order_id = o.id GROUP BY o.customer_id))
            """
        ),
        (
            "Which categories have more products than the average category?",
            """
            SELECT category_id FROM products GROUP BY category_id
            HAVING count(*) > (SELECT AVG(n) FROM (SELECT count(*) AS n FROM products GROUP BY category_id))
            """
        ),
        (
            // a measure named by its table and the last word of its column (`products.unit_price`)
            "Which suppliers have an average product price above the overall average?",
            "SELECT supplier_id FROM products GROUP BY supplier_id HAVING AVG(unit_price) > (SELECT AVG(unit_price) FROM products)"
        ),
        (
            "Which suppliers have an average unit price above the overall average?",
            "SELECT supplier_id FROM products GROUP BY supplier_id HAVING AVG(unit_price) > (SELECT AVG(unit_price) FROM products)"
        ),
    ])
    func groupsComparedWithTheAverageGroup(question: String, gold: String) async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let answer = try await harness.pipeline.ask(question: question, sourceId: source, tenant: QueryHarness.tenant, logger: harness.logger)
        let result = try #require(answer.result)
        let expected = try await harness.direct(gold, sourceId: source)
        #expect(!expected.rows.isEmpty)
        #expect(result.success && result.data.count == expected.rows.count, "\(answer.generation.sql)")
        #expect(answer.generation.sql.contains("AVG("), "\(answer.generation.sql)")
    }

    @Test func theSignOfANumberColumnFilters() async throws {
        let harness = try await QueryHarness()
        let source = try await harness.registerSample()
        let answer = try await harness.pipeline.ask(
            question: "Which payments had a positive amount in 2024?",
            sourceId: source,
            tenant: QueryHarness.tenant,
            logger: harness.logger
        )
        let result = try #require(answer.result)
        let expected = try await harness.direct(
            "SELECT id FROM payments WHERE amount > 0 AND paid_at >= '2024-01-01' AND paid_at < '2025-01-01'",
            sourceId: source
        )
        #expect(result.success && result.data.count == expected.rows.count, "\(answer.generation.sql)")
        #expect(answer.generation.sql.contains("amount > 0"), "\(answer.generation.sql)")
    }

    @Test func theLargestValueWithTheGroupALaterClauseNames() async throws {
        let harness = try await QueryHarness()
        let (answer, matches) = try await harness.check(
            "What is the largest payment amount, and which customer was it for?",
            against: """
                SELECT c.first_name || ' ' || c.last_name, p.amount FROM payments p JOIN orders o ON p.order_id = o.id
                JOIN customers c ON o.customer_id = c.id ORDER BY p.amount DESC LIMIT 1
                """,
            sourceId: try await harness.registerSample()
        )
        #expect(matches, "\(answer.generation.sql)")
    }
}

/// A stored value right before a table's name ("open invoices") is that table's value, and the
/// table is what is counted, even when another table holds the same value.
@Suite struct AdjectiveValueTests {
    static let tables = [
        BuiltinGeneratorTests.table(
            "tickets",
            [ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true), ColumnSchema(name: "status", type: "text")],
            profile: ["status": ["open", "closed"]]
        ),
        BuiltinGeneratorTests.table(
            "bills",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "status", type: "text"),
                ColumnSchema(name: "due_on", type: "date"),
            ],
            profile: ["status": ["open", "paid"]]
        ),
    ]

    @Test func theValueBelongsToTheTableItQualifies() {
        let sql = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "How many open bills were due before 1 December 2025?", dialect: .sqlite, tables: Self.tables)
        ).sql
        #expect(sql == "SELECT count(*) FROM bills WHERE status = 'open' AND due_on < '2025-12-01'", "\(sql)")
    }

    /// Clients and their bills; a bill's status may be "paid", and `paid_on` dates the payment.
    static let billed = [
        BuiltinGeneratorTests.table(
            "clients",
            [ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true), ColumnSchema(name: "name", type: "text")]
        ),
        BuiltinGeneratorTests.table(
            "bills",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(
                    name: "client_id",
                    type: "integer",
                    foreignKey: ForeignKeyReference(referencesTable: "clients", referencesColumn: "id")
                ),
                ColumnSchema(name: "amount", type: "numeric"),
                ColumnSchema(name: "status", type: "text"),
                ColumnSchema(name: "paid_on", type: "date"),
            ],
            relationships: [Relationship(name: nil, columns: ["client_id"], referencesTable: "clients", referencesColumns: ["id"])],
            profile: ["status": ["open", "paid"]]
        ),
    ]

    @Test func aStatusBeforeTheTableInAThresholdOnTotalsFiltersItsRows() {
        let sql = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "List the clients whose total paid bill amount is above 10000.", dialect: .sqlite, tables: Self.billed)
        ).sql
        #expect(sql.contains("WHERE T1.status = 'paid'"), "\(sql)")
        #expect(sql.contains("HAVING SUM(T1.amount) > 10000"), "\(sql)")
    }
}

/// A yes/no column named with a verb prefix (`is_remote`) is read from the adjective or its
/// adverb ("work remotely").
@Suite struct FlagAdverbTests {
    static let tables = [
        BuiltinGeneratorTests.table(
            "staff",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "full_name", type: "text"),
                ColumnSchema(name: "is_remote", type: "boolean"),
            ]
        )
    ]

    @Test(arguments: ["How many staff work remotely?", "Which staff work remotely?"])
    func theAdverbFiltersOnTheFlag(question: String) {
        let sql = BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
        #expect(sql.contains("WHERE is_remote"), "\(sql)")
    }

    @Test(arguments: ["What percentage of staff work remotely?", "What share of staff are remote?"])
    func theFlagIsTheShareCondition(question: String) {
        let sql = BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
        #expect(sql.hasPrefix("SELECT 100.0 * SUM(CASE WHEN is_remote THEN 1 ELSE 0 END) / COUNT(*)"), "\(sql)")
    }
}

/// A stored value of several words is found in any word order ("failed delivery" for
/// `delivery_failed`), and "more than one <value> …" counts the value's rows per subject row.
@Suite struct ValueWordOrderTests {
    static let tables = [
        BuiltinGeneratorTests.table(
            "parcels",
            [ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true), ColumnSchema(name: "code", type: "text")]
        ),
        BuiltinGeneratorTests.child(
            "scans",
            of: "parcels",
            by: "parcel_id",
            [ColumnSchema(name: "scan_type", type: "text")],
            profile: ["scan_type": ["delivery_failed", "delivered", "picked_up"]]
        ),
    ]

    func sql(_ question: String) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
    }

    @Test func theValuesWordsInAnotherOrder() {
        #expect(sql("How many failed delivery scans are there?") == "SELECT count(*) FROM scans WHERE scan_type = 'delivery_failed'")
    }

    @Test func moreThanNValueRowsPerSubject() {
        let sql = sql("Which parcels had more than one failed delivery attempt?")
        #expect(sql.contains("scan_type = 'delivery_failed'") && sql.contains("HAVING count(DISTINCT T2.id) > 1"), "\(sql)")
    }
}

/// "Leave out X" excludes a stored value.
@Suite struct LeaveOutTests {
    @Test func leaveOutNegatesTheValue() {
        let tables = [
            BuiltinGeneratorTests.table(
                "memberships",
                [
                    ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                    ColumnSchema(name: "status", type: "text"),
                    ColumnSchema(name: "cancel_reason", type: "text"),
                ],
                profile: ["status": ["active", "canceled"], "cancel_reason": ["plan_change", "price"]]
            )
        ]
        let sql = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "How many memberships were canceled? Leave out plan changes.", dialect: .sqlite, tables: tables)
        ).sql
        #expect(sql.contains("status = 'canceled'") && sql.contains("(cancel_reason IS NULL OR cancel_reason != 'plan_change')"), "\(sql)")
    }
}

/// "Clients have made bookings": a verb before the related table is an existence condition,
/// beside a negated one.
@Suite struct ExistenceAfterVerbTests {
    @Test func haveMadeBookingsButNeverFiledAComplaint() {
        let tables = [
            BuiltinGeneratorTests.table("clients", [BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text")]),
            BuiltinGeneratorTests.child("bookings", of: "clients", by: "client_id", [ColumnSchema(name: "booked_on", type: "date")]),
            BuiltinGeneratorTests.child("complaints", of: "clients", by: "client_id", [ColumnSchema(name: "body", type: "text")]),
        ]
        let sql = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "How many clients have made bookings but never filed a complaint?", dialect: .sqlite, tables: tables)
        ).sql
        #expect(sql == "SELECT count(*) FROM clients WHERE id IN (SELECT client_id FROM bookings) AND id NOT IN (SELECT client_id FROM complaints)")
    }
}

/// "The pay range": a pair of minimum and maximum columns, else MIN and MAX of the column; a
/// capitalized name keeps a word that only resembles a stored value ("Data Engineer" is not
/// the family 'Engineering').
@Suite struct RangeQuestionTests {
    static let tables = [
        BuiltinGeneratorTests.table(
            "roles",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "title", type: "text"),
                ColumnSchema(name: "family", type: "text"),
                ColumnSchema(name: "min_pay", type: "numeric"),
                ColumnSchema(name: "max_pay", type: "numeric"),
            ],
            profile: ["family": ["Engineering", "Sales"]],
            sample: [["id": .int(1), "title": .string("Account Executive"), "family": .string("Sales")]]
        ),
        BuiltinGeneratorTests.child("people", of: "roles", by: "role_id", [ColumnSchema(name: "yearly_pay", type: "numeric")]),
    ]

    func sql(_ question: String) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
    }

    @Test func aRangeIsItsBounds() {
        #expect(sql("What is the pay range of the Data Engineer role?") == "SELECT min_pay, max_pay FROM roles WHERE title = 'Data Engineer'")
        #expect(sql("What is the range of yearly pay?") == "SELECT min(yearly_pay), max(yearly_pay) FROM people")
    }
}

/// "Which medication was prescribed most often?": counted over the rows that record the verb,
/// the referencing table named like it, else the only referencing table.
@Suite struct MostOftenTests {
    static let tables = [
        BuiltinGeneratorTests.table("medications", [BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text")]),
        BuiltinGeneratorTests.child("prescriptions", of: "medications", by: "medication_id", [ColumnSchema(name: "dosage", type: "text")]),
        BuiltinGeneratorTests.child("stock_checks", of: "medications", by: "medication_id", [ColumnSchema(name: "counted", type: "integer")]),
        BuiltinGeneratorTests.table("procedures", [BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text")]),
        BuiltinGeneratorTests.child("treatments", of: "procedures", by: "procedure_id", [ColumnSchema(name: "notes", type: "text")]),
    ]

    @Test(arguments: [
        ("Which medication was prescribed most often?", "prescriptions"), ("Which procedure was performed most often?", "treatments"),
    ])
    func theVerbsRowsAreCounted(question: String, table: String) {
        let sql = BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
        #expect(sql.contains("JOIN \(table) AS T2") && sql.hasSuffix("ORDER BY count(*) DESC LIMIT 1"), "\(sql)")
    }
}
