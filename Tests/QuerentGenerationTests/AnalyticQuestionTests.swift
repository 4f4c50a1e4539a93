import Foundation
import Testing

@testable import QuerentCore
@testable import QuerentGeneration

/// Analyst questions the semantic model answers: current rows (end dates left NULL),
/// percentages of rows meeting a condition, durations converted to the unit asked for, and
/// fixed phrases ("largest first", "full name") that name no column.
@Suite struct AnalyticQuestionTests {
    /// A small staffing schema: people who may have left, their contracts (one open), their
    /// departments and logged shifts.
    static let staffing: [RetrievedTable] = [
        BuiltinGeneratorTests.table(
            "units",
            [
                ColumnSchema(name: "unit_id", type: "INTEGER", nullable: false, primaryKey: true),
                ColumnSchema(name: "unit_name", type: "TEXT", nullable: false),
                ColumnSchema(name: "yearly_budget", type: "REAL", nullable: false),
            ],
            profile: ["unit_name": ["Finance", "Research", "Support"]]
        ),
        BuiltinGeneratorTests.table(
            "workers",
            [
                ColumnSchema(name: "worker_id", type: "INTEGER", nullable: false, primaryKey: true),
                ColumnSchema(name: "first_name", type: "TEXT", nullable: false),
                ColumnSchema(name: "last_name", type: "TEXT", nullable: false),
                ColumnSchema(
                    name: "unit_id",
                    type: "INTEGER",
                    nullable: false,
                    foreignKey: ForeignKeyReference(referencesTable: "units", referencesColumn: "unit_id")
                ),
                ColumnSchema(name: "is_part_time", type: "INTEGER", nullable: false),
                ColumnSchema(name: "joined_on", type: "TEXT", nullable: false),
                ColumnSchema(name: "left_on", type: "TEXT"),
                ColumnSchema(name: "home_city", type: "TEXT"),
            ],
            relationships: [Relationship(name: nil, columns: ["unit_id"], referencesTable: "units", referencesColumns: ["unit_id"])],
            profile: ["home_city": ["Lyon", "Oslo", "Porto"], "is_part_time": ["0", "1"]],
            // training keeps a few sample rows: text columns holding ISO dates are dates
            sample: [
                ["joined_on": .string("2021-04-12"), "left_on": .string("2023-01-31")], ["joined_on": .string("2022-09-01"), "left_on": .null],
            ]
        ),
        BuiltinGeneratorTests.table(
            "shifts",
            [
                ColumnSchema(name: "shift_id", type: "INTEGER", nullable: false, primaryKey: true),
                ColumnSchema(
                    name: "worker_id",
                    type: "INTEGER",
                    nullable: false,
                    foreignKey: ForeignKeyReference(referencesTable: "workers", referencesColumn: "worker_id")
                ),
                ColumnSchema(name: "shift_date", type: "TEXT", nullable: false),
                ColumnSchema(name: "extra_minutes", type: "INTEGER", nullable: false),
            ],
            relationships: [Relationship(name: nil, columns: ["worker_id"], referencesTable: "workers", referencesColumns: ["worker_id"])],
            sample: [["shift_date": .string("2024-05-02"), "extra_minutes": .int(30)]]
        ),
    ]

    func sql(_ question: String, tables: [RetrievedTable] = Self.staffing, dialect: Dialect = .sqlite) -> String {
        let request = GenerationRequest(question: question, dialect: dialect, tables: tables)
        return BuiltinSQLGenerator().generateNow(request).sql
    }

    @Test func aNumberBeforeTheRankedTableIsTheLimit() {
        for question in ["List the 3 workers with the most extra minutes in total.", "Which two workers have the most total extra minutes?"] {
            let text = sql(question)
            #expect(text.contains("SUM(T1.extra_minutes)") && text.hasSuffix(question.contains("3") ? "LIMIT 3" : "LIMIT 2"), "\(text)")
        }
        #expect(sql("Which worker has the most total extra minutes?").hasSuffix("LIMIT 1"))
        // a number too large for a limit is no limit (and no crash)
        #expect(!sql("List the 99999999999999999999 workers with the most total extra minutes.").contains("LIMIT 99"))
    }

    @Test func inTotalAfterARankedMeasureSumsIt() {
        let text = sql("Which worker has the most extra minutes in total?")
        #expect(text.contains("ORDER BY SUM(T1.extra_minutes) DESC LIMIT 1"), "\(text)")
        // a threshold "in total" with nothing ranked is not a ranking
        #expect(!sql("Which units have more than 100 extra minutes in total?").contains("ORDER BY SUM"))
    }

