import Foundation
import QuerentAnalytics
import QuerentCore
import QuerentQueryPlan
import QuerentSchemaLinking
import QuerentSemantics
import QuerentTeaching

/// The built-in text-to-SQL generator: no model, no network.
///
/// It links the question's words to the retrieved tables, their columns and their trained
/// values (stemming, plurals, synonyms, abbreviations, acronyms, typos), reads the question's
/// shape (counts, aggregates, comparisons, ranges, negations, superlatives, grouping, ordering,
/// "more than the average", "never", "both … and …", dates such as "in 2023" or "last month"),
/// joins the tables it needs along foreign-key paths, and renders SQL for the request's
/// dialect. The result explains what was linked and why, and carries a confidence that drops
/// when words stay unexplained or parts had to be guessed; when nothing can be linked it says
/// so and returns no SQL.
public struct BuiltinSQLGenerator: SQLGenerator {
    public let name = "builtin"

    public init() {}

    public func generate(_ request: GenerationRequest) async throws -> SQLGenerationResult {
        generateNow(request)
    }

    /// The same as ``generate(_:)``, synchronously: a matching taught example answers first;
    /// the glossary's named filters apply to the planned answer.
    public func generateNow(_ request: GenerationRequest) -> SQLGenerationResult {
        TaughtAnswers.answer(request, model: request.semanticModel, generator: name) { analyze($0).result }
    }

    /// The result with the confidence model's inputs (nil when nothing could be linked).
    func analyze(_ request: GenerationRequest) -> (result: SQLGenerationResult, features: ConfidenceModel.Features?) {
        guard !request.tables.isEmpty else {
            return (
                SQLGenerationResult(
                    sql: "",
                    confidence: 0,
                    explanation: "No trained tables are available to answer the question.",
                    tableUsed: [],
                    generator: name
                ), nil
            )
        }
        let question = request.question.trimmingCharacters(in: .whitespacesAndNewlines)
        let index = SchemaIndex.cached(request.tables)
        let tokens = QuestionTokenizer.tokenize(question)
        guard !tokens.isEmpty else {
            return (SQLGenerationResult(sql: "", confidence: 0, explanation: "The question is empty.", tableUsed: [], generator: name), nil)
        }
        let link = SchemaLinker(index: index).link(tokens)
        let planner = QueryPlanner(index: index, tokens: tokens, link: link)
        let model = semanticModel(request)
        var plan = planner.build()
        if let analytic = analytic(request, model: model, index: index, tokens: tokens, link: link, rulePlan: plan) { return (analytic, nil) }
        let rowsInTime = CurrentRows(index: index, model: model)
        let currentCues = rowsInTime.cues(in: tokens)
        let current = plan.map { currentRows(of: $0, model: model, index: index, cues: currentCues) } ?? []
        plan?.conditions += current.map { QueryPlan.Condition(left: .column($0), op: .isNull, right: .none) }
        // "former employees", "who have left": the main table's rows that have ended
        if let main = plan?.mainTable, !rowsInTime.endedCues(in: tokens).isEmpty {
            let tested = Set(plan?.conditions.compactMap(\.left.column) ?? [])
            let ended = rowsInTime.endColumns(of: [main]).map { QueryPlan.ColumnRef(table: $0.table, column: $0.column) }
            plan?.conditions += ended.filter { !tested.contains($0) }.map { QueryPlan.Condition(left: .column($0), op: .isNotNull, right: .none) }
        }
        if let rows = plan, let items = RequestedColumns.find(tokens: tokens, link: link, index: index),
            let shaped = shape(rows, as: items, planner: planner, index: index)
        {
            plan = shaped
        }
        if let rows = plan, rows.repeatsRows(in: index) { plan?.distinct = true }
        plan?.groupPlainColumnsBesideTotals()
        if tokens.contains(where: { $0.lower == "per" }) { plan?.putGroupsBeforeTotals() }
        guard let plan else {
            let words = tokens.filter { $0.kind == .word && !ConfidenceModel.neutralWords.contains($0.lower) }.map(\.text)
            let listed = words.isEmpty ? "" : " (looked for: " + words.prefix(8).joined(separator: ", ") + ")"
            let available = index.tables.prefix(8).map(\.baseName).joined(separator: ", ")
            return (
                SQLGenerationResult(
                    sql: "",
                    confidence: 0.02,
                    explanation:
                        "I could not link the question to any table or column\(listed). Available tables: \(available). Try naming a table or column.",
                    tableUsed: [],
                    generator: name
                ), nil
            )
        }
        let sql = SQLRenderer(index: index, dialect: request.dialect).render(plan)
        var explained = planner.consumed
        if !current.isEmpty { explained.formUnion(currentCues) }
        for mention in planner.usedMentions { explained.formUnion(link.chosen[mention].range) }
        let linkScores = planner.usedMentions.sorted().map { link.chosen[$0].score }
        // links whose two best readings point at different things with almost the same score
        let ambiguous = planner.usedMentions.filter { offset in
            let candidates = link.chosen[offset].candidates
            return candidates.count > 1 && candidates[0].score - candidates[1].score < 0.05
        }.count
        // tables the SQL reads that no word of the question points at
        var linkedTables = Set<Int>()
        for offset in planner.usedMentions {
            for candidate in link.chosen[offset].candidates {
                switch candidate.target {
                case .table(let t), .column(let t, _), .value(let t, _, _): linkedTables.insert(t)
                }
            }
        }
        let planTables = Set([plan.mainTable] + plan.joins.map(\.to))
        let (features, unexplained) = ConfidenceModel.features(
            tokens: tokens,
            explained: explained,
            signals: planner.signals,
            missing: planner.missing.count,
            linkScores: linkScores,
            unusedMentions: link.chosen.count - planner.usedMentions.count,
            plan: plan,
            ambiguousLinks: ambiguous,
            unlinkedTables: planTables.subtracting(linkedTables).count,
            subjectNamed: planner.reading.mentionedTables.contains(plan.mainTable)
        )
        var confidence = ConfidenceModel.score(features)
        if request.feedback != nil { confidence *= 0.5 }
        // a guessed reading of a business measure is worth checking (and a model's opinion)
        if planner.signals.guessedMeasure { confidence = min(confidence, 0.55) }
        // a shape that is rarely meant (an aggregate beside plain columns, a sum of ids)
        if !plan.doubts(in: index, dialect: request.dialect).isEmpty { confidence = min(confidence, 0.45) }
        let result = SQLGenerationResult(
            sql: sql,
            confidence: (confidence * 100).rounded() / 100,
            explanation: explanation(planner: planner, plan: plan, index: index, unexplained: unexplained),
            tableUsed: plan.tableNames(in: index),
            generator: name
        )
        return (result, features)
    }

