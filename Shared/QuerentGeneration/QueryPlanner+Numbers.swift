import Foundation
import QuerentDialects
import QuerentQueryPlan
import QuerentSchemaLinking

extension QueryPlanner {
    /// Words allowed between a column and the comparison that follows it.
    static let comparisonLeadWords: Set<String> = English.standard.words("comparison_lead_words")

    /// "top 5", "first 3", "the 3 largest": a row limit.
    func findTopLimit() {
        let cardinals: Set<String> = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty"]
        for position in tokens.indices
        where (tokens[position].kind == .number || cardinals.contains(tokens[position].lower)) && !consumed.contains(position) {
            guard let value = tokens[position].number, value >= 1, value == value.rounded(), value < 100_000 else { continue }
            let before = reading.word(position - 1)
            let after = reading.word(position + 1)
            var isLimit = ["top", "first", "bottom"].contains(before)
            if Self.superlativeWords[after] != nil || after == "most" || after == "least" { isLimit = true }
            // "the 3 countries with the fewest people", "which three industries have the most accounts"
            // (a plural: "the 4 cylinder cars" is a value)
            if !isLimit, before == "the" || position <= reading.headEnd, let next = reading.nextMention(after: position, maxGap: 0),
                mentions[next].isTable || (mentions[next].isColumn && tokens[mentions[next].range].last.map { $0.lower != $0.stem } == true)
            {
                let hasSuperlative = tokens.indices.contains {
                    $0 > position && (Self.superlativeWords[reading.word($0)] != nil || ["most", "least", "fewest"].contains(reading.word($0)))
                }
                if hasSuperlative && comparison(endingAt: position - 1) == nil { isLimit = true }
            }
            guard isLimit else { continue }
            intent.limit = Int(value)
            consumed.insert(position)
            if ["top", "first", "bottom"].contains(before) { consumed.insert(position - 1) }
            notes.append("at most \(Int(value)) rows")
        }
    }

    /// The comparison phrase ending at `position`, if any.
    func comparison(endingAt position: Int) -> (comparison: Comparison, start: Int)? {
        for candidate in Self.comparisons {
            let start = position - candidate.words.count + 1
            guard start >= 0 else { continue }
            if reading.matches(candidate.words, at: start) { return (candidate, start) }
        }
        return nil
    }