    @Test func currentRowsLeaveTheEndDateEmpty() {
        #expect(sql("How many workers do we currently have?").contains("left_on IS NULL"))
        #expect(sql("How many current workers are there in each home city?").contains("left_on IS NULL"))
        #expect(!sql("How many workers are there in each home city?").contains("IS NULL"))
    }

    @Test(arguments: ["How many former workers are there?", "How many workers have left?", "Which workers are no longer with us?"])
    func formerRowsHaveAnEndDate(question: String) {
        let text = sql(question)
        #expect(text.contains("left_on IS NOT NULL") && !text.contains("left_on IS NULL"), "\(text)")
    }

    @Test func currentInAColumnNameIsThatColumn() {
        var tables = Self.staffing
        tables[1].schema.columns.append(ColumnSchema(name: "current_city", type: "TEXT"))
        #expect(!sql("Which workers currently live in Oslo?", tables: tables).contains("left_on IS NULL"))
    }

    @Test func percentageOfRowsMeetingAFlag() {
        let text = sql("What percentage of workers are part time?")
        #expect(text.contains("100.0 * SUM(CASE WHEN is_part_time = 1 THEN 1 ELSE 0 END) / COUNT(*)"), "\(text)")
    }

    @Test func durationsAreShownInTheUnitAsked() {
        let text = sql("How many hours of extra time were worked in each unit?")
        #expect(text.contains("SUM(T1.extra_minutes) / 60.0"), "\(text)")
        #expect(text.contains("GROUP BY"), "\(text)")
    }

    @Test func datesWrittenInWordsAreRangesOfDays() {
        let between = sql("How many workers joined between 1 June 2023 and 31 December 2023?")
        #expect(between.contains("joined_on >= '2023-06-01' AND joined_on < '2024-01-01'"), "\(between)")
        #expect(!between.contains("first_name"), "'June' is a month here, not a name: \(between)")
        let on = sql("How many shifts were worked on 10 March 2025?")
        #expect(on.contains("shift_date >= '2025-03-10' AND shift_date < '2025-03-11'"), "\(on)")
        let before = sql("How many workers joined before March 3, 2024?")
        #expect(before.contains("joined_on < '2024-03-03'"), "\(before)")
        #expect(!sql("Which workers may leave?").contains("'20"), "'may' without a day or year is a verb")
    }

    @Test func groupsFollowTheQuestionAndAQuarterWithinAYearIsItsNumber() {
        let text = sql("What were the total extra minutes per unit per quarter in 2024?")
        #expect(text.hasPrefix("SELECT T3.unit_name, (CAST(strftime('%m', T1.shift_date) AS INTEGER) + 2) / 3 AS quarter, SUM("), "\(text)")
    }

    /// A vet practice: payments for visits, and owners with a usual vet (a role).
    static let practice: [RetrievedTable] = {
        func key(_ name: String) -> ColumnSchema { ColumnSchema(name: name, type: "INTEGER", nullable: false, primaryKey: true) }
        func reference(_ name: String, _ table: String) -> ColumnSchema {
            ColumnSchema(name: name, type: "INTEGER", foreignKey: ForeignKeyReference(referencesTable: table, referencesColumn: "id"))
        }
        func link(_ column: String, _ table: String) -> Relationship {
            Relationship(name: nil, columns: [column], referencesTable: table, referencesColumns: ["id"])
        }
        return [
            BuiltinGeneratorTests.table(
                "vets",
                [key("id"), ColumnSchema(name: "first_name", type: "TEXT"), ColumnSchema(name: "last_name", type: "TEXT")]
            ),
            BuiltinGeneratorTests.table(
                "owners",
                [key("id"), ColumnSchema(name: "name", type: "TEXT"), reference("usual_vet_id", "vets")],
                relationships: [link("usual_vet_id", "vets")]
            ),
            BuiltinGeneratorTests.table(
                "visits",
                [key("id"), reference("owner_id", "owners"), reference("vet_id", "vets")],
                relationships: [link("owner_id", "owners"), link("vet_id", "vets")]
            ),
            BuiltinGeneratorTests.table(
                "payments",
                [key("id"), reference("owner_id", "owners"), reference("visit_id", "visits"), ColumnSchema(name: "amount", type: "REAL")],
                relationships: [link("owner_id", "owners"), link("visit_id", "visits")]
            ),
        ]
    }()

