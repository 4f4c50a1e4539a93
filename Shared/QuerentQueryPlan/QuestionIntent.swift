import QuerentSchemaLinking

/// What a question asks, in the question's own terms, before it becomes SQL: the table it is
/// about, what to count and return, its conditions with the words they came from, groups,
/// rankings, ordering and limit, and existence tests through other tables.
///
/// The rule planner's passes fill an intent in reading order, each from the question and the
/// schema index; one compile step then turns it into a ``QueryPlan`` (defaults, implicit
/// groups, AND/OR between conditions, NOT IN subqueries, set operations and joins). Positions
/// are token indexes of the question, kept so the compile step can put returned columns in the
/// order they were asked for and scope negations.
package struct QuestionIntent: Sendable {
    /// A condition with the question tokens it was read from.
    package typealias SpannedCondition = (condition: QueryPlan.Condition, span: ClosedRange<Int>)

    /// A grouping target: a column, or a table (grouped by its key).
    package enum GroupTarget: Hashable, Sendable {
        case column(QueryPlan.ColumnRef)
        case table(Int)
    }

    /// An existence test through another table: NOT IN ("products never ordered"), or IN
    /// ("students who have a pet") when `positive`.
    package struct Existence: Sendable {
        package var table: Int
        /// The tokens the test covers: conditions inside it go into the subquery.
        package var scope: ClosedRange<Int>
        package var positive = false

        package init(table: Int, scope: ClosedRange<Int>, positive: Bool = false) {
            self.table = table
            self.scope = scope
            self.positive = positive
        }
    }

    /// A returned expression with the token where it was asked for.
    package struct ReturnedItem: Sendable {
        package var expression: QueryPlan.Expression
        package var position: Int

        package init(expression: QueryPlan.Expression, position: Int) {
            self.expression = expression
            self.position = position
        }
    }

    /// A ranking of groups by their row count ("the airline with the most flights").
    package typealias CountRanking = (descending: Bool, target: Int?, position: Int)

    /// The table the question is about (first in FROM).
    package var subject: Int?
    /// Rows to count ("how many …"): the counted table.
    package var countTarget: Int?
    /// Where the count cue is, to place the count among the returned columns.
    package var countPosition: Int?
    /// "how many different customers": count distinct values of this column.
    package var countDistinct: QueryPlan.ColumnRef?
    /// "how many people": the sum of a population column instead of a row count.
    package var countAsSum: QueryPlan.ColumnRef?
    /// "all the information about …": every column.
    package var selectAll = false
    /// What to return, in the order asked.
    package var returned: [ReturnedItem] = []
    /// The tokens the returned items were read from.
    package var returnedRegion = 0..<0
    /// "different", "distinct": distinct rows.
    package var distinct = false
    /// Row conditions, in the order they were found.
    package var conditions: [SpannedCondition] = []
    /// Conditions on groups (HAVING).
    package var having: [QueryPlan.Condition] = []
    /// Existence tests through other tables.
    package var existence: [Existence] = []
    /// What to group by.
    package var groups: [GroupTarget] = []
    /// Where each grouping target was named, to place it among the returned columns.
    package var groupPositions: [GroupTarget: Int] = [:]
    /// "each of them": group by the returned columns.
    package var groupOnReturned = false
    /// Sort keys, most significant first.
    package var orderings: [QueryPlan.Ordering] = []
    /// Groups ranked by their row count.
    package var countRanking: CountRanking?
    /// "in alphabetical order" with no column named: sort by what is returned (descending?).
    package var alphabetical: Bool?
    /// How many rows to return.
    package var limit: Int?
    /// Tables the query must read besides those its columns name.
    package var tables: [Int] = []
    /// Join columns the question's words choose where two tables have several.
    package var preferredEdges: [SchemaIndex.Edge] = []

    package init() {}
}
