import Foundation
import Testing

@testable import QuerentCore
@testable import QuerentGeneration
@testable import QuerentQueryPlan
@testable import QuerentSchemaLinking

/// Query shapes that are rarely meant lower the built-in generator's confidence; a count
/// beside plain columns is read per value of those columns.
@Suite struct QueryPlanDoubtTests {
    /// Departments and their employees: a key, a foreign key, a budget and an invoice number.
    static let tables: [RetrievedTable] = [
        BuiltinGeneratorTests.table(
            "departments",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "name", type: "text"),
                ColumnSchema(name: "annual_budget", type: "numeric"),
            ]
        ),
        BuiltinGeneratorTests.table(
            "employees",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "first_name", type: "text"),
                ColumnSchema(
                    name: "department_id",
                    type: "integer",
                    foreignKey: ForeignKeyReference(referencesTable: "departments", referencesColumn: "id")
                ),
                ColumnSchema(name: "badge_number", type: "integer"),
                ColumnSchema(name: "salary", type: "numeric"),
            ],
            relationships: [Relationship(name: nil, columns: ["department_id"], referencesTable: "departments", referencesColumns: ["id"])]
        ),
    ]
    static let index = SchemaIndex(tables: tables)
    static let department = 0
    static let employee = 1

    static func ref(_ table: Int, _ column: String) -> QueryPlan.ColumnRef {
        QueryPlan.ColumnRef(table: table, column: index.columnIndex(table, named: column)!)
    }

    /// employees JOIN departments ON department_id = departments.id
    static var joined: QueryPlan {
        var plan = QueryPlan(mainTable: employee)
        plan.joins = [
            SchemaIndex.Edge(
                from: employee,
                fromColumns: [index.columnIndex(employee, named: "department_id")!],
                to: department,
                toColumns: [0],
                declared: true
            )
        ]
        return plan
    }

    @Test func anAggregateBesidePlainColumnsIsDoubtedOutsideSQLitesExtremes() {
        var plan = QueryPlan(mainTable: Self.department)
        plan.select = [.column(Self.ref(Self.department, "name")), .aggregate(.max, Self.ref(Self.department, "annual_budget"))]
        // SQLite takes the plain columns from the row holding the maximum; Postgres refuses.
        #expect(plan.doubts(in: Self.index, dialect: .sqlite).isEmpty)
        #expect(plan.doubts(in: Self.index, dialect: .postgres) == [.aggregateBesidePlainColumns])
        // the aggregated column again as a plain one is never meant
        plan.select.append(.column(Self.ref(Self.department, "annual_budget")))
        #expect(plan.doubts(in: Self.index, dialect: .sqlite) == [.aggregateBesidePlainColumns])
    }

    @Test func aColumnNoGroupDeterminesIsDoubted() {
        var plan = Self.joined
        plan.select = [.column(Self.ref(Self.department, "name")), .countAll]
        plan.groupBy = [Self.ref(Self.employee, "department_id")]
        // the department is joined by its key to the grouped column, and so is its id
        #expect(plan.doubts(in: Self.index, dialect: .postgres).isEmpty)
        plan.select.insert(.column(Self.ref(Self.department, "id")), at: 0)
        #expect(plan.doubts(in: Self.index, dialect: .postgres).isEmpty)

        var byDepartment = Self.joined
        byDepartment.select = [.column(Self.ref(Self.department, "name")), .column(Self.ref(Self.employee, "first_name")), .countAll]
        byDepartment.groupBy = [Self.ref(Self.department, "id")]
        #expect(byDepartment.doubts(in: Self.index, dialect: .postgres) == [.columnOutsideTheGroups])
    }

    @Test func sumsAndAveragesOfIdentifiersAreDoubted() {
        var plan = QueryPlan(mainTable: Self.employee)
        plan.select = [.aggregate(.avg, Self.ref(Self.employee, "salary"))]
        #expect(plan.doubts(in: Self.index, dialect: .sqlite).isEmpty)
        for column in ["badge_number", "department_id", "id"] {
            plan.select = [.aggregate(.sum, Self.ref(Self.employee, column))]
            #expect(plan.doubts(in: Self.index, dialect: .sqlite) == [.aggregatedIdentifier], "\(column)")
        }
        plan.select = [.aggregate(.count, Self.ref(Self.employee, "badge_number"), distinct: true)]
        #expect(plan.doubts(in: Self.index, dialect: .sqlite).isEmpty)
    }

    @Test func countsBesidePlainColumnsAreGroupedByThem() {
        var plan = QueryPlan(mainTable: Self.employee)
        plan.select = [.column(Self.ref(Self.employee, "department_id")), .countAll]
        plan.orderBy = [QueryPlan.Ordering(expression: .column(Self.ref(Self.employee, "first_name")), descending: false)]
        plan.groupPlainColumnsBesideTotals()
        #expect(plan.groupBy == [Self.ref(Self.employee, "department_id")])
        #expect(plan.orderBy.isEmpty)

        // a maximum beside a plain column is left alone (SQLite reads it as the extreme row)
        var extreme = QueryPlan(mainTable: Self.department)
        extreme.select = [.column(Self.ref(Self.department, "name")), .aggregate(.max, Self.ref(Self.department, "annual_budget"))]
        extreme.groupPlainColumnsBesideTotals()
        #expect(extreme.groupBy.isEmpty)
    }

    @Test func aDoubtedPlanIsNotConfident() {
        let doubted = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "What is the total badge number of employees?", dialect: .sqlite, tables: Self.tables)
        )
        #expect(doubted.sql.lowercased().contains("sum(badge_number)"), "\(doubted.sql)")
        #expect(doubted.confidence <= 0.45)
        let plain = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "What is the total salary of employees?", dialect: .sqlite, tables: Self.tables)
        )
        #expect(plain.sql.lowercased().contains("sum(salary)"), "\(plain.sql)")
        #expect(plain.confidence > 0.45)
    }

    @Test func perPutsTheGroupsBeforeTheTotals() {
        var plan = QueryPlan(mainTable: Self.employee)
        plan.select = [.aggregate(.sum, Self.ref(Self.employee, "salary")), .column(Self.ref(Self.employee, "department_id"))]
        plan.groupBy = [Self.ref(Self.employee, "department_id")]
        plan.putGroupsBeforeTotals()
        #expect(plan.select.map(\.aggregate) == [nil, .sum])

        let shop = BuiltinGeneratorTests.shop
        let per = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "What is the total amount of orders per status?", dialect: .sqlite, tables: shop)
        )
        #expect(per.sql.lowercased().hasPrefix("select status, sum(total_amount)"), "\(per.sql)")
        let each = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "What is the total amount of orders for each status?", dialect: .sqlite, tables: shop)
        )
        #expect(each.sql.contains("GROUP BY status"), "\(each.sql)")
    }

    @Test func largestFirstIsAnOrderNotAFirstName() {
        let sql = BuiltinSQLGenerator().generateNow(
            GenerationRequest(question: "List the departments with their annual budget, largest budget first.", dialect: .sqlite, tables: Self.tables)
        ).sql
        #expect(!sql.contains("first_name") && !sql.contains("JOIN"), "\(sql)")
    }
}