    @Test func aMoneyVerbComparedWithAnAmountIsAThresholdOnTheTotal() {
        let text = sql("Which vets were paid more than 500?", tables: Self.practice)
        #expect(text.contains("HAVING SUM(T1.amount) > 500"), "\(text)")
        #expect(text.contains("T1.visit_id = T2.id") && text.contains("T2.vet_id = T3.id"), "the plain vet_id, not the owner's usual vet: \(text)")
        #expect(!text.contains("SELECT T3.first_name || ' ' || T3.last_name AS full_name, SUM"), "'which' lists the vets only: \(text)")
    }

    @Test func aClosingInstructionSaysWhatToShowInOrder() {
        let text = sql("Which workers live in Oslo? Show their full name and the unit.")
        #expect(text.hasPrefix("SELECT T1.first_name || ' ' || T1.last_name, T2.unit_name FROM workers AS T1 JOIN units AS T2"), "\(text)")
        #expect(text.contains("'Oslo'"), "\(text)")
        let counted = sql("Which units have more than 2 workers? Show the unit name and the number of workers.")
        #expect(counted.hasPrefix("SELECT T1.unit_name, count(*)") || counted.hasPrefix("SELECT T2.unit_name, count(*)"), "\(counted)")
    }

    @Test func anEntitysValueIsItsLinesTotalAveragedPerEntity() {
        let billing = [
            BuiltinGeneratorTests.table(
                "bills",
                [
                    ColumnSchema(name: "id", type: "INTEGER", nullable: false, primaryKey: true),
                    ColumnSchema(name: "billed_on", type: "DATE", nullable: false),
                ]
            ),
            BuiltinGeneratorTests.table(
                "bill_lines",
                [
                    ColumnSchema(name: "id", type: "INTEGER", nullable: false, primaryKey: true),
                    ColumnSchema(
                        name: "bill_id",
                        type: "INTEGER",
                        foreignKey: ForeignKeyReference(referencesTable: "bills", referencesColumn: "id")
                    ),
                    ColumnSchema(name: "quantity", type: "INTEGER"),
                    ColumnSchema(name: "unit_price", type: "NUMERIC(10,2)"),
                ],
                relationships: [Relationship(name: nil, columns: ["bill_id"], referencesTable: "bills", referencesColumns: ["id"])]
            ),
        ]
        let text = sql("What is the average bill value per month?", tables: billing)
        #expect(text.contains("* 1.0 / COUNT(DISTINCT T2.id)"), "\(text)")
        #expect(text.contains("GROUP BY strftime('%Y-%m', T2.billed_on)"), "\(text)")
    }

    @Test func booleanFlagsCompareWithTrue() {
        var tables = Self.staffing
        tables[1].schema.columns.append(ColumnSchema(name: "is_remote", type: "boolean", nullable: false))
        let text = sql("How many workers are remote?", tables: tables, dialect: .postgres)
        #expect(text.contains("is_remote = TRUE"), "Postgres has no boolean = integer: \(text)")
    }

    @Test func largestFirstIsAnOrderNotAColumn() {
        let text = sql("List the units with their yearly budget, largest first.")
        #expect(!text.contains("first_name"), "\(text)")
        #expect(!text.contains("is_part_time"), "\(text)")
    }
}

