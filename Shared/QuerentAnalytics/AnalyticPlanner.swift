import Foundation
import QuerentCore
import QuerentSchemaLinking
import QuerentSemantics

/// Reads an analyst's question against the semantic model: which measure (or count), under which
/// aggregation, sliced by what, filtered how, ranked and limited how. Each step is a small pass
/// over the question's tokens and the linker's mentions; the result is an ``AnalyticIntent`` or
/// nil when the question is not a question about a measure.
package struct AnalyticPlanner: Sendable {
    let index: SchemaIndex
    let model: SemanticModel
    let tokens: [QuestionToken]
    let link: SchemaLinker.Result

    package init(index: SchemaIndex, model: SemanticModel, tokens: [QuestionToken], link: SchemaLinker.Result) {
        self.index = index
        self.model = model
        self.tokens = tokens
        self.link = link
    }

    // MARK: - Vocabulary (general English)

    static let sumCues: Set<String> = ["total", "sum", "overall", "combined", "altogether", "cumulative"]
    static let averageCues: Set<String> = ["average", "avg", "mean", "typical"]
    static let countCues: Set<String> = ["count", "number"]
    static let maxCues: Set<String> = ["maximum", "max", "highest", "largest", "biggest", "greatest", "most", "top", "best", "peak"]
    static let minCues: Set<String> = ["minimum", "min", "lowest", "smallest", "least", "fewest", "worst", "bottom", "cheapest"]
    static let groupCues: Set<String> = ["per", "by", "each", "every"]
    /// Words before "by" that make it a grouping ("revenue by category", "broken down by"),
    /// unlike "owned by", "ordered by" or "made by".
    static let groupingByHeads: Set<String> = ["broken", "grouped", "split", "breakdown", "segmented"]
    static let grainAdjectives: [String: SemanticModel.TimeGrain] = [
        "daily": .day, "weekly": .week, "monthly": .month, "quarterly": .quarter, "yearly": .year, "annual": .year, "annually": .year,
    ]
    static let grainNouns: [String: SemanticModel.TimeGrain] = [
        "day": .day, "days": .day, "date": .day, "week": .week, "weeks": .week, "month": .month, "months": .month, "quarter": .quarter,
        "quarters": .quarter, "year": .year, "years": .year,
    ]
    static let moneyVerbs: Set<String> = [
        "paid", "pay", "spent", "spend", "earned", "earn", "made", "make", "generated", "generate", "billed", "charged", "brought", "collected",
        "invoiced", "received",
    ]
    /// Comparative words and the operator they mean before a number ("more than 5").
    static let comparatives: [String: String] = [
        "more": ">", "greater": ">", "higher": ">", "over": ">", "above": ">", "exceeding": ">", "less": "<", "fewer": "<", "lower": "<",
        "under": "<", "below": "<",
    ]
    /// Head nouns too general to name a measure alone ("amount" of `tax_amount`).
    static let genericHeads: Set<String> = ["amount", "total", "value", "count", "number", "sum", "rate", "level", "score", "fee", "cost"]
    /// Units written at the end of a column's name (`weight_kg`, `price_usd`).
    static let unitSuffixes = QuestionEnglish.standard.words("unit_suffixes")
    static let sellingWords: Set<String> = ["sold", "selling", "sell", "sells", "bought", "units", "purchased"]
    static let rankingSubjects: Set<String> = ["which", "what", "who", "top", "list", "show", "name", "give", "find"]
    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twenty": 20,
    ]

    /// Verbs that may stand between the words of a column's name in a question.
    static let auxiliaries: Set<String> = ["is", "are", "was", "were", "been", "be", "being"]

    // MARK: - Planning

    /// The intent of the question, or nil when it does not ask for a measure or a count sliced,
    /// ranked or filtered in a way this planner understands.
    package func plan() -> AnalyticIntent? {
        let words = tokens.map(\.lower)
        let share = shareCondition(words)
        // "more than the average customer": that "average" compares, it does not aggregate
        let versus = versusAverage(words)
        var metricWords = words
        if let versus { metricWords[versus.average] = "" }
        // "placed more orders than the average customer": a count of the rows named before "than"
        let counted = versus?.counted.map { (AnalyticIntent.Metric.count(table: $0.table), Set([$0.position]), nil as Int?) }
        guard let (metric, metricSpan, cue) = counted ?? metric(metricWords) ?? share.flatMap({ shareBase($0) }) else { return nil }
        var intent = AnalyticIntent(metric: metric)
        if let versus, let entity = versus.entity ?? subjectEntity(), entity != metric.table {
            intent.versusAverage = versus.op
            intent.versusOverall = versus.entity == nil
            intent.groups.append(.entity(entity))
            intent.explained.formUnion(versus.span)
            intent.notes.append(
                "each \(index.tables[entity].baseName) compared with the average \(versus.entity == nil ? "over all rows" : "of all")"
            )
        }
        if let share {
            intent.share = share.condition
            intent.explained.formUnion(share.span)
            intent.notes.append("as a percentage")
        }
        if case .measure(let measure, let table, _) = metric, let word = metricSpan.min().map({ tokens[$0].text }) {
            let others = model.measures.filter { other in
                other != measure && !matches(other, [word.lowercased()]).filter(\.2).isEmpty
            }
            if !others.isEmpty {
                intent.guessedMeasure = true
                let alternatives = others.map { "\($0.table).\($0.name)" }.joined(separator: ", ")
                intent.notes.append("'\(word)' read as \(index.tables[table].baseName).\(measure.name) (it could also mean \(alternatives))")
            }
        }
        intent.explained.formUnion(metricSpan)
        if let cue { intent.explained.insert(cue) }
        longestRow(words, into: &intent)
        grains(words, into: &intent)
        groups(words, into: &intent)
        // "from highest to lowest", "largest first": every group, sorted by the metric
        let sorted = SortPhrase.find(in: words)
        if let sorted { intent.explained.formUnion(sorted.span) }
        ranking(words, into: &intent)
        if let sorted, intent.limit == nil, !intent.groups.isEmpty {
            intent.order = .metric(descending: sorted.descending)
            intent.notes.append("sorted by the figure, \(sorted.descending ? "highest" : "lowest") first")
        }
        // a "which" clause read no group: the question is about rows, not a total
        if whichClause(words) != nil, !intent.singleRow, intent.groups.isEmpty, rankingCue(words) != nil { return nil }
        threshold(words, into: &intent)
        years(words, into: &intent)
        values(into: &intent)
        current(into: &intent)
        units(words, into: &intent)
        // Only a sliced, ranked, thresholded or totalled measure is worth answering here; a bare
        // count with nothing else is the rule-based planner's.
        if case .count = intent.metric, intent.groups.isEmpty, intent.threshold == nil, intent.share == nil { return nil }
        if intent.order == nil, !intent.groups.isEmpty { intent.order = .groups }
        // "which categories brought in more than 50,000 in total?" lists the categories; "… and
        // how many" or "show … the number" asks for the figure too
        // ("which department has the highest average salary?" names the department; "… and how
        // much?" the figure too)
        let picksOne = intent.limit == 1 && !intent.singleRow && ["which", "who"].contains(words.first ?? "")
        if intent.threshold != nil || intent.versusAverage != nil || picksOne, !intent.groups.isEmpty {
            let asks: Set<String> = ["many", "much", "number", "total", "amount", "sum", "count", "value", "figure", "spent", "revenue"]
            intent.showsMetric =
                words.indices.contains { !intent.explained.contains($0) && asks.contains(words[$0]) }
                || (picksOne && words.dropFirst().contains("how"))
        }
        // "per carrier per quarter": the groups in the order the question names them
        let positions = intent.groupPositions
        intent.groups = intent.groups.enumerated().sorted {
            (positions[$0.element] ?? $0.offset, $0.offset) < (positions[$1.element] ?? $1.offset, $1.offset)
        }
        .map(\.element)
        return intent
    }

    /// Words asking for a part of a whole (general English).
    static let shareCues: Set<String> = ["percentage", "percent", "%", "share", "proportion", "fraction", "rate", "ratio"]

    /// "what percentage of employees work remotely", "the no-show rate": the condition whose rows
    /// are counted against all rows (a stored value or a yes/no column, the one nearest the cue
    /// word), and the tokens that say so.
    func shareCondition(_ words: [String]) -> (condition: AnalyticIntent.Share, span: Set<Int>)? {
        guard let cue = words.indices.first(where: { Self.shareCues.contains(words[$0]) }) else { return nil }
        // "rate" alone is a price ("the hourly rate"), unless a value names what it is the rate of
        if ["rate", "ratio"].contains(words[cue]),
            !(cue > 0 && link.chosen.contains { $0.isValue && $0.range.upperBound == cue })
        {
            return nil
        }
        var best: (condition: AnalyticIntent.Share, span: Set<Int>, distance: Int)?
        for mention in link.chosen where mention.score >= 0.8 {
            let distance = abs(mention.range.lowerBound - cue)
            var condition: AnalyticIntent.Share?
            switch mention.best?.target {
            case .value(let t, let c, let value)? where !isExcluded(mention.range.lowerBound, words: words):
                condition = .equals(AnalyticIntent.ColumnRef(table: t, column: c), value)
            case .column(let t, let c)? where isFlag(t, c):
                condition = .flag(AnalyticIntent.ColumnRef(table: t, column: c))
            default:
                condition = nil
            }
            guard let condition, distance < (best?.distance ?? .max) else { continue }
            best = (condition, Set(mention.range).union([cue]), distance)
        }
        return best.map { ($0.condition, $0.span) }
    }

    /// A percentage with no measure named counts rows: of the first table the question names, else
    /// of the condition's table.
    func shareBase(_ share: (condition: AnalyticIntent.Share, span: Set<Int>)) -> (AnalyticIntent.Metric, Set<Int>, Int?)? {
        if let mention = link.chosen.first(where: { $0.isTable && !share.span.contains($0.range.lowerBound) }),
            case .table(let table)? = mention.best?.target
        {
            return (.count(table: table), Set(mention.range), nil)
        }
        return (.count(table: share.condition.table), [], nil)
    }

    /// Whether a column holds yes/no values (a boolean type, an `is_`/`has_` name, or only
    /// true/false-like values).
    func isFlag(_ table: Int, _ column: Int) -> Bool {
        let name = index.tables[table].columns[column].name
        return model.dimensions(of: index.tables[table].name).contains { $0.column == name && $0.kind == .boolean }
            || index.tables[table].columns[column].kind == .boolean
    }

    /// The measure or count the question asks for: its metric, the tokens naming it, and the
    /// aggregation cue's position.
    func metric(_ words: [String]) -> (AnalyticIntent.Metric, Set<Int>, Int?)? {
        let cue = aggregationCue(words)
        // "how many <things>" / "number of <things>": a count of the entity named next.
        if let cue, cue.aggregation == .count {
            if let mention = link.chosen.first(where: { $0.range.lowerBound > cue.position && $0.range.lowerBound <= cue.position + 3 && $0.isTable }
            ),
                case .table(let table)? = mention.best?.target
            {
                // "how many units" is a sum of a quantity measure, not a count of rows.
                if !mention.range.contains(where: { Self.sellingWords.contains(words[$0]) }) {
                    return (.count(table: table), Set(mention.range), cue.position)
                }
            }
        }
        guard let (measure, table, span, byName) = namedMeasure(words, cue: cue?.position) else {
            // "the most support tickets, and how many?": a count of the things ranked
            guard words.contains("many") || words.contains("number") else { return nil }
            for (position, word) in words.enumerated() where ["most", "fewest", "least"].contains(word) {
                if let mention = link.chosen.first(where: { $0.range.lowerBound > position && $0.range.lowerBound <= position + 2 && $0.isTable }),
                    case .table(let table)? = mention.best?.target
                {
                    return (.count(table: table), Set(mention.range), nil)
                }
            }
            return nil
        }
        // A column named without an aggregation word is a question about rows, not a total
        // ("the car with the largest weight"); synonyms, selling and money words are measures.
        var applied = cue
        // ("the highest net pay in total": after a ranked measure the cue may follow it)
        if let position = applied?.position, let start = span.min(), let end = span.max(), byName,
            !(position < start && start - position <= 3),
            !((end + 2...end + 3).contains(position) && words[position - 1] == "in"
                && rankingCue(words).map { $0.position < start && start - $0.position <= 3 } == true)
        {
            applied = nil
        }
        // …unless it is sliced "per" something ("the gross pay per department per quarter")
        if applied == nil, byName, !slicedPer(words), grainAdjective(words) == nil, (whichClause(words) ?? 0) <= (span.max() ?? 0) { return nil }
        var aggregation = applied?.aggregation ?? measure.aggregation
        if aggregation == .count { aggregation = .sum }
        // "average order value": the measure's total per order, averaged.
        if aggregation == .avg, let before = span.min(), before > 0,
            let entity = tableNamed(at: before - 1), entity != table, path(from: table, to: entity) != nil
        {
            return (.averagePer(measure, table: table, entity: entity), span.union([before - 1]), applied?.position)
        }
        // "the average value of an order": the same, the entity named after
        if aggregation == .avg, let end = span.max(), end + 3 < words.count, words[end + 1] == "of",
            ["a", "an", "each", "one", "the"].contains(words[end + 2]) || tableNamed(at: end + 2) != nil
        {
            let at = tableNamed(at: end + 2) != nil ? end + 2 : end + 3
            if let entity = tableNamed(at: at), entity != table, path(from: table, to: entity) != nil {
                return (.averagePer(measure, table: table, entity: entity), span.union((end + 1)...at), applied?.position)
            }
        }
        return (.measure(measure, table: table, aggregation: aggregation), span, applied?.position)
    }

    /// Whether the "per" at `position` is part of a rate after a number ("50 per seat per
    /// month"), not a grouping.
    func isRate(_ position: Int, words: [String]) -> Bool {
        guard position > 0, words[position] == "per" else { return false }
        if tokens[position - 1].number != nil { return true }
        return position > 1 && words[position - 2] == "per" && isRate(position - 2, words: words)
    }

    /// Whether "per" slices by a table or a time grain ("per department", "per quarter"), not a
    /// unit ("miles per gallon").
    func slicedPer(_ words: [String]) -> Bool {
        words.indices.contains { position in
            guard words[position] == "per", position + 1 < words.count, !isRate(position, words: words) else { return false }
            return Self.grainNouns[words[position + 1]] != nil || tableNamed(at: position + 1) != nil
        }
    }

    /// The first aggregation word: "total", "average", "how many", "number of", "how much".
    func aggregationCue(_ words: [String]) -> (aggregation: SemanticModel.Aggregation, position: Int)? {
        for (position, word) in words.enumerated() {
            if Self.sumCues.contains(word) { return (.sum, position) }
            if Self.averageCues.contains(word) { return (.avg, position) }
            if word == "how", position + 1 < words.count {
                if words[position + 1] == "many" { return (.count, position + 1) }
                if words[position + 1] == "much" { return (.sum, position + 1) }
            }
            if word == "number", position + 1 < words.count, words[position + 1] == "of" { return (.count, position) }
            if word == "count", position + 1 < words.count, ["of", "the"].contains(words[position + 1]) { return (.count, position) }
        }
        return nil
    }

    /// The measure the question names: by its name or a synonym, by a selling word (a quantity),
    /// or by a money verb (an amount), with its table and the tokens naming it.
    /// The last value is true when the measure was named by its column name (not a synonym).
    func namedMeasure(_ words: [String], cue: Int?) -> (SemanticModel.Measure, Int, Set<Int>, Bool)? {
        var candidates: [(measure: SemanticModel.Measure, table: Int, span: Set<Int>, score: Double, synonym: Bool)] = []
        for measure in model.measures {
            guard let table = tableIndex(measure.table) else { continue }
            for (span, score, synonym) in matches(measure, words) { candidates.append((measure, table, span, score, synonym)) }
        }
        if let top = candidates.map(\.score).max() {
            var best = candidates.filter { $0.score == top }
            // "the total weight of parcels": the measure of the table named after "of"
            let qualified = best.filter { candidate in
                guard let end = candidate.span.max(), end + 2 < words.count, words[end + 1] == "of" else { return false }
                return tableNamed(at: end + 2) == candidate.table || (words[end + 2] == "the" && tableNamed(at: end + 3) == candidate.table)
            }
            if best.count > 1, qualified.count == 1 { best = qualified }
            if best.count > 1, let (measure, table) = pick(best.map(\.measure), besides: best.reduce(into: Set<Int>()) { $0.formUnion($1.span) }),
                let chosen = best.first(where: { $0.measure == measure })
            {
                return (measure, table, chosen.span, !chosen.synonym)
            }
            return (best[0].measure, best[0].table, best[0].span, !best[0].synonym)
        }
        // "the total payments", "average invoices": a table of money named after the cue means
        // its one amount
        if let cue, cue + 1 < words.count, let table = tableNamed(at: cue + 1) {
            let amounts = model.measures(of: index.tables[table].name).filter { $0.kind == .amount && $0.isColumn }
            if amounts.count == 1 { return (amounts[0], table, [cue + 1], false) }
        }
        // "the value of items sold", "the amount sold": the money of the lines, not their quantity
        if let position = words.firstIndex(where: Self.sellingWords.contains), words.contains(where: { ["value", "worth", "amount"].contains($0) }),
            let (measure, table) = pick(model.measures.filter { $0.kind == .amount && !$0.isColumn })
        {
            return (measure, table, [position], false)
        }
        // "units sold": a quantity the lines record (beside their price), not one held in stock
        let quantities = model.measures.filter { $0.kind == .quantity && $0.isColumn }
        let lineTables = Set(model.measures.filter { $0.kind == .amount && !$0.isColumn }.map(\.table))
        let moved = quantities.filter { lineTables.contains($0.table) }
        // ("which buyers bought a phone" lists buyers: no amount is asked)
        let asksAmount =
            cue != nil || rankingCue(words) != nil || words.contains { Self.comparatives[$0] != nil || ["units", "quantity"].contains($0) }
        if asksAmount, let position = words.firstIndex(where: Self.sellingWords.contains),
            let (measure, table) = pick(moved.isEmpty ? quantities : moved)
        {
            return (measure, table, [position], false)
        }
        // "how many hours", "in minutes": a length of time
        if let position = unitPosition(words),
            let (measure, table) = pick(model.measures.filter { $0.kind == .duration && $0.isColumn })
        {
            return (measure, table, [position], false)
        }
        // "invoiced more than 15,000", "spent over 500": money verbs compared with an amount
        // ("spent the most", "paid the least": ranked by that amount)
        let verbCompared = words.indices.contains { position in
            guard Self.moneyVerbs.contains(words[position]), position + 1 < words.count else { return false }
            let next = words[position + 1] == "the" && position + 2 < words.count ? words[position + 2] : words[position + 1]
            return Self.comparatives[words[position + 1]] != nil || ["most", "least"].contains(next)
        }
        if cue != nil || verbCompared,
            let position = words.firstIndex(where: Self.moneyVerbs.contains) ?? (cue.map { words[$0] == "much" } == true ? cue : nil),
            let (measure, table) = pick(model.measures.filter { $0.kind == .amount && !$0.synonyms.isEmpty })
        {
            return (measure, table, [position], false)
        }
        return nil
    }

    /// The position of a unit of time the answer is asked in ("how many hours", "in minutes",
    /// "number of days"); a number before it makes it a period ("in the last 30 days"), not a unit.
    func unitPosition(_ words: [String]) -> Int? {
        words.indices.first { position in
            guard position > 0, DurationUnits.unit(named: words[position]) != nil, tokens[position - 1].number == nil else { return false }
            return ["many", "in", "of", "total"].contains(words[position - 1])
        }
    }

    /// "the longest track, and how long is it in minutes": the row with the longest (shortest)
    /// duration, with its duration in the unit asked, when the question names no other table.
    func longestRow(_ words: [String], into intent: inout AnalyticIntent) {
        // a superlative whose hinted columns include a duration ("longest", "shortest")
        func hintWords(_ word: String) -> [String] {
            (QuestionEnglish.standard.superlatives[word]?.hints ?? []).compactMap { hint in
                hint.lazy.compactMap { if case .word(let word) = $0 { return word } else { return nil } }.first
            }
        }
        guard case .measure(let measure, let table, _) = intent.metric, measure.kind == .duration, unitPosition(words) != nil,
            let position = words.indices.first(where: { hintWords(words[$0]).contains("duration") }),
            let descending = QuestionEnglish.standard.superlatives[words[position]]?.descending,
            link.chosen.allSatisfy({ mention in !mention.isTable || mention.best.map { $0.target == .table(table) } == true })
        else { return }
        // the superlative's own words first: "longest" is a `length` before a `rental_duration`
        let hints = hintWords(words[position])
        let own = model.measures(of: index.tables[table].name)
        let named = hints.lazy.compactMap { hint in own.first { SchemaIndex.identifierWords($0.name).contains(hint) } }.first
        intent.metric = .measure(named ?? measure, table: table, aggregation: .sum)
        intent.groups = [.entity(table)]
        intent.order = .metric(descending: descending)
        intent.limit = 1
        intent.explained.insert(position)
        intent.notes.append("the \(index.tables[table].baseName) row with the \(words[position]) \((named ?? measure).name)")
    }

    /// A duration measure shown in the unit the question asks for ("in hours" for
    /// `planned_duration_minutes`): the factor to multiply by.
    func units(_ words: [String], into intent: inout AnalyticIntent) {
        guard case .measure(let measure, _, let aggregation) = intent.metric, aggregation != .count, measure.kind == .duration,
            let stored = measure.unit, let from = DurationUnits.seconds(in: stored), let position = unitPosition(words),
            let wanted = DurationUnits.unit(named: words[position]), wanted != stored, let to = DurationUnits.seconds(in: wanted)
        else { return }
        intent.scale = from / to
        intent.explained.formUnion([position - 1, position])
        intent.notes.append("converted from \(stored) to \(wanted)")
    }

    /// Where `measure` is named in the question, and how well: every word of its name in a row
    /// (name words like "amount" count less than a synonym like "revenue").
    func matches(_ measure: SemanticModel.Measure, _ words: [String]) -> [(Set<Int>, Double, Bool)] {
        var result: [(Set<Int>, Double, Bool)] = []
        // words inside a stored value ("Regional Sales Manager") name no measure
        let inValues = Set(link.chosen.filter { $0.isValue && $0.score >= 0.8 }.flatMap { Array($0.range) })
        var nameWords = measure.isColumn ? SchemaIndex.identifierWords(measure.name).filter { $0 != "total" } : []
        let fullWords = nameWords
        // a duration is named without its unit ("overtime" for `overtime_minutes`): the question
        // says which unit it wants
        if measure.kind == .duration, nameWords.count > 1, nameWords.contains(where: { DurationUnits.unit(named: $0) != nil }) {
            nameWords.removeAll { DurationUnits.unit(named: $0) != nil }
        }
        // …and any other unit ("weight" for `weight_kg`, "distance" for `distance_km`)
        if nameWords.count > 1, let last = nameWords.last, Self.unitSuffixes.contains(last) { nameWords.removeLast() }
        for start in words.indices {
            for synonym in measure.synonyms where !inValues.contains(start) && Lexicon.stem(words[start]) == Lexicon.stem(synonym) {
                result.append(([start], 0.85, true))
            }
            // "order value", "the value of an order": a computed measure's head word next to a
            // table's name
            if !measure.isColumn, !inValues.contains(start), let head = SchemaIndex.identifierWords(measure.name).last, head == words[start],
                (start > 0 && tableNamed(at: start - 1) != nil) || namesTableAfterOf(start, words)
            {
                result.append(([start], 0.8, true))
            }
            guard !nameWords.isEmpty else { continue }
            // "product price" for `products.unit_price`: the table's name, then the name's last word
            if nameWords.count > 1, start > 0, !inValues.contains(start), let table = tableIndex(measure.table),
                Lexicon.similarity(identifier: nameWords.last!, question: words[start]) >= 0.85,
                tableNamed(at: start - 1) == table || Lexicon.similarity(identifier: index.tables[table].baseName, question: words[start - 1]) >= 0.85
            {
                result.append(([start - 1, start], 0.88, false))
            }
            // the name's words in order, with at most one auxiliary verb between them ("tax was
            // withheld" for `tax_withheld`)
            var span: [Int] = []
            var position = start
            for word in nameWords {
                if !span.isEmpty, position < words.count, Self.auxiliaries.contains(words[position]) { position += 1 }
                guard position < words.count, Lexicon.similarity(identifier: word, question: words[position]) >= 0.85 else { break }
                span.append(position)
                position += 1
            }
            // the name's head noun alone ("salary" for `annual_salary`), below a full match or a synonym
            // (not a bound such as `min_salary`; a table named by the word itself comes first)
            if nameWords.count > 1, span.count < nameWords.count, !inValues.contains(start), let head = nameWords.last,
                !Self.genericHeads.contains(head), Lexicon.stem(head) == Lexicon.stem(words[start]),
                !nameWords.contains(where: { ["min", "max", "minimum", "maximum", "is", "has"].contains($0) }),
                start == 0 || Lexicon.similarity(identifier: nameWords[nameWords.count - 2], question: words[start - 1]) < 0.85
            {
                let ownTable = SchemaIndex.identifierWords(measure.table).contains { Lexicon.stem($0) == Lexicon.stem(head) }
                result.append(([start], ownTable ? 0.845 : 0.84, false))
            }
            // the whole name, unit included ("days requested" for `days_requested`), even when
            // one of its words is also a stored value ("requested")
            if fullWords.count > nameWords.count {
                let whole = Array(start..<min(words.count, start + fullWords.count))
                if whole.count == fullWords.count, !whole.allSatisfy(inValues.contains),
                    zip(fullWords, whole).allSatisfy({ Lexicon.similarity(identifier: $0, question: words[$1]) >= 0.85 })
                {
                    result.append((Set(whole), 0.91 + 0.05 * Double(fullWords.count), false))
                }
            }
            if span.count == nameWords.count, !span.contains(where: inValues.contains) {
                // the same words beat similar ones ("weight" is `weight_kg`, not `height_cm`)
                let exact = zip(nameWords, span).allSatisfy { Lexicon.stem($0) == Lexicon.stem(words[$1]) }
                result.append((Set(span.first!...span.last!), 0.9 + 0.05 * Double(nameWords.count) + (exact ? 0.01 : 0), false))
            }
        }
        return result
    }

    /// Whether "of" after `position` names a table: "of an order", "of each invoice", "of orders".
    func namesTableAfterOf(_ position: Int, _ words: [String]) -> Bool {
        guard position + 2 < words.count, words[position + 1] == "of" else { return false }
        if tableNamed(at: position + 2) != nil { return true }
        return position + 3 < words.count && ["a", "an", "each", "one", "the"].contains(words[position + 2]) && tableNamed(at: position + 3) != nil
    }

    /// Of several measures the question could mean, the one closest (in joins) to the tables
    /// the question names (a stored column before a computed one); nil when there is none.
    /// - Parameter besides: tokens naming the measure itself, and aggregation words ("total" in
    ///   "total revenue" is no mention of `total_amount`'s table), are not the tables named.
    func pick(_ measures: [SemanticModel.Measure], besides span: Set<Int> = []) -> (SemanticModel.Measure, Int)? {
        let cues = Self.sumCues.union(Self.averageCues)
        let named = link.chosen.filter { !$0.range.allSatisfy { cues.contains(tokens[$0].lower) || span.contains($0) } }.compactMap {
            mention -> Int? in
            switch mention.best?.target {
            case .table(let t)?, .column(let t, _)?, .value(let t, _, _)?: return t
            default: return nil
            }
        }
        let scored = measures.compactMap { measure -> (SemanticModel.Measure, Int, Int)? in
            guard let table = tableIndex(measure.table) else { return nil }
            let distance = named.map { path(from: table, to: $0)?.count ?? 9 }.reduce(0, +)
            return (measure, table, distance)
        }
        // at the same distance a stored amount wins over one computed from other columns: it is
        // what the business recorded (discounts, fees and refunds included)
        return scored.min { ($0.2, $0.0.isColumn ? 0 : 1) < ($1.2, $1.0.isColumn ? 0 : 1) }.map { ($0.0, $0.1) }
    }

    // MARK: - Groups

    /// The position of the first grain adjective ("monthly", "annual") that is not part of a
    /// schema name ("annual salary" for `annual_salary` is a column, not a grouping).
    func grainAdjective(_ words: [String]) -> Int? {
        let named = Set(link.chosen.filter { !$0.isValue }.flatMap { Array($0.range) })
        return words.indices.first { Self.grainAdjectives[words[$0]] != nil && !named.contains($0) }
    }

    /// "monthly", "per month", "by year", "for each quarter": time buckets of the metric's date.
    func grains(_ words: [String], into intent: inout AnalyticIntent) {
        for (position, word) in words.enumerated() {
            var grain = position == grainAdjective(words) ? Self.grainAdjectives[word] : nil
            if grain == nil, let noun = Self.grainNouns[word], position > 0, !isRate(position - 1, words: words),
                Self.groupCues.contains(words[position - 1])
                    || (words[position - 1] == "the" && position > 1 && Self.groupCues.contains(words[position - 2]))
            {
                grain = noun
            }
            guard let grain, let date = dateColumn(for: intent) else { continue }
            let group = AnalyticIntent.Group.time(date, grain)
            if !intent.groups.contains(group) {
                intent.groups.append(group)
                intent.groupPositions[group] = position
                intent.explained.formUnion([position, position - 1])
                intent.notes.append(
                    "per \(grain.rawValue) of \(index.tables[date.table].baseName).\(index.tables[date.table].columns[date.column].name)"
                )
            }
        }
    }

    /// "per category", "by customer", "for each supplier": the entity or column named after a
    /// grouping word.
    func groups(_ words: [String], into intent: inout AnalyticIntent) {
        for (position, word) in words.enumerated()
        where Self.groupCues.contains(word) || (word == "for" && position + 1 < words.count && ["each", "every"].contains(words[position + 1])) {
            if word == "by", !isGroupingBy(position, words: words, intent: intent) { continue }
            if isRate(position, words: words) { continue }
            guard
                var mention = link.chosen.first(where: {
                    $0.range.lowerBound > position && $0.range.lowerBound <= position + 3 && !intent.explained.contains($0.range.lowerBound)
                })
            else { continue }
            var span = Set(mention.range)
            // A compound names its head last: "product category" is a category, "supplier
            // country" the country of a supplier.
            while case .table(let table)? = mention.best?.target,
                let next = link.chosen.first(where: { $0.range.lowerBound == mention.range.upperBound }), next.isTable || next.isColumn
            {
                if case .column(let t, _)? = next.best?.target, t != table { break }
                // "each doctor invoice per year": a verb naming the metric's own rows ends it
                if case .table(let t)? = next.best?.target, t == intent.metric.table { break }
                mention = next
                span.formUnion(next.range)
            }
            guard let group = group(for: mention) else { continue }
            // "the average quantity per order item": per row of the measure's own table is no grouping
            if case .entity(let table) = group, table == intent.metric.table { continue }
            if words[position] == "by", case .entity = group, intent.order == nil, rankingCue(words) != nil {
                // "top customers by revenue": "by" names the measure, not a group
                continue
            }
            if !intent.groups.contains(group) {
                intent.groups.append(group)
                intent.groupPositions[group] = position
            }
            intent.explained.formUnion(span.union([position]))
            // "per status and priority": another column of the same table after "and"
            guard case .column(let first) = group, let end = span.max(), end + 2 < words.count, words[end + 1] == "and",
                let other = link.chosen.first(where: { $0.range.lowerBound == end + 2 }), case .column(first.table, _)? = other.best?.target,
                let second = self.group(for: other), !intent.groups.contains(second)
            else { continue }
            intent.groups.append(second)
            intent.groupPositions[second] = end + 2
            intent.explained.formUnion(Set(other.range).union([end + 1]))
        }
    }

    /// "by" groups after the metric or a grouping verb ("revenue by category", "orders by
    /// month", "broken down by region"), not after other verbs ("owned by", "ordered by").
    func isGroupingBy(_ position: Int, words: [String], intent: AnalyticIntent) -> Bool {
        guard position > 0 else { return false }
        let previous = position - 1
        if intent.explained.contains(previous) || Self.groupingByHeads.contains(words[previous]) { return true }
        if case .count(let table) = intent.metric, tableNamed(at: previous) == table { return true }
        return false
    }

    func group(for mention: Mention) -> AnalyticIntent.Group? {
        switch mention.best?.target {
        case .table(let t)?:
            // "revenue per film category": a bridge table (`film_category`) groups by the table it
            // links to that the mention's last word names
            return .entity(tokens[mention.range].last.flatMap { index.bridgeTarget(of: t, named: $0.lower) } ?? t)
        case .column(let t, let c)?:
            let column = index.tables[t].columns[c]
            if column.isForeignKey, let edge = index.edges.first(where: { $0.from == t && $0.fromColumns == [c] }) { return .entity(edge.to) }
            if column.isPrimaryKey { return .entity(t) }
            if column.kind == .number { return nil }
            if column.kind == .date { return .time(AnalyticIntent.ColumnRef(table: t, column: c), .day) }
            return .column(AnalyticIntent.ColumnRef(table: t, column: c))
        default:
            return nil
        }
    }

    // MARK: - Ranking and thresholds

    func rankingCue(_ words: [String]) -> (descending: Bool, position: Int)? {
        for (position, word) in words.enumerated() {
            // ("at least one", "at most three": bounds, not rankings)
            if position > 0, words[position - 1] == "at", ["least", "most"].contains(word) { continue }
            if Self.maxCues.contains(word) || word.hasPrefix("best-") || word == "most" { return (true, position) }
            if Self.minCues.contains(word) { return (false, position) }
        }
        return nil
    }

    /// "top 5 customers by revenue", "which product sold the most units": group by the subject
    /// entity, order by the metric, keep N (one when no number is given).
    func ranking(_ words: [String], into intent: inout AnalyticIntent) {
        guard let cue = rankingCue(words), !intent.explained.contains(cue.position) else { return }
        if case .measure(_, _, let aggregation) = intent.metric, [.max, .min].contains(aggregation) { return }
        var limit: Int?
        for position in max(0, cue.position - 2)...min(words.count - 1, cue.position + 2) {
            if let number = tokens[position].number, number >= 1, number <= 1_000, number == number.rounded(), !(1900...2100).contains(number) {
                limit = Int(number)
                intent.explained.insert(position)
            } else if let number = Self.numberWords[words[position]] {
                limit = number
                intent.explained.insert(position)
            }
        }
        // "… the most revenue? Show the top 5": an explicit "top N" anywhere
        if limit == nil,
            let top = words.indices.dropLast().first(where: { ["top", "bottom", "first"].contains(words[$0]) && tokens[$0 + 1].number != nil }),
            let number = tokens[top + 1].number, number >= 1, number <= 1_000, number == number.rounded()
        {
            limit = Int(number)
            intent.explained.formUnion([top, top + 1])
        }
        // "the 5 employees with the highest …", "which three sellers …": a number before the
        // table the ranking is about
        if limit == nil,
            let counted = link.chosen.first(where: { $0.isTable && $0.range.lowerBound > 0 && $0.range.lowerBound < cue.position }),
            let number = tokens[counted.range.lowerBound - 1].number.flatMap({ (1...1_000).contains($0) ? Int($0) : nil })
                ?? Self.numberWords[words[counted.range.lowerBound - 1]],
            (1...1_000).contains(number)
        {
            limit = number
            intent.explained.insert(counted.range.lowerBound - 1)
        }
        // "the largest invoice total, and which patient was it for?": the single largest value,
        // with the group a later "which" clause names
        if intent.groups.isEmpty, case .measure(let measure, let table, _) = intent.metric,
            let which = whichClause(words), which > cue.position, let mention = link.chosen.first(where: { $0.range.lowerBound == which + 1 }),
            let group = group(for: mention), group.table != table || { if case .column = group { return true } else { return false } }()
        {
            intent.metric = .measure(measure, table: table, aggregation: cue.descending ? .max : .min)
            intent.groups.append(group)
            intent.explained.formUnion(mention.range)
            intent.singleRow = true
        }
        // "which three billing countries generated the most revenue": a text column named
        // before any table is what is ranked
        if intent.groups.isEmpty,
            let named = link.chosen.first(where: { mention in
                (mention.isTable || mention.isColumn) && !intent.explained.contains(mention.range.lowerBound)
            }), named.isColumn, named.range.upperBound <= cue.position || whichClause(words) == 0,
            case .column(let t, let c)? = named.best?.target, index.tables[t].columns[c].kind == .text,
            !index.tables[t].columns[c].isForeignKey, path(from: intent.metric.table, to: t) != nil || t == intent.metric.table
        {
            let group = AnalyticIntent.Group.column(AnalyticIntent.ColumnRef(table: t, column: c))
            intent.groups.append(group)
            intent.groupPositions[group] = named.range.lowerBound
            intent.explained.formUnion(named.range)
            // ("the three billing countries")
            let before = named.range.lowerBound - 1
            if limit == nil, before >= 0, let number = tokens[before].number.map({ Int($0) }) ?? Self.numberWords[words[before]],
                (1...1_000).contains(number)
            {
                limit = number
                intent.explained.insert(before)
            }
        }
        if intent.groups.isEmpty {
            // the subject: the first table named in the question, before the measure
            guard
                var subject = link.chosen.first(where: { mention in
                    mention.isTable && !intent.explained.contains(mention.range.lowerBound)
                })
            else { return }
            // "the top 3 product categories": a compound names its head last
            while let last = tokens[subject.range].last, last.lower == last.stem,
                let next = link.chosen.first(where: { $0.range.lowerBound == subject.range.upperBound }), next.isTable,
                !intent.explained.contains(next.range.lowerBound)
            {
                subject = next
            }
            guard case .table(let table)? = subject.best?.target, table != intent.metric.table else { return }
            let (group, span) = subjectGroup(table, named: subject)
            intent.groups.append(group)
            intent.explained.formUnion(span)
        }
        intent.explained.insert(cue.position)
        intent.order = .metric(descending: cue.descending)
        let plural = words.contains { ["top", "bottom"].contains($0) }
        intent.limit = limit ?? (plural ? 10 : 1)
    }

    /// "spent more than the average customer", "placed fewer orders than the typical buyer":
    /// the comparison, the position of its average word, the entity compared, and its words.
    /// "above the overall average", "above the average rating of all reviews": no entity, the
    /// metric over all rows.
    func versusAverage(_ words: [String]) -> (op: String, average: Int, entity: Int?, span: ClosedRange<Int>, counted: (table: Int, position: Int)?)?
    {
        for (position, word) in words.enumerated() {
            guard let op = Self.comparatives[word] else { continue }
            let than = (position + 1..<min(words.count, position + 4)).first(where: { words[$0] == "than" })
            var next = (than ?? position) + 1
            while next < words.count, ["the", "an", "a", "that", "of", "overall"].contains(words[next]) { next += 1 }
            guard next + 1 < words.count, Self.averageCues.contains(words[next]) else { continue }
            let counted = than.flatMap { than in
                (position + 1..<than).lazy.compactMap { at in self.tableNamed(at: at).map { (table: $0, position: at) } }.first
            }
            if let entity = tableNamed(at: next + 1), than != nil { return (op, next, entity, position...(next + 1), counted) }
            // "above the overall average", "above the average rating of all reviews"
            let rest = words[(next + 1)...].prefix(4)
            if words[next - 1] == "overall" || (rest.contains("all") && (rest.contains("of") || rest.contains("across"))) {
                return (op, next, nil, position...(next + min(rest.count, 4)), nil)
            }
        }
        return nil
    }

    /// The position of "which" opening a clause after a comma or "and" (", and which patient was
    /// it for"); callers check that it follows the measure or the ranking word.
    func whichClause(_ words: [String]) -> Int? {
        words.indices.dropFirst().first { words[$0] == "which" && ["and", ","].contains(words[$0 - 1]) }
    }

    /// "more than 1,000 in total", "at least 5 orders": a comparison of the aggregate.
    func threshold(_ words: [String], into intent: inout AnalyticIntent) {
        let subject = subjectEntity().flatMap { $0 == intent.metric.table ? nil : $0 }
        guard !intent.groups.isEmpty || subject != nil else { return }
        for (position, word) in words.enumerated() {
            var op = Self.comparatives[word]
            var next = position + 1
            if word == "at", position + 1 < words.count, words[position + 1] == "least" {
                op = ">="
                next += 1
            }
            if word == "at", position + 1 < words.count, words[position + 1] == "most" {
                op = "<="
                next += 1
            }
            guard let op else { continue }
            if next < words.count, words[next] == "than" { next += 1 }
            // ("more than $65")
            if next < words.count, ["$", "€", "£"].contains(words[next]) { next += 1 }
            guard next < tokens.count, let value = tokens[next].number else { continue }
            let window = words[max(0, position - 6)..<min(words.count, next + 4)]
            // ("spent more than 500", "sold more than 10 units": a verb's total)
            let totalled =
                window.contains { Self.sumCues.contains($0) } || (position > 0 && Self.moneyVerbs.contains(words[position - 1]))
                || (position > 0 && Self.sellingWords.contains(words[position - 1]) && next + 1 < words.count && words[next + 1] == "units")
            var counted = false
            if case .count(let table) = intent.metric, next + 1 < words.count, tableNamed(at: next + 1) == table { counted = true }
            guard totalled || counted else { continue }
            intent.threshold = (op, value)
            intent.explained.formUnion(position...next)
            if intent.groups.isEmpty, let subject { intent.groups.append(subjectGroup(subject).group) }
            return
        }
    }

    /// The subject's rows, or a column of them its name is compounded with ("procedure
    /// categories": the category of procedures), with the tokens that name it.
    /// - Parameter named: the mention naming the subject (its first mention when nil).
    func subjectGroup(_ subject: Int, named: Mention? = nil) -> (group: AnalyticIntent.Group, span: Set<Int>) {
        guard
            let mention = named
                ?? link.chosen.first(where: { if case .table(subject)? = $0.best?.target { return true } else { return false } })
        else { return (.entity(subject), []) }
        guard let next = link.chosen.first(where: { $0.range.lowerBound == mention.range.upperBound }),
            case .column(subject, _)? = next.best?.target, let group = group(for: next)
        else { return (.entity(subject), Set(mention.range)) }
        return (group, Set(mention.range).union(next.range))
    }

    func subjectEntity() -> Int? {
        link.chosen.lazy.compactMap { mention -> Int? in
            if case .table(let t)? = mention.best?.target { return t }
            return nil
        }.first
    }

    // MARK: - Filters

    /// "in 2024", "during 2023": the year of the metric's date; "on 10 March 2025", "between 1
    /// June and 31 December 2023": a range of days of it.
    func years(_ words: [String], into intent: inout AnalyticIntent) {
        for date in link.dates {
            guard let ref = dateColumn(for: intent) else { break }
            intent.filters.append(.dates(ref, from: date.from, until: date.until))
            intent.explained.formUnion(date.range)
        }
        for (position, token) in tokens.enumerated() {
            guard !intent.explained.contains(position), let value = token.number, value == value.rounded(), (1900...2100).contains(value),
                position > 0,
                ["in", "during", "for", "of", "year"].contains(words[position - 1]), let date = dateColumn(for: intent)
            else { continue }
            intent.filters.append(.year(date, Int(value)))
            intent.explained.formUnion([position, position - 1])
        }
    }

    /// Words that exclude the values after them ("leaving out", "excluding", "not counting").
    static let exclusionWords: Set<String> = ["excluding", "except", "excluded", "exclude", "without", "besides"]

    /// Stored values the question names ("Beverages", "cancelled"); after an exclusion phrase
    /// ("leaving out cancelled and refunded orders") they are left out instead. A word that
    /// names a date column's event ("opened" for `opened_at`) is not a value.
    func values(into intent: inout AnalyticIntent) {
        let words = tokens.map(\.lower)
        var excluded: [AnalyticIntent.ColumnRef: [String]] = [:]
        for mention in link.chosen where mention.isValue && mention.score >= 0.8 && !mention.range.contains(where: intent.explained.contains) {
            if case .equals(let ref, let value)? = intent.share, case .value(ref.table, ref.column, value)? = mention.best?.target { continue }
            guard case .value(var t, var c, var value)? = mention.best?.target else { continue }
            // "customers in the USA": the value of the table named just before, when it holds it
            // (a column holding it, else one named like the column found: `Customers.Country` for
            // a value known from `Employees.Country`)
            if let owner = ownerBefore(mention.range.lowerBound), owner != t,
                let held = index.tables[owner].columns.indices.first(where: { column in
                    index.tables[owner].columns[column].values.contains { $0.caseInsensitiveCompare(value) == .orderedSame }
                }) ?? index.columnIndex(owner, named: index.tables[t].columns[c].name)
            {
                (t, c) = (owner, held)
                value = index.tables[owner].columns[held].values.first { $0.caseInsensitiveCompare(value) == .orderedSame } ?? value
            }
            // "invoices paid in 2024" dates an event; "paid invoices" is a status of the rows
            if mention.range.count == 1, namesDateEvent(tokens[mention.range.lowerBound], table: t),
                tableNamed(at: mention.range.upperBound) != t
            {
                continue
            }
            let ref = AnalyticIntent.ColumnRef(table: t, column: c)
            if isExcluded(mention.range.lowerBound, words: words) {
                excluded[ref, default: []].append(value)
            } else {
                intent.filters.append(.equals(ref, value))
            }
            intent.explained.formUnion(mention.range)
        }
        for (ref, values) in excluded.sorted(by: { ($0.key.table, $0.key.column) < ($1.key.table, $1.key.column) }) {
            intent.filters.append(.excludes(ref, values))
        }
    }

    /// "current employees": the end dates of the intent's tables are NULL.
    func current(into intent: inout AnalyticIntent) {
        let current = CurrentRows(index: index, model: model)
        let cues = current.cues(in: tokens)
        guard !cues.isEmpty else { return }
        let columns = current.endColumns(of: intent.tables)
        guard !columns.isEmpty else { return }
        for (table, column) in columns { intent.filters.append(.isNull(AnalyticIntent.ColumnRef(table: table, column: column))) }
        intent.explained.formUnion(cues)
        intent.notes.append(
            "current rows only (" + columns.map { index.tables[$0.table].columns[$0.column].name + " IS NULL" }.joined(separator: ", ") + ")"
        )
    }

    /// The table named just before a value's place phrase ("customers in", "suppliers based
    /// in", "employees who live in"), if any.
    func ownerBefore(_ position: Int) -> Int? {
        let place: Set<String> = ["in", "from", "the", "based", "located", "living", "who", "that", "are", "is", "live", "lives", "at"]
        var back = position - 1
        while back >= 0, position - back <= 5, place.contains(tokens[back].lower) { back -= 1 }
        guard back >= 0, back < position - 1, let mention = link.chosen.first(where: { $0.range.contains(back) }), mention.isTable,
            case .table(let table)? = mention.best?.target
        else { return nil }
        return table
    }

    /// Whether the value at `position` follows an exclusion phrase within the same list.
    func isExcluded(_ position: Int, words: [String]) -> Bool {
        var back = position - 1
        while back >= 0, position - back <= 5 {
            let word = words[back]
            if Self.exclusionWords.contains(word) { return true }
            if word == "out", back > 0, ["leaving", "leave", "left"].contains(words[back - 1]) { return true }
            if word == "counting", back > 0, words[back - 1] == "not" { return true }
            if word == "than", back > 0, words[back - 1] == "other" { return true }
            if ![",", "and", "or", "the", "any", "all"].contains(word), tokens[back].kind == .word,
                link.chosen.first(where: { $0.range.contains(back) })?.isValue != true
            {
                return false
            }
            back -= 1
        }
        return false
    }

    /// Whether `token` is the event a date column of `table` records ("opened", "created").
    func namesDateEvent(_ token: QuestionToken, table: Int) -> Bool {
        index.tables[table].columns.indices.contains {
            index.tables[table].columns[$0].kind == .date && index.namesEvent(token, table: table, column: $0)
        }
    }

    // MARK: - Schema helpers

    /// The date column the metric is placed in time by: one of its own table's date columns
    /// (the first the semantic model lists as a time dimension), else one of the nearest table
    /// that has one.
    func dateColumn(for intent: AnalyticIntent) -> AnalyticIntent.ColumnRef? {
        let start = intent.metric.table
        var seen: Set<Int> = [start]
        var frontier = [start]
        var nearest: AnalyticIntent.ColumnRef?
        var named: AnalyticIntent.ColumnRef?
        while !frontier.isEmpty {
            var level: [AnalyticIntent.ColumnRef] = []
            for table in frontier {
                for dimension in model.dimensions(of: index.tables[table].name) where dimension.kind == .time {
                    guard let column = index.columnIndex(table, named: dimension.column) else { continue }
                    let ref = AnalyticIntent.ColumnRef(table: table, column: column)
                    level.append(ref)
                    // a word of the measure's name ("shipping cost") names no event
                    if named == nil, isNamedByQuestion(ref, explained: intent.explained, verbOnly: true) { named = ref }
                }
            }
            if named == nil {
                named = level.first { isNamedByQuestion($0, explained: intent.explained) }
            }
            if let named { return named }
            // of the nearest tables' dates, what happened before what was planned (`due_on`), and a
            // business event (`placed_at`) before a record-keeping stamp of another table
            // (`created_at`), unless the metric's own table has only that
            if nearest == nil, let first = level.first {
                let happened = level.filter { !index.isPlannedDate(table: $0.table, column: $0.column) }
                let options = happened.isEmpty ? level : happened
                nearest =
                    options.first { $0.table == start || !isRecordKeeping(index.tables[$0.table].columns[$0.column].name) } ?? options.first ?? first
            }
            frontier = frontier.flatMap { index.neighbours(of: $0).map(\.to) }.filter { seen.insert($0).inserted }
        }
        return nearest
    }

    /// Whether a column name is a record-keeping stamp (`created_at`, `updatedAt`) rather than
    /// the date of a business event.
    func isRecordKeeping(_ name: String) -> Bool {
        SchemaIndex.identifierWords(name).contains { ["created", "updated", "modified", "inserted", "deleted", "synced"].contains($0) }
    }

    /// Whether a word of the question, not one of `explained`, names the event a date column
    /// records ("created" for `created_at`, "issued" for `issued_on`), generic date words aside.
    /// With `verbOnly`, only a participle names it ("orders shipped in 2024": `shipped_date`).
    func isNamedByQuestion(_ ref: AnalyticIntent.ColumnRef, explained: Set<Int>, verbOnly: Bool = false) -> Bool {
        tokens.contains {
            !explained.contains($0.index) && (!verbOnly || $0.isParticiple) && index.namesEvent($0, table: ref.table, column: ref.column)
        }
    }

    func tableIndex(_ name: String) -> Int? {
        index.tables.firstIndex { $0.name == name } ?? index.tables.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    /// The table a single token names, when the linker chose a table for it.
    func tableNamed(at position: Int) -> Int? {
        guard let mention = link.chosen.first(where: { $0.range.contains(position) }), case .table(let t)? = mention.best?.target else { return nil }
        return t
    }

    /// The shortest join path from `from` to `to` (edges in order), nil when none exists.
    func path(from: Int, to: Int) -> [SchemaIndex.Edge]? {
        JoinPlanner(index: index).shortestPath(from: [from], to: to, preferred: [], avoiding: [])
    }
}