    /// Numbers in the question become comparisons, ranges, equalities or HAVING counts.
    func findNumberConditions() {
        var position = 0
        while position < tokens.count {
            defer { position += 1 }
            guard tokens[position].kind == .number, !consumed.contains(position), let value = tokens[position].number else { continue }
            if reading.mention(at: position) != nil { continue }
            // between A and B / from A to B
            if ["between", "from"].contains(reading.word(position - 1)), ["and", "to"].contains(reading.word(position + 1)),
                position + 2 < tokens.count, tokens[position + 2].kind == .number, let high = tokens[position + 2].number
            {
                let target = numberTarget(start: position - 1, numberPosition: position, end: position + 2, hints: [], temporal: false)
                if let target {
                    let low = Swift.min(value, high)
                    let top = Swift.max(value, high)
                    let condition: QueryPlan.Condition
                    switch target {
                    case .column(let ref, let aggregate):
                        let yearRange =
                            index.tables[ref.table].columns[ref.column].kind == .date && low >= 1000 && top <= 2200 && low == low.rounded()
                            && top == top.rounded()
                        condition =
                            yearRange
                            ? QueryPlan.Condition(
                                left: .column(ref),
                                op: .between,
                                right: .range(.text(String(format: "%04d-01-01", Int(low))), .text(String(format: "%04d-12-31", Int(top))))
                            )
                            : QueryPlan.Condition(
                                left: QueryPlan.Expression(aggregate: aggregate, column: ref),
                                op: .between,
                                right: .range(.number(low), .number(top))
                            )
                        if aggregate != nil {
                            intent.having.append(condition)
                        } else {
                            addCondition(condition, span: (position - 1)...(position + 2))
                        }
                        notes.append("\(columnName(ref)) between \(DialectRules.number(low)) and \(DialectRules.number(top))")
                    case .count(let table):
                        condition = QueryPlan.Condition(left: countRows(of: table), op: .between, right: .range(.number(low), .number(top)))
                        intent.having.append(condition)
                        registerHavingTable(table)
                        notes.append("between \(DialectRules.number(low)) and \(DialectRules.number(top)) \(reading.tableName(table)) rows")
                    }
                    consumed.formUnion((position - 1)...(position + 2))
                    position += 2
                    continue
                } else {
                    missing.append("what '\(DialectRules.number(Swift.min(value, high)))'…'\(DialectRules.number(Swift.max(value, high)))' measures")
                }
            }
            var op: QueryPlan.Operator = .equal
            var start = position
            var hints: [String] = []
            var temporal = false
            if let found = comparison(endingAt: position - 1)
                ?? (["a", "an", "the"].contains(reading.word(position - 1)) ? comparison(endingAt: position - 2) : nil)
            {
                op = found.comparison.op
                start = found.start
                hints = found.comparison.hints
                temporal = found.comparison.temporal
            } else if reading.word(position - 1) == "than", let found = comparativeBeforeThan(position - 1) {
                op = found.op
                start = found.start
            } else if let previous = reading.mention(at: position - 1), let found = comparison(endingAt: mentions[previous].range.lowerBound - 1) {
                // "above age 20": the comparison comes before the column
                op = found.comparison.op
                start = found.start
                hints = found.comparison.hints
            }
            var end = position
            // postfix: "2 or more", "5 and above", "10 or fewer"
            if ["or", "and"].contains(reading.word(position + 1)), !(tokens.indices.contains(position + 3) && tokens[position + 3].kind == .number) {
                let next = reading.word(position + 2)
                if ["more", "greater", "higher", "above", "over", "larger", "later", "after", "up"].contains(next) {
                    op = .greaterOrEqual
                    end = position + 2
                } else if ["less", "fewer", "lower", "below", "under", "smaller", "earlier", "before"].contains(next) {
                    op = .lessOrEqual
                    end = position + 2
                }
            }
            // "the average": compare with a subquery
            guard var target = numberTarget(start: start, numberPosition: position, end: end, hints: hints, temporal: temporal) else {
                if op != .equal { missing.append("what '\(tokens[position].text)' is compared with") }
                continue
            }
            // "a promotion in 2025": a year the date conditions place, not a salary of 2025
            if case .column(let ref, nil) = target, op == .equal, start == position, value >= 1900, value <= 2100, value == value.rounded(),
                English.standard.words("date_filter_lead_words").contains(reading.word(position - 1)),
                index.tables[ref.table].columns[ref.column].kind == .number,
                !index.tables[ref.table].columns[ref.column].words.contains(where: { ["year", "yr", "season"].contains($0.text) }),
                let year = eventDate(preferring: ref.table)
            {
                target = .column(year, nil)
            }
            switch target {
            case .column(let ref, let aggregate):
                let column = index.tables[ref.table].columns[ref.column]
                if column.kind == .date, value >= 1000, value <= 2200, value == value.rounded() {
                    addYearCondition(ref, year: Int(value), op: op, span: start...end)
                } else if let aggregate {
                    intent.having.append(QueryPlan.Condition(left: .aggregate(aggregate, ref), op: op, right: .number(value)))
                    consumed.formUnion(start...end)
                    notes.append("groups where \(aggregate.rawValue)(\(columnName(ref))) \(op.rawValue) \(DialectRules.number(value))")
                } else {
                    addCondition(QueryPlan.Condition(left: .column(ref), op: op, right: .number(value)), span: start...end)
                    notes.append("\(columnName(ref)) \(op.rawValue) \(DialectRules.number(value))")
                    lastNumberColumn = ref
                }
            case .count(let table):
                intent.having.append(QueryPlan.Condition(left: countRows(of: table), op: op, right: .number(value)))
                registerHavingTable(table)
                consumed.formUnion(start...end)
                notes.append("groups with \(op.rawValue) \(DialectRules.number(value)) \(reading.tableName(table)) rows")
            }
            position = end
        }
    }

    /// "a greater accelerate than": the comparative word before a column before "than".
    func comparativeBeforeThan(_ thanPosition: Int, reach: Int = 3) -> (op: QueryPlan.Operator, start: Int)? {
        for back in 1...reach {
            let position = thanPosition - back
            guard position >= 0 else { return nil }
            if let found = comparison(endingAt: position), found.comparison.words.count == 1 { return (found.comparison.op, found.start) }
        }
        return nil
    }

    /// What a number is compared with.
    enum NumberTarget {
        case column(QueryPlan.ColumnRef, QueryPlan.Aggregate?)
        /// A count of related rows (HAVING count(*)).
        case count(Int)
    }

