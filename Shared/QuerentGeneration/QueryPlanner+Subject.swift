import Foundation
import QuerentQueryPlan

extension QueryPlanner {
    /// Words after which a table is a grouping, ranking or negated target rather than the subject.
    static let notSubjectBefore: Set<String> = English.standard.words("not_subject_before")

    /// The position of a count cue ("how many", "number of", "count", "total number of") and
    /// whether it asks for distinct values.
    func countCue() -> (position: Int, end: Int, distinct: Bool)? {
        for position in tokens.indices {
            var end: Int?
            if reading.matches(["how", "many"], at: position) {
                end = position + 2
            } else if reading.matches(["number", "of"], at: position) && !consumed.contains(position)
                && reading.mention(at: position).map({ mentions[$0].range.count == 1 || mentions[$0].isTable }) ?? true
            {
                // "the most number of", "largest number of" rank by count instead
                let before =
                    reading.word(position - 1) == "the" || reading.word(position - 1) == "total" || reading.word(position - 1) == "a"
                    ? reading.word(position - 2) : reading.word(position - 1)
                if Self.superlativeWords[before] != nil || before == "most" || before == "least" { continue }
                // "the phone numbers of the shippers": a column named with "number", not a count
                if let previous = reading.mention(at: position - 1), mentions[previous].isColumn { continue }
                // "the number of final tables made": a numeric column named like a count
                if let next = reading.mention(atStart: position + 2) ?? reading.mention(atStart: position + 3), mentions[next].isColumn,
                    reading.tableReading(of: next) == nil,
                    let option = mentions[next].columns.first, index.tables[option.table].columns[option.column].kind == .number,
                    !index.tables[option.table].columns[option.column].isForeignKey, !index.tables[option.table].columns[option.column].isPrimaryKey
                {
                    continue
                }
                end = position + 2
            } else if reading.word(position) == "count",
                position == firstCommandIndex() || reading.word(position - 1) == "the" || reading.word(position + 1) == "of"
                    || reading.word(position + 1) == "the"
            {
                var cueEnd = reading.word(position + 1) == "of" ? position + 2 : position + 1
                // "count the number of", "count the total number of"
                var next = cueEnd
                while next < tokens.count, ["the", "total"].contains(reading.word(next)) { next += 1 }
                if reading.matches(["number", "of"], at: next) { cueEnd = next + 2 }
                end = cueEnd
            } else if reading.matches(["total", "count"], at: position) {
                end = position + 2
            }
            guard var cueEnd = end else { continue }
            var distinct = false
            while cueEnd < tokens.count,
                ["different", "distinct", "unique", "the", "all", "of", "kinds", "types", "kind", "type", "forms", "form", "sorts", "varieties"]
                    .contains(reading.word(cueEnd))
            {
                if ["different", "distinct", "unique", "kinds", "types", "kind", "type", "forms", "sorts", "varieties"].contains(reading.word(cueEnd))
                {
                    distinct = true
                }
                // "types of pets" where a column is named "type": the column is counted
                if ["type", "types", "kind", "kinds", "form", "forms"].contains(reading.word(cueEnd)), reading.mention(at: cueEnd) != nil { break }
                cueEnd += 1
            }
            return (position, cueEnd, distinct)
        }
        return nil
    }

    func firstCommandIndex() -> Int {
        var position = 0
        while position < tokens.count, ["please", "can", "you", "could"].contains(reading.word(position)) { position += 1 }
        return position
    }