    /// The semantic models derived per retrieved table set (when the request carries none).
    private static let models = Memo<[TableSchema], SemanticModel>(capacity: 64)

    /// The source's semantic model: the stored one, else one derived from the retrieved tables.
    func semanticModel(_ request: GenerationRequest) -> SemanticModel {
        let schemas = request.tables.map(\.schema)
        return request.semanticModel
            ?? Self.models.value(for: schemas) {
                SemanticModelBuilder.derive(sourceId: schemas.first?.sourceId ?? "", tables: schemas)
            }
    }

    /// "current employees": the end dates of the plan's tables, which current rows leave NULL
    /// (none when the question has no `cues` for current rows or the plan already tests them).
    func currentRows(of plan: QueryPlan, model: SemanticModel, index: SchemaIndex, cues: [Int]) -> [QueryPlan.ColumnRef] {
        guard !cues.isEmpty else { return [] }
        let tables = [plan.mainTable] + plan.joins.map(\.to)
        let tested = Set(plan.conditions.compactMap(\.left.column))
        return CurrentRows(index: index, model: model).endColumns(of: tables).map { QueryPlan.ColumnRef(table: $0.table, column: $0.column) }
            .filter { !tested.contains($0) }
    }

    /// The plan showing what the question's closing instruction asks for ("Show their full name
    /// and salary."), in that order, with the joins and groups that takes; nil when an item has
    /// nothing in the plan to show it (no count, no computed figure) or nothing changes.
    func shape(_ plan: QueryPlan, as items: [RequestedColumns.Item], planner: QueryPlanner, index: SchemaIndex) -> QueryPlan? {
        var plan = plan
        let aggregates = plan.select.filter { $0.aggregate != nil }
        var select: [QueryPlan.Expression] = []
        for item in items {
            switch item {
            case .display(let table): select.append(planner.labelExpression(table ?? plan.mainTable))
            case .column(let table, let column):
                // a column the plan already shows keeps its aggregate ("the maximum weight")
                let ref = QueryPlan.ColumnRef(table: table, column: column)
                select.append(plan.select.first { $0.column == ref } ?? .column(ref))
            case .key:
                guard let key = index.tables[plan.mainTable].primaryKey.first else { return nil }
                select.append(.column(QueryPlan.ColumnRef(table: plan.mainTable, column: key)))
            case .count:
                guard let count = aggregates.first(where: { $0.aggregate == .count }) ?? (plan.groupBy.isEmpty ? nil : .countAll) else { return nil }
                select.append(count)
            case .figure:
                guard let figure = aggregates.first else { return nil }
                select.append(figure)
            }
        }
        guard select != plan.select else { return nil }
        let present = [plan.mainTable] + plan.joins.map(\.to)
        let needed = select.compactMap(\.column?.table).filter { !present.contains($0) }
        if !needed.isEmpty {
            guard let joins = JoinPlanner(index: index).joins(main: plan.mainTable, required: Array(present.dropFirst()) + needed) else { return nil }
            plan.joins = joins
            plan.tables += needed
        }
        // a grouped plan groups by what it now shows
        if !plan.groupBy.isEmpty {
            for expression in select where expression.aggregate == nil {
                guard let ref = expression.column else { continue }
                let refs = [ref] + expression.nameParts.map { QueryPlan.ColumnRef(table: ref.table, column: $0) }
                plan.groupBy += refs.filter { !plan.groupBy.contains($0) }
            }
        }
        plan.select = select
        return plan
    }