    func numberTarget(start: Int, numberPosition: Int, end: Int, hints: [String], temporal: Bool) -> NumberTarget? {
        let value = tokens[numberPosition].number ?? 0
        let yearLike = value >= 1000 && value <= 2200 && value == value.rounded()
        // after the number: "4 cylinders", "3 car makers", "3 years old"
        if var next = reading.nextMention(after: end, maxGap: 0, skipping: ["different", "distinct", "or", "more"]) {
            // "3 car makers": the head of the compound counts
            while reading.qualifiesNext(next), let following = reading.mention(atStart: mentions[next].range.upperBound) { next = following }
            let mention = mentions[next]
            let numericColumn = mention.columns.first {
                index.tables[$0.table].columns[$0.column].kind == .number || reading.isNumericText($0.table, $0.column)
            }
            // "their 2025 review": the year of the table's rows, not 2025 of them
            if yearLike, let table = reading.tableReading(of: next), let year = yearOfRows(table) { return .column(year, nil) }
            if let table = reading.tableReading(of: next) ?? mention.tables.first(where: { $0.score >= 0.5 })?.table,
                numericColumn == nil || (numericColumn!.score < mention.score - 0.05) || reading.readsAsEntityThroughKey(next)
            {
                use(next)
                return .count(table)
            }
            if numericColumn != nil, let ref = resolveColumn(next, numericOnly: true) {
                use(next)
                return .column(ref, nil)
            }
            // "more than one failed delivery attempt": rows of the value's table, per subject row
            if mention.isValue, let table = mention.values.first?.table, table != subject, let subject,
                index.neighbours(of: subject).contains(where: { $0.to == table })
            {
                return .count(table)
            }
        }
        if ["year", "years"].contains(reading.word(end + 1)), ["old", "of"].contains(reading.word(end + 2)) {
            if let ref = columns(matching: ["age"], kinds: [.number]).first(where: { contextTables.contains($0.table) })
                ?? columns(matching: ["age"], kinds: [.number]).first
            {
                consumed.formUnion((end + 1)...(end + 2))
                return .column(ref, nil)
            }
        }
        // a year after "in", "on", "during", "year": a year or date column, preferably of the table named just before
        if yearLike, start == numberPosition || temporal,
            ["in", "on", "during", "year", "of", "from", "since", "after", "before"].contains(reading.word(start - 1)) || temporal
        {
            if let ref = yearColumn(before: start) { return .column(ref, nil) }
        }
        // before the comparison: "age above 20", "weight is heavier than 10"
        if let previous = reading.previousMention(before: start, maxGap: 2, skipping: Self.comparisonLeadWords) {
            let mention = mentions[previous]
            if mention.isColumn || (mention.columns.contains(where: { $0.score >= mention.score - 0.1 }) && reading.tableReading(of: previous) == nil)
            {
                if let ref = resolveColumn(previous, numericOnly: true), acceptsNumber(ref, mention: mention) {
                    let kind = index.tables[ref.table].columns[ref.column].kind
                    if kind != .text || reading.isNumericText(ref.table, ref.column) || hints.isEmpty {
                        use(previous)
                        return .column(ref, aggregateBefore(mention.range.lowerBound))
                    }
                }
            }
        }
        // the column between the comparison and the number: "a greater accelerate than", "above age 20"
        if start < numberPosition - 1 {
            var back = numberPosition - 1
            while back > start {
                if let found = reading.mention(at: back), let ref = resolveColumn(found, numericOnly: true) {
                    use(found)
                    return .column(ref, nil)
                }
                back -= 1
            }
        }
        // an adjective that implies the column: "older than 30"
        if !hints.isEmpty {
            let kinds: Set<SchemaIndex.ValueKind> = temporal ? [.number, .date, .text] : [.number]
            if let ref = columns(matching: hints, kinds: kinds).first(where: {
                isNear($0.table)
                    && (!temporal || index.tables[$0.table].columns[$0.column].kind != .text || reading.isNumericText($0.table, $0.column)
                        || looksLikeDates($0))
            }) {
                return .column(ref, nil)
            }
        }
        if yearLike, let ref = yearColumn(before: start) { return .column(ref, nil) }
        // a bare number right after a column: "grade 10"
        if start == numberPosition, let previous = reading.previousMention(before: numberPosition, maxGap: 0),
            let ref = resolveColumn(previous, numericOnly: true)
        {
            use(previous)
            return .column(ref, nil)
        }
        // "$4.99", "€20": an amount of money is a price, rate or fee of the rows asked about
        if ["$", "€", "£"].contains(reading.word(numberPosition - 1)), let ref = moneyColumn() { return .column(ref, nil) }
        // the column of the stored value equal to this number
        let text = tokens[numberPosition].text
        for table in contextTables {
            for (c, column) in index.tables[table].columns.enumerated() where column.values.contains(text) {
                return .column(QueryPlan.ColumnRef(table: table, column: c), nil)
            }
        }
        // parallel comparisons: "above 40 and below 30"
        if start != numberPosition, let last = lastNumberColumn { return .column(last, nil) }
        return nil
    }