    func resolveSubject() {
        if let cue = countCue() {
            signals.countQuestion = true
            intent.countPosition = cue.position
            if reading.word(cue.position - 1) == "total" { consumed.insert(cue.position - 1) }
            if var next = mentionStarting(atOrAfter: cue.end, maxGap: 2) {
                // "official languages": a flag adjective before the counted noun
                if isFlagMention(next), let following = reading.mention(atStart: mentions[next].range.upperBound) { next = following }
                // "open invoices": a value before the counted table
                if mentions[next].isValue, let following = reading.mention(atStart: mentions[next].range.upperBound),
                    reading.tableReading(of: following) != nil,
                    !tokens[mentions[following].range.lowerBound].isParticiple
                {
                    next = following
                }
                // "car models": the head of the compound is counted
                while reading.qualifiesNext(next), let following = reading.mention(atStart: mentions[next].range.upperBound) { next = following }
                if let table = reading.tableReading(of: next),
                    !(cue.distinct && mentions[next].columns.first.map { $0.score >= (mentions[next].tables.first?.score ?? 0) } == true)
                {
                    intent.subject = table
                    intent.countTarget = table
                    // "how many different customers bought …": each once, however the joins repeat it
                    if cue.distinct, let key = index.singleKey(of: table) { intent.countDistinct = QueryPlan.ColumnRef(table: table, column: key) }
                    use(next)
                    notes.append("counting rows of \(reading.tableName(table))")
                } else if let column = resolveColumn(next) {
                    intent.subject = column.table
                    if cue.distinct {
                        intent.countDistinct = column
                    } else {
                        intent.countTarget = column.table
                    }
                    use(next)
                    notes.append(cue.distinct ? "counting distinct \(columnName(column))" : "counting \(columnName(column))")
                }
            }
            // "how many people live in …" with no table of people: the sum of a population column
            if subject == nil, Self.populationNouns.contains(reading.word(cue.end)) || Self.populationNouns.contains(reading.word(cue.end + 1)),
                let ref = columns(matching: ["population", "inhabitant", "resident"], kinds: [.number]).first
            {
                intent.subject = ref.table
                intent.countAsSum = ref
                consumed.insert(Self.populationNouns.contains(reading.word(cue.end)) ? cue.end : cue.end + 1)
                notes.append("'people' is the sum of \(columnName(ref))")
            }
            consumed.formUnion(cue.position..<cue.end)
            if subject == nil { intent.countTarget = -1 }
            if subject != nil { return }
        }
        // the first table mention that is not a grouping, ranking or negated target
        for (offset, mention) in mentions.enumerated() {
            guard let table = reading.tableReading(of: offset) else { continue }
            let before = previousWord(before: mention.range.lowerBound)
            if Self.notSubjectBefore.contains(before) && offset != mentions.indices.last {
                // "every student" is the subject unless the question aggregates per student
                if !(["every", "each"].contains(before) && !aggregates) { continue }
            }
            // "car makers": the head of a compound
            if reading.qualifiesNext(offset) { continue }
            intent.subject = table
            notes.append("the question is about \(reading.tableName(table))")
            return
        }
        // else the table that holds most of the linked columns and values
        var coverage: [Int: Double] = [:]
        var firstSeen: [Int: Int] = [:]
        for (offset, mention) in mentions.enumerated() where mention.isColumn || mention.isValue {
            var best: [Int: Double] = [:]
            for candidate in mention.candidates {
                switch candidate.target {
                case .column(let t, _), .value(let t, _, _): best[t] = max(best[t] ?? 0, candidate.score)
                case .table: break
                }
            }
            for (table, score) in best {
                coverage[table, default: 0] += score
                if firstSeen[table] == nil { firstSeen[table] = offset }
            }
        }
        if let table = coverage.keys.sorted().max(by: { (coverage[$0]!, -(firstSeen[$0] ?? 0), -$0) < (coverage[$1]!, -(firstSeen[$1] ?? 0), -$1) }) {
            intent.subject = table
            notes.append("the question is about \(reading.tableName(table)) (from its columns)")
            return
        }
        if let table = reading.mentionedTables.first {
            intent.subject = table
            return
        }
        // a question naming nothing: a single retrieved table can still be the subject
        if index.tables.count == 1 {
            intent.subject = 0
            signals.guessedSubject = true
            notes.append("only one table was retrieved: \(reading.tableName(0))")
        }
    }