/// "The value of items sold" is the money of the sold lines (quantity × unit price), not their
/// quantity or a stock count.
@Suite struct SoldValueTests {
    @Test func theValueOfItemsSoldIsTheLinesMoney() {
        let key = ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true)
        let tables = [
            BuiltinGeneratorTests.table(
                "products",
                [key, ColumnSchema(name: "title", type: "text"), ColumnSchema(name: "stock_quantity", type: "integer")]
            ),
            BuiltinGeneratorTests.table("sales", [key, ColumnSchema(name: "sold_on", type: "date")]),
            BuiltinGeneratorTests.table(
                "sale_lines",
                [
                    key,
                    ColumnSchema(name: "sale_id", type: "integer", foreignKey: ForeignKeyReference(referencesTable: "sales", referencesColumn: "id")),
                    ColumnSchema(
                        name: "product_id",
                        type: "integer",
                        foreignKey: ForeignKeyReference(referencesTable: "products", referencesColumn: "id")
                    ),
                    ColumnSchema(name: "quantity", type: "integer"),
                    ColumnSchema(name: "unit_price", type: "numeric"),
                ],
                relationships: [
                    Relationship(name: nil, columns: ["sale_id"], referencesTable: "sales", referencesColumns: ["id"]),
                    Relationship(name: nil, columns: ["product_id"], referencesTable: "products", referencesColumns: ["id"]),
                ]
            ),
        ]
        let sql = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "What was the total value of items sold in 2024?", dialect: .sqlite, tables: tables)
        ).sql
        #expect(sql.contains("SUM(T1.unit_price * T1.quantity)") || sql.contains("SUM(T1.quantity * T1.unit_price)"), "\(sql)")
        #expect(sql.contains("sold_on >= '2024-01-01'"), "\(sql)")
    }

    /// Revenue over a catalogue with a list price, a line table and an invoice total: the
    /// lines' money, read through the nearest path, never a sum of list prices.
    @Test(arguments: ["What is the total revenue per category?", "What is the total revenue per product?"])
    func revenueIsTheLinesMoneyNotASumOfPrices(question: String) {
        let products = BuiltinGeneratorTests.table(
            "products",
            [
                BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text"), ColumnSchema(name: "category", type: "text"),
                ColumnSchema(name: "list_price", type: "numeric"),
            ]
        )
        let invoices = BuiltinGeneratorTests.table("invoices", [BuiltinGeneratorTests.key, ColumnSchema(name: "total_amount", type: "numeric")])
        let lines = BuiltinGeneratorTests.child(
            "invoice_lines",
            of: "invoices",
            by: "invoice_id",
            [
                ColumnSchema(
                    name: "product_id",
                    type: "integer",
                    foreignKey: ForeignKeyReference(referencesTable: "products", referencesColumn: "id")
                ),
                ColumnSchema(name: "quantity", type: "integer"), ColumnSchema(name: "unit_price", type: "numeric"),
            ]
        )
        var linked = lines
        linked.schema.relationships.append(Relationship(name: nil, columns: ["product_id"], referencesTable: "products", referencesColumns: ["id"]))
        let sql = BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: [products, invoices, linked])).sql
        #expect(sql.contains("unit_price * T1.quantity") || sql.contains("quantity * T1.unit_price"), "\(sql)")
        #expect(!sql.contains("list_price") && !sql.contains("total_amount"), "\(sql)")
    }

    @Test func spentTheMostRanksByTheMoney() {
        let tables = [
            BuiltinGeneratorTests.people("patrons"),
            BuiltinGeneratorTests.child("tabs", of: "patrons", by: "patron_id", []),
            BuiltinGeneratorTests.child(
                "tab_lines",
                of: "tabs",
                by: "tab_id",
                [ColumnSchema(name: "quantity", type: "integer"), ColumnSchema(name: "unit_price", type: "numeric")]
            ),
        ]
        let sql = BuiltinSQLGenerator().generateNow(GenerationRequest(question: "Which patron has spent the most?", dialect: .sqlite, tables: tables))
            .sql
        #expect(sql.contains("GROUP BY") && sql.contains("DESC LIMIT 1") && sql.contains("unit_price"), "\(sql)")
    }
}

/// A subject compounded with one of its columns ("procedure categories") groups by that
/// column, for thresholds on totals and for rankings.
@Suite struct CompoundSubjectTests {
    static let tables = [
        BuiltinGeneratorTests.table(
            "procedures",
            [BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text"), ColumnSchema(name: "category", type: "text")],
            profile: ["category": ["Imaging", "Surgery", "Therapy"]]
        ),
        BuiltinGeneratorTests.child(
            "treatments",
            of: "procedures",
            by: "procedure_id",
            [ColumnSchema(name: "quantity", type: "integer"), ColumnSchema(name: "unit_price", type: "numeric")]
        ),
    ]

    func sql(_ question: String) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
    }

    @Test func groupsByTheCompoundedColumn() {
        let threshold = sql("Which procedure categories brought in more than 50,000 in total?")
        #expect(threshold.contains("GROUP BY T2.category HAVING SUM("), "\(threshold)")
        let ranked = sql("Which procedure category has the highest total revenue?")
        #expect(ranked.contains("GROUP BY T2.category") && ranked.contains("DESC LIMIT 1"), "\(ranked)")
    }
}