    /// The price-like column (price, rate, fee…) of the tables near the subject that the
    /// question's words name best ("rent for $4.99": `rental_rate`), the subject's first.
    func moneyColumn() -> QueryPlan.ColumnRef? {
        let priceWords = English.standard.words("price_words")
        let questionStems = Set(tokens.filter { $0.kind == .word }.map { Lexicon.stem($0.lower) })
        var best: (ref: QueryPlan.ColumnRef, score: Int)?
        for table in [subject].compactMap({ $0 }) + contextTables.filter({ $0 != subject && isNear($0) }) {
            for (c, column) in index.tables[table].columns.enumerated()
            where column.kind == .number && !column.isPrimaryKey && !column.isForeignKey {
                let stems = column.words.map { Lexicon.stem($0.text) }
                guard stems.contains(where: priceWords.contains) else { continue }
                let named = stems.filter { stem in questionStems.contains { $0.count >= 4 && (stem.hasPrefix($0) || $0.hasPrefix(stem)) } }.count
                if best == nil || named > best!.score { best = (QueryPlan.ColumnRef(table: table, column: c), named) }
            }
        }
        return best?.ref
    }

    /// Whether a column may be compared with a number: keys only when asked for by id.
    func acceptsNumber(_ ref: QueryPlan.ColumnRef, mention: Mention) -> Bool {
        guard isKey(ref) else { return true }
        return tokens[mention.range].contains { ["id", "ids", "code", "number", "no", "key"].contains($0.lower) }
    }

    /// A year or date column, preferring the table named nearest before `position`.
    func yearColumn(before position: Int) -> QueryPlan.ColumnRef? {
        var candidates = columns(
            matching: ["year", "date", "time", "founded", "established", "built", "opened", "released", "start"],
            kinds: [.number, .date, .text]
        )
        .filter {
            contextTables.contains($0.table)
                && (index.tables[$0.table].columns[$0.column].kind != .text || reading.isNumericText($0.table, $0.column) || looksLikeDates($0))
        }
        // any date column of the question's tables (`ordered_at`, `created`)
        for table in contextTables {
            for (c, column) in index.tables[table].columns.enumerated() where column.kind == .date {
                let ref = QueryPlan.ColumnRef(table: table, column: c)
                if !candidates.contains(ref) { candidates.append(ref) }
            }
        }
        guard !candidates.isEmpty else { return nil }
        // "shipments created in 2024", "hired in 2023": the date the question's verb names
        // (words of this clause only: "patients born after 2007 had an appointment in 2025")
        let clause = clauseBefore(position)
        let named = candidates.filter { dateNamedByQuestion($0, within: clause) }
        if let best = named.first(where: { dateNamedByQuestion($0, verbOnly: true, within: clause) }) ?? named.first { return best }
        // what happened before what was planned ("shipments in 2024": created, not promised)
        let happened = candidates.filter { !index.isPlannedDate(table: $0.table, column: $0.column) }
        if !happened.isEmpty { candidates = happened }
        var back = position - 1
        while back >= 0 {
            if let found = reading.mention(at: back) {
                let tables = Set(mentions[found].tables.map(\.table) + mentions[found].columns.map(\.table))
                if let match = candidates.first(where: { tables.contains($0.table) }) { return match }
            }
            back -= 1
        }
        return candidates.first
    }

    /// The column that places `table`'s rows in a year: a number column named for the year
    /// (`review_year`), else a date (one that records what happened first).
    func yearOfRows(_ table: Int) -> QueryPlan.ColumnRef? {
        let columns = index.tables[table].columns
        if let column = columns.indices.first(where: {
            columns[$0].kind == .number && columns[$0].words.contains { ["year", "yr"].contains($0.text) }
        }) {
            return QueryPlan.ColumnRef(table: table, column: column)
        }
        return eventDate(of: table)
    }

    /// A date column of the question's tables, `table`'s first, one that records what happened
    /// before a planned one.
    func eventDate(preferring table: Int) -> QueryPlan.ColumnRef? {
        ([table] + contextTables.filter { $0 != table }).lazy.compactMap { self.eventDate(of: $0) }.first
    }