    /// The word before a position, skipping "the", "a".
    func previousWord(before position: Int) -> String {
        var index = position - 1
        while index >= 0, ["the", "a", "an"].contains(reading.word(index)) { index -= 1 }
        return reading.word(index)
    }

    /// The first chosen mention starting at or after `position` with at most `maxGap` other
    /// words in between.
    func mentionStarting(atOrAfter position: Int, maxGap: Int) -> Int? {
        var gap = 0
        var current = position
        while current < tokens.count {
            if let found = reading.mention(at: current) { return found }
            if tokens[current].kind == .punctuation { return nil }
            if !reading.isFiller(current) { gap += 1 }
            if gap > maxGap { return nil }
            current += 1
        }
        return nil
    }
}

extension QueryPlanner {
    /// Whether a mention names a yes/no column (`is_official`, values T/F).
    func isFlagMention(_ mentionIndex: Int) -> Bool {
        guard let option = mentions[mentionIndex].columns.first, mentions[mentionIndex].isColumn else { return false }
        return isFlagColumn(QueryPlan.ColumnRef(table: option.table, column: option.column))
    }

    func isFlagColumn(_ ref: QueryPlan.ColumnRef) -> Bool { index.isFlag(ref.table, ref.column) }

    // MARK: - Levels of a hierarchy

    /// Rows of a table that refers to its own parent rows, by level: "top-level categories",
    /// "root folders" have no parent; "subcategories", "sub-folders", "child categories" have one.
    func findHierarchyLevels() {
        for (offset, mention) in mentions.enumerated() {
            guard let table = reading.tableReading(of: offset), let parent = index.selfReference(of: table) else { continue }
            let start = mention.range.lowerBound
            let ref = QueryPlan.ColumnRef(table: table, column: parent)
            let compound = tokens[start].lower.hasPrefix("sub") && !index.tables[table].words.contains { $0.text.hasPrefix("sub") }
            if compound || ["sub", "child"].contains(reading.word(start - 1)) {
                let span = compound ? start...start : (start - 1)...(start - 1)
                addCondition(QueryPlan.Condition(left: .column(ref), op: .isNotNull, right: .none), span: span)
                notes.append("'\(tokens[span].map(\.text).joined(separator: " "))' rows have a \(columnName(ref))")
            } else if [reading.word(start - 2), reading.word(start - 1)] == ["top", "level"]
                || ["root", "toplevel"].contains(reading.word(start - 1))
            {
                let span = (reading.word(start - 1) == "level" ? start - 2 : start - 1)...(start - 1)
                addCondition(QueryPlan.Condition(left: .column(ref), op: .isNull, right: .none), span: span)
                notes.append("'\(tokens[span].map(\.text).joined(separator: " "))' rows have no \(columnName(ref))")
            }
        }
    }

    /// "The subcategories of Electronics": a value of the table's own label after "of" names
    /// the parent row, not the row itself.
    func findParentValues() {
        guard
            let level = intent.conditions.firstIndex(where: { item in
                guard item.condition.op == .isNotNull, let ref = item.condition.left.column else { return false }
                return index.selfReference(of: ref.table) == ref.column
            }),
            let parent = intent.conditions[level].condition.left.column
        else { return }
        for (offset, item) in intent.conditions.enumerated() where offset != level {
            guard item.condition.op == .equal, case .text = item.condition.right, let ref = item.condition.left.column, ref.table == parent.table,
                ["of", "under", "within"].contains(reading.word(item.span.lowerBound - 1))
            else { continue }
            var owner = QueryPlan(mainTable: parent.table)
            owner.select = [.column(QueryPlan.ColumnRef(table: parent.table, column: index.keyColumn(of: parent.table)))]
            owner.conditions = [item.condition]
            intent.conditions[offset].condition = QueryPlan.Condition(left: .column(parent), op: .inSubquery, right: .subquery(owner))
            notes.append("the \(columnName(parent)) row is the one named")
            intent.conditions.remove(at: level)
            return
        }
    }
}