/// Which measure a question names: a unit at the end of a column's name is optional, the same
/// word beats a similar one, the table after "of" qualifies it, and units sold are the lines'.
@Suite struct MeasureNamingTests {
    static let tables = [
        BuiltinGeneratorTests.table(
            "shipments",
            [
                BuiltinGeneratorTests.key, ColumnSchema(name: "status", type: "text"), ColumnSchema(name: "total_weight_kg", type: "numeric"),
            ],
            profile: ["status": ["delivered", "in_transit"]]
        ),
        BuiltinGeneratorTests.child(
            "parcels",
            of: "shipments",
            by: "shipment_id",
            [ColumnSchema(name: "weight_kg", type: "numeric"), ColumnSchema(name: "height_cm", type: "numeric")]
        ),
        BuiltinGeneratorTests.table(
            "products",
            [BuiltinGeneratorTests.key, ColumnSchema(name: "title", type: "text"), ColumnSchema(name: "stock_quantity", type: "integer")]
        ),
        BuiltinGeneratorTests.child(
            "order_lines",
            of: "products",
            by: "product_id",
            [ColumnSchema(name: "quantity", type: "integer"), ColumnSchema(name: "unit_price", type: "numeric")]
        ),
    ]

    func sql(_ question: String) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
    }

    @Test func theMeasureOfTheTableNamedAfterOf() {
        let text = sql("What is the total weight of parcels per shipment status?")
        #expect(text.contains("SUM(T1.weight_kg)") && text.contains("GROUP BY T2.status"), "\(text)")
        #expect(sql("What is the total weight of shipments per status?").contains("SUM(total_weight_kg)"))
    }

    @Test func unitsSoldAreTheLinesQuantity() {
        let text = sql("How many units of each product were sold?")
        #expect(text.contains("SUM(T1.quantity)") && !text.contains("stock_quantity"), "\(text)")
    }
}

/// A measure named by its head noun ("salary" for `annual_salary`, not the band bound
/// `min_salary`), selling verbs that ask for an amount or only for who bought, and the most
/// common value of an optional column.
@Suite struct HeadNounAndSellingTests {
    static let staff: [RetrievedTable] = [
        BuiltinGeneratorTests.table(
            "bands",
            [BuiltinGeneratorTests.key, ColumnSchema(name: "min_salary", type: "numeric"), ColumnSchema(name: "max_salary", type: "numeric")]
        ),
        BuiltinGeneratorTests.table("teams", [BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text")]),
        BuiltinGeneratorTests.table(
            "staff",
            [
                BuiltinGeneratorTests.key, ColumnSchema(name: "name", type: "text"), ColumnSchema(name: "leave_reason", type: "text"),
                ColumnSchema(name: "band_id", type: "integer", foreignKey: ForeignKeyReference(referencesTable: "bands", referencesColumn: "id")),
                ColumnSchema(name: "team_id", type: "integer", foreignKey: ForeignKeyReference(referencesTable: "teams", referencesColumn: "id")),
            ],
            relationships: [
                Relationship(name: nil, columns: ["band_id"], referencesTable: "bands", referencesColumns: ["id"]),
                Relationship(name: nil, columns: ["team_id"], referencesTable: "teams", referencesColumns: ["id"]),
            ],
            profile: ["leave_reason": ["moved", "retired"]]
        ),
        BuiltinGeneratorTests.child("salaries", of: "staff", by: "staff_id", [ColumnSchema(name: "annual_salary", type: "numeric")]),
        BuiltinGeneratorTests.child(
            "leave_requests",
            of: "staff",
            by: "staff_id",
            [ColumnSchema(name: "days_requested", type: "integer"), ColumnSchema(name: "status", type: "text")],
            profile: ["status": ["requested", "approved"]]
        ),
    ]

    func sql(_ question: String, _ tables: [RetrievedTable] = Self.staff) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: tables)).sql
    }

    @Test func theHeadNounNamesTheMeasureButNotABound() {
        let text = sql("Which team has the highest average salary?")
        #expect(text.contains("AVG(T1.annual_salary)") && !text.contains("min_salary"), "\(text)")
    }

    @Test func aNameWithItsUnitIsTheMeasureEvenWhenAWordIsAlsoAValue() {
        let text = sql("What is the total number of days requested?")
        #expect(text.contains("SUM(days_requested)"), "\(text)")
    }

    @Test func theMostCommonValueOfAnOptionalColumnLeavesOutMissingOnes() {
        #expect(sql("What is the most common leave reason?").contains("leave_reason IS NOT NULL"))
    }

    @Test func sellingVerbsAskForAnAmountOnlyWithACountOrAComparison() {
        let shop = MeasureNamingTests.tables
        #expect(!sql("Which products were sold?", shop).contains("SUM("))
        let over = sql("Which products sold more than 10 units?", shop)
        #expect(over.contains("HAVING SUM(T1.quantity) > 10"), "\(over)")
    }
}