    /// The date columns of `table` (typed as dates, or text holding ISO dates), in column order.
    func dateColumns(of table: Int) -> [QueryPlan.ColumnRef] {
        index.tables[table].columns.indices.map { QueryPlan.ColumnRef(table: table, column: $0) }.filter {
            index.tables[table].columns[$0.column].kind == .date || looksLikeDates($0)
        }
    }

    /// `table`'s first date that records what happened, else its first date.
    func eventDate(of table: Int) -> QueryPlan.ColumnRef? {
        let dates = dateColumns(of: table)
        return dates.first { !index.isPlannedDate(table: table, column: $0.column) } ?? dates.first
    }

    /// Whether a word of the question names the event the date column records ("created" for
    /// `created_at`, "hired" for `hire_date`), not counting generic date words; with `verbOnly`,
    /// only a participle names it ("orders shipped in 2024": `shipped_date`, not `order_date`).
    func dateNamedByQuestion(_ ref: QueryPlan.ColumnRef, verbOnly: Bool = false, within range: Range<Int>? = nil) -> Bool {
        tokens[range ?? tokens.indices].contains { (!verbOnly || $0.isParticiple) && index.namesEvent($0, table: ref.table, column: ref.column) }
    }

    /// The tokens before `position` back to the previous number, punctuation or date: the
    /// clause a year or a date belongs to.
    func clauseBefore(_ position: Int) -> Range<Int> {
        var start = position
        while start > 0, tokens[start - 1].kind != .number, tokens[start - 1].kind != .punctuation { start -= 1 }
        return start..<position
    }

    /// Text columns whose values look like ISO dates.
    func looksLikeDates(_ ref: QueryPlan.ColumnRef) -> Bool {
        let column = index.tables[ref.table].columns[ref.column]
        let values = column.samples + column.values
        return !values.isEmpty && values.allSatisfy { $0.count >= 8 && $0.prefix(4).allSatisfy(\.isNumber) && $0.dropFirst(4).first == "-" }
    }

    /// An aggregate word right before a column ("average life expectancy greater than 72").
    func aggregateBefore(_ position: Int) -> QueryPlan.Aggregate? {
        let previous = reading.word(position - 1)
        guard let aggregate = Self.aggregateWords[previous],
            ["average", "avg", "mean", "total", "sum", "maximum", "max", "minimum", "min"].contains(previous)
        else { return nil }
        // only a group condition when the question groups
        let grouped = tokens.contains { ["each", "per", "every"].contains($0.lower) }
        guard grouped else { return nil }
        consumed.insert(position - 1)
        return aggregate
    }

    /// The count of a related table's rows in a HAVING: each row once, however the joins repeat
    /// it ("suppliers with products in more than two categories").
    func countRows(of table: Int) -> QueryPlan.Expression {
        guard table != subject, let key = index.singleKey(of: table) else { return .countAll }
        return .aggregate(.count, QueryPlan.ColumnRef(table: table, column: key), distinct: true)
    }

    /// A HAVING count needs its rows joined to the subject.
    func registerHavingTable(_ table: Int) {
        if !intent.tables.contains(table) { intent.tables.append(table) }
        signals.havingCount = true
    }

    /// A year compared with a date column.
    func addYearCondition(_ ref: QueryPlan.ColumnRef, year: Int, op: QueryPlan.Operator, span: ClosedRange<Int>) {
        let condition: QueryPlan.Condition
        switch op {
        case .greater: condition = QueryPlan.Condition(left: .column(ref), op: .greaterOrEqual, right: .text(String(format: "%04d-01-01", year + 1)))
        case .greaterOrEqual:
            condition = QueryPlan.Condition(left: .column(ref), op: .greaterOrEqual, right: .text(String(format: "%04d-01-01", year)))
        case .less: condition = QueryPlan.Condition(left: .column(ref), op: .less, right: .text(String(format: "%04d-01-01", year)))
        case .lessOrEqual: condition = QueryPlan.Condition(left: .column(ref), op: .less, right: .text(String(format: "%04d-01-01", year + 1)))
        case .notEqual: condition = QueryPlan.Condition(left: .column(ref), op: .notEqual, right: .period(.year(year)))
        default: condition = QueryPlan.Condition(left: .column(ref), op: .equal, right: .period(.year(year)))
        }
        notes.append("\(columnName(ref)) in \(year)")
        addCondition(condition, span: span)
    }

    // MARK: - Dates