    /// The answer of the analytic planner when the question asks for a measure sliced, ranked,
    /// totalled or thresholded in a way the rule-based plan missed (no aggregate, no grouping,
    /// no HAVING where the question needs them); nil to keep the rule-based answer.
    func analytic(
        _ request: GenerationRequest,
        model: SemanticModel,
        index: SchemaIndex,
        tokens: [QuestionToken],
        link: SchemaLinker.Result,
        rulePlan: QueryPlan?
    ) -> SQLGenerationResult? {
        if let role = RolePlanner(index: index, model: model, tokens: tokens, link: link, dialect: request.dialect).plan(),
            !(rulePlan?.joins.contains { $0.from == $0.to } ?? false)
        {
            return SQLGenerationResult(
                sql: role.sql,
                confidence: request.feedback == nil ? 0.8 : 0.4,
                explanation: "Read as a question about a role: \(role.note).",
                tableUsed: role.tables,
                generator: name
            )
        }
        guard let intent = AnalyticPlanner(index: index, model: model, tokens: tokens, link: link).plan(),
            prefers(intent, over: rulePlan, model: model, index: index, tokens: tokens),
            let rendered = AnalyticRenderer(index: index, model: model, dialect: request.dialect).render(intent)
        else { return nil }
        let content = tokens.filter { $0.kind != .punctuation && !ConfidenceModel.neutralWords.contains($0.lower) }
        let linked = Set(link.chosen.flatMap { Array($0.range) })
        let explained = content.filter { intent.explained.contains($0.index) || linked.contains($0.index) }
        let coverage = content.isEmpty ? 1 : Double(explained.count) / Double(content.count)
        let unexplained = content.filter { token in !explained.contains(token) }.map(\.text)
        var notes = intent.notes
        notes.insert(intent.metric.description(in: index), at: 0)
        var text = "Read as an analytic question: " + notes.joined(separator: "; ") + "."
        if !unexplained.isEmpty { text += " Not used from the question: " + unexplained.prefix(10).joined(separator: ", ") + "." }
        var confidence = min(0.9, 0.45 + 0.45 * coverage)
        if request.feedback != nil { confidence *= 0.5 }
        // a guessed reading of a business measure is worth checking (and a model's opinion)
        if intent.guessedMeasure { confidence = min(confidence, 0.55) }
        return SQLGenerationResult(
            sql: rendered.sql,
            confidence: (confidence * 100).rounded() / 100,
            explanation: text,
            tableUsed: rendered.tables,
            generator: name
        )
    }

    /// Whether the analytic intent answers what the rule-based plan leaves out.
    func prefers(_ intent: AnalyticIntent, over plan: QueryPlan?, model: SemanticModel, index: SchemaIndex, tokens: [QuestionToken]) -> Bool {
        guard let plan else { return true }
        // the days between two dates of a row, read from the question, beat a stored duration
        if plan.select.contains(where: { $0.since != nil }) { return false }
        let planAggregates = plan.select.contains { $0.aggregate != nil }
        if case .averagePer = intent.metric { return true }
        if intent.versusAverage != nil || intent.singleRow { return true }
        // an aggregate beside a bare column without GROUP BY (an error on Postgres)
        if planAggregates, plan.groupBy.isEmpty, plan.setPlan.isEmpty, plan.select.contains(where: { $0.aggregate == nil }),
            intent.groups.isEmpty, case .measure = intent.metric
        {
            return true
        }
        // "per quarter": a time bucket the plan does not group by
        if intent.groups.contains(where: { if case .time = $0 { return true } else { return false } }),
            !plan.groupBy.contains(where: { index.tables[$0.table].columns[$0.column].kind == .date })
        {
            return true
        }
        // a percentage, or a duration in the unit asked for, is the intent's alone
        if intent.share != nil || intent.scale != nil { return true }
        // a named measure totalled where the plan only counts rows
        if case .measure(_, _, let aggregation) = intent.metric, aggregation != .count, !intent.guessedMeasure, planAggregates,
            plan.select.allSatisfy({ $0.aggregate == nil || ($0.aggregate == .count && $0.column == nil) })
        {
            return true
        }
        if !intent.groups.isEmpty, plan.groupBy.isEmpty, plan.setPlan.isEmpty { return true }
        // "per status and priority": more groups than the plan reads
        if intent.groups.count > 1, intent.groups.count > plan.groupBy.count, plan.setPlan.isEmpty,
            intent.groups.dropFirst().allSatisfy({ group in
                intent.groupPositions[group].map { $0 > 0 && tokens[$0 - 1].lower == "and" } == true
            })
        {
            return true
        }
        // money where the plan totals a unit price (a price is averaged, or multiplied by a quantity)
        if case .measure(let measure, _, _) = intent.metric, measure.kind == .amount,
            plan.select.contains(where: { item in
                guard item.aggregate == .sum, let ref = item.column else { return false }
                let name = index.tables[ref.table].columns[ref.column].name
                return model.measures(of: index.tables[ref.table].name).contains { $0.name == name && $0.kind == .price }
            })
        {
            return true
        }
        // a derived measure the question names ("total revenue" = quantity × price) over one column's aggregate
        if case .measure(let measure, _, _) = intent.metric, !measure.isColumn, !intent.guessedMeasure, planAggregates { return true }
        // people are shown by their full name: a plan that shows a person by one column of it
        let namesAColumn = tokens.contains { ["name", "names"].contains($0.lower) }
        for case .entity(let table) in intent.groups where !namesAColumn {
            guard let entity = model.entity(index.tables[table].name), entity.isPerson, entity.display.count > 1 else { continue }
            let shown = Set(
                plan.select.compactMap {
                    $0.aggregate == nil && $0.column?.table == table ? index.tables[table].columns[$0.column!.column].name : nil
                }
            )
            if !plan.groupBy.isEmpty, !shown.isEmpty, !Set(entity.display).isSubset(of: shown) { return true }
        }
        // grouped, but nothing shows which group a number belongs to
        if !intent.groups.isEmpty, !plan.groupBy.isEmpty, plan.select.allSatisfy({ $0.aggregate != nil }) { return true }
        // a year compared with a number column, or placed on another date, while the question's
        // year is the date of the measure's rows
        for case .year(let date, let year) in intent.filters {
            let misplaced = plan.conditions.contains { condition in
                guard let ref = condition.left.column else { return false }
                switch condition.right {
                case .number(let value): return value == Double(year) && index.tables[ref.table].columns[ref.column].kind != .date
                case .period(.year(year)): return ref.table != date.table || ref.column != date.column
                default: return false
                }
            }
            if misplaced { return true }
        }
        // "leaving out cancelled and refunded orders" read as a set operation
        if !plan.setPlan.isEmpty, intent.filters.contains(where: { if case .excludes = $0 { return true } else { return false } }) { return true }
        // a row ranked by one of its own columns ("the stadium with the highest attendance")
        if intent.groups.isEmpty, plan.limit != nil, !plan.orderBy.isEmpty { return false }
        if case .measure = intent.metric, !planAggregates, plan.setPlan.isEmpty,
            plan.conditions.allSatisfy({ if case .subquery = $0.right { return false } else { return true } })
        {
            return true
        }
        if intent.threshold != nil, plan.having.isEmpty, !intent.groups.isEmpty, case .measure = intent.metric { return true }
        return false
    }

    func explanation(planner: QueryPlanner, plan: QueryPlan, index: SchemaIndex, unexplained: [String]) -> String {
        var parts: [String] = []
        var seen = Set<String>()
        let notes = planner.notes.filter { seen.insert($0).inserted }
        if !notes.isEmpty { parts.append("Linked: " + notes.joined(separator: "; ") + ".") }
        if plan.joins.count > 0 {
            let joins = plan.joins.map { edge -> String in
                let from = index.tables[edge.from]
                let to = index.tables[edge.to]
                let pairs = zip(edge.fromColumns, edge.toColumns).map {
                    "\(from.baseName).\(from.columns[$0.0].name) = \(to.baseName).\(to.columns[$0.1].name)"
                }
                return pairs.joined(separator: " and ")
            }
            parts.append("Joined on " + joins.joined(separator: ", ") + ".")
        }
        if !planner.missing.isEmpty { parts.append("Could not find " + planner.missing.joined(separator: "; ") + ".") }
        if !unexplained.isEmpty { parts.append("Not used from the question: " + unexplained.prefix(10).joined(separator: ", ") + ".") }
        return parts.joined(separator: " ")
    }
}