    /// "on 10 March 2025", "between 1 June and 31 December 2023", "before March 3, 2024": the
    /// date column nearest the phrase falls in the half-open range.
    func findCalendarDates() {
        for date in reading.dates {
            guard let ref = dateColumn(near: date.range.lowerBound) else {
                missing.append("a date column for '\(tokens[date.range].map(\.text).joined(separator: " "))'")
                consumed.formUnion(date.range)
                continue
            }
            var conditions: [QueryPlan.Condition] = []
            if let from = date.from { conditions.append(QueryPlan.Condition(left: .column(ref), op: .greaterOrEqual, right: .text(from))) }
            if let until = date.until { conditions.append(QueryPlan.Condition(left: .column(ref), op: .less, right: .text(until))) }
            for condition in conditions { addCondition(condition, span: date.range) }
            notes.append("\(columnName(ref)) within \(tokens[date.range].map(\.text).joined(separator: " "))")
        }
    }

    /// "delivered more than 10 days after they were placed", "shipped less than 3 days after it
    /// was ordered": the days between the two date columns the participles name, compared.
    func findDayGaps() {
        for position in tokens.indices.dropFirst() where ["day", "days"].contains(reading.word(position)) && reading.word(position + 1) == "after" {
            guard let value = tokens[position - 1].number, !consumed.contains(position - 1),
                let (comparison, start) = comparison(endingAt: position - 2)
            else { continue }
            func named(_ range: [Int]) -> (ref: QueryPlan.ColumnRef, at: Int)? {
                let tables = contextTables
                return range.lazy.compactMap { at in
                    self.index.dateColumn(namedBy: self.tokens[at], in: tables).map { (.init(table: $0.0, column: $0.1), at) }
                }
                .first
            }
            guard let later = named(Array((max(0, start - 3)..<start).reversed())),
                let earlier = named(Array((position + 2)..<min(tokens.count, position + 6))), later.ref.table == earlier.ref.table,
                later.ref != earlier.ref
            else { continue }
            var left = QueryPlan.Expression.column(later.ref)
            left.since = earlier.ref
            addCondition(QueryPlan.Condition(left: left, op: comparison.op, right: .number(value)), span: start...earlier.at)
            consumed.insert(later.at)
            notes.append("days from \(columnName(earlier.ref)) to \(columnName(later.ref)) \(comparison.op.rawValue) \(DialectRules.number(value))")
        }
    }

    /// "on average, how many days pass between an order being placed and it being shipped",
    /// "the average number of days to ship": the days between two dates of the subject's rows
    /// (the row's own date when one is named), averaged.
    func findAverageDayGap() {
        guard let subject, tokens.contains(where: { ["days", "day"].contains($0.lower) }),
            tokens.contains(where: { ["average", "avg", "mean", "typically"].contains($0.lower) })
        else { return }
        var named: [(ref: QueryPlan.ColumnRef, at: Int)] = []
        let between = tokens.firstIndex { $0.lower == "between" } ?? tokens.count
        for position in tokens.indices where !["day", "days"].contains(tokens[position].lower) {
            var found = index.dateColumn(namedBy: tokens[position], in: [subject]).map { QueryPlan.ColumnRef(table: $0.0, column: $0.1) }
            if found == nil, let mention = reading.mention(atStart: position) {
                // ("between the order being placed and …": the row's own date)
                if position > between, reading.tableReading(of: mention) == subject {
                    found = eventDate(of: subject)
                } else if let ref = resolveColumn(mention, prefer: [subject]), ref.table == subject,
                    index.tables[ref.table].columns[ref.column].kind == .date
                {
                    found = ref
                }
            }
            if let found { named.append((found, position)) }
        }
        // ("… between A and B": the two after "between")
        if Set(named.filter({ $0.at > between }).map(\.ref)).count >= 2 {
            named = named.filter { $0.at > between }
        }
        named = named.enumerated().filter { item in !named[..<item.offset].contains { $0.ref == item.element.ref } }.map(\.element)
        guard let later = named.count > 1 ? named[1].ref : named.first?.ref, let earlier = named.count > 1 ? named[0].ref : eventDate(of: subject),
            earlier != later
        else { return }
        var expression = QueryPlan.Expression.aggregate(.avg, later)
        expression.since = earlier
        intent.returned = [QuestionIntent.ReturnedItem(expression: expression, position: named[0].at)]
        intent.countTarget = nil
        signals.countQuestion = false
        notes.append("days from \(columnName(earlier)) to \(columnName(later)), averaged")
    }

    /// "shipments delivered late", "orders that arrived on time": the date of what happened
    /// compared with the planned date of the same row (`promised_date`, `due_on`).
    func findLateness() {
        for position in tokens.indices where !consumed.contains(position) {
            let late = ["late", "delayed", "overdue"].contains(reading.word(position))
            let onTime = reading.word(position) == "on" && reading.word(position + 1) == "time"
            guard late || onTime else { continue }
            for table in contextTables {
                let dates = dateColumns(of: table).map(\.column)
                guard let planned = dates.first(where: { index.isPlannedDate(table: table, column: $0) }) else { continue }
                // the verb before names the event ("delivered late"), else the row's own date
                let verb = position > 0 ? index.dateColumns(of: table, namedBy: reading.word(position - 1)).first : nil
                guard let event = verb ?? eventDate(of: table)?.column, event != planned else { continue }
                if let named = verb.flatMap({ _ in reading.mention(at: position - 1) }) { use(named) }
                let span = position...(onTime ? position + 1 : position)
                let ref = QueryPlan.ColumnRef(table: table, column: event)
                let plannedRef = QueryPlan.ColumnRef(table: table, column: planned)
                notes.append(
                    "'\(onTime ? "on time" : tokens[position].text)': \(columnName(ref)) \(late ? "after" : "on or before") \(columnName(plannedRef))"
                )
                addCondition(QueryPlan.Condition(left: .column(ref), op: late ? .greater : .lessOrEqual, right: .column(plannedRef)), span: span)
                break
            }
        }
    }

    /// "products whose stock has fallen below their reorder level", "fewer units in stock than
    /// their reorder level", "orders shipped after the required date": two columns of one table
    /// compared, row by row.
    func findColumnComparisons() {
        for position in tokens.indices where !consumed.contains(position) {
            // the comparison ends here: "below", "after", "more than"; or "fewer … than"
            var op: QueryPlan.Operator
            var start: Int
            if let found = comparison(endingAt: position),
                found.comparison.words.count > 1 || !(position + 1...position + 5).contains(where: { reading.word($0) == "than" })
            {
                (op, start) = (found.comparison.op, found.start)
            } else if reading.word(position) == "than", let found = comparativeBeforeThan(position, reach: 5) {
                (op, start) = (found.op, found.start)
            } else {
                continue
            }
            guard [.greater, .greaterOrEqual, .less, .lessOrEqual].contains(op) else { continue }
            var next = position + 1
            if ["their", "its", "the", "his", "her"].contains(reading.word(next)) { next += 1 }
            guard let right = reading.mention(atStart: next), mentions[right].isColumn, let rightRef = resolveColumn(right),
                tokens.indices.contains(mentions[right].range.upperBound) ? tokens[mentions[right].range.upperBound].kind != .number : true
            else { continue }
            let kind = index.tables[rightRef.table].columns[rightRef.column].kind
            guard kind == .number || kind == .date, !isKey(rightRef) else { continue }
            // the left column: between a comparative and "than", else just before the comparison,
            // else the date a participle before names ("shipped after …")
            var left: (ref: QueryPlan.ColumnRef, mention: Int?)?
            for at in stride(from: position - 1, through: max(0, start - 4), by: -1) {
                if let found = reading.mention(at: at), mentions[found].isColumn, found != right,
                    let ref = resolveColumn(found, prefer: [rightRef.table]), ref.table == rightRef.table, ref != rightRef,
                    index.tables[ref.table].columns[ref.column].kind == kind, !isKey(ref)
                {
                    left = (ref, found)
                    break
                }
                if kind == .date, let column = index.dateColumns(of: rightRef.table, namedBy: reading.word(at)).first,
                    column != rightRef.column
                {
                    left = (QueryPlan.ColumnRef(table: rightRef.table, column: column), reading.mention(at: at))
                    break
                }
            }
            guard let left else { continue }
            for mention in [left.mention, right].compactMap({ $0 }) { use(mention) }
            let span = Swift.min(start, left.mention.map { mentions[$0].range.lowerBound } ?? start)...(mentions[right].range.upperBound - 1)
            addCondition(QueryPlan.Condition(left: .column(left.ref), op: op, right: .column(rightRef)), span: span)
            notes.append("\(columnName(left.ref)) \(op.rawValue) \(columnName(rightRef)) in each row")
        }
    }

    /// "invoices with a negative amount", "a positive balance": the sign of a number column.
    func findSigns() {
        for position in tokens.indices where ["negative", "positive"].contains(reading.word(position)) && !consumed.contains(position) {
            guard let found = reading.mention(atStart: position + 1), let ref = resolveColumn(found, numericOnly: true),
                index.tables[ref.table].columns[ref.column].kind == .number
            else { continue }
            let op: QueryPlan.Operator = reading.word(position) == "negative" ? .less : .greater
            addCondition(QueryPlan.Condition(left: .column(ref), op: op, right: .number(0)), span: position...position)
            notes.append("\(columnName(ref)) \(op.rawValue) 0")
        }
        // "listings that are out of stock", "products in stock": the stock quantity is zero or not
        for position in tokens.indices where reading.word(position) == "stock" && !consumed.contains(position) {
            let out = reading.word(position - 1) == "of" && reading.word(position - 2) == "out"
            guard out || reading.word(position - 1) == "in",
                let ref = columns(matching: ["stock", "inventory"], kinds: [.number]).first(where: { isNear($0.table) })
            else { continue }
            if let found = reading.mention(at: position) { use(found) }
            let span = (out ? position - 2 : position - 1)...position
            addCondition(QueryPlan.Condition(left: .column(ref), op: out ? .lessOrEqual : .greater, right: .number(0)), span: span)
            notes.append("'\(out ? "out of stock" : "in stock")': \(columnName(ref)) \(out ? "<=" : ">") 0")
        }
    }

    // MARK: - Relative dates

    /// "last month", "this year", "in the last 30 days", "yesterday" (a named month is a
    /// calendar date: ``findCalendarDates()``).
    func findDateConditions() {
        var position = 0
        while position < tokens.count {
            defer { position += 1 }
            if consumed.contains(position) { continue }
            var period: QueryPlan.DatePeriod?
            var end = position
            let lower = reading.word(position)
            if ["last", "previous", "past"].contains(lower) || (lower == "this" || lower == "current") {
                let next = reading.word(position + 1)
                let isLast = lower != "this" && lower != "current"
                switch next {
                case "month":
                    period = isLast ? .lastMonth : .thisMonth
                    end = position + 1
                case "year":
                    period = isLast ? .lastYear : .thisYear
                    end = position + 1
                case "week":
                    period = isLast ? .lastWeek : .thisWeek
                    end = position + 1
                default:
                    if isLast, let n = tokens.indices.contains(position + 1) ? tokens[position + 1].number : nil, n >= 1, n == n.rounded() {
                        if ["day", "days"].contains(reading.word(position + 2)) {
                            period = .lastDays(Int(n))
                            end = position + 2
                        }
                        if ["month", "months"].contains(reading.word(position + 2)) {
                            period = .lastMonths(Int(n))
                            end = position + 2
                        }
                        if ["week", "weeks"].contains(reading.word(position + 2)) {
                            period = .lastDays(Int(n) * 7)
                            end = position + 2
                        }
                        if ["year", "years"].contains(reading.word(position + 2)) {
                            period = .lastMonths(Int(n) * 12)
                            end = position + 2
                        }
                    }
                }
            } else if lower == "today" {
                period = .today
            } else if lower == "yesterday" {
                period = .yesterday
            }
            guard let period else { continue }
            guard let ref = dateColumn(near: position) else {
                missing.append("a date column for '\(tokens[position...end].map(\.text).joined(separator: " "))'")
                continue
            }
            addCondition(QueryPlan.Condition(left: .column(ref), op: .equal, right: .period(period)), span: position...end)
            notes.append("\(columnName(ref)) within \(tokens[position...end].map(\.text).joined(separator: " "))")
            position = end
        }
    }

    /// The date column a relative date refers to: one named nearby, else the subject's first
    /// (one that records what happened before a planned one).
    func dateColumn(near position: Int) -> QueryPlan.ColumnRef? {
        for offset in [-1, -2, -3, 1, 2] {
            if let found = reading.mention(at: position + offset), !usedMentions.contains(found) {
                for option in mentions[found].columns where index.tables[option.table].columns[option.column].kind == .date {
                    use(found)
                    return QueryPlan.ColumnRef(table: option.table, column: option.column)
                }
            }
        }
        // a verb before the phrase naming the date: "ordered last month" → order_date
        for offset in 1...3 where position - offset >= 0 {
            let verb = Lexicon.root(reading.word(position - offset))
            if let ref = columns(matching: [verb], kinds: [.date]).first(where: { contextTables.contains($0.table) }) { return ref }
        }
        for table in contextTables {
            let dates = index.tables[table].columns.indices.filter { index.tables[table].columns[$0].kind == .date }
            if let column = dates.first(where: { !index.isPlannedDate(table: table, column: $0) }) ?? dates.first {
                return QueryPlan.ColumnRef(table: table, column: column)
            }
        }
        return nil
    }
}
