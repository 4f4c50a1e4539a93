import Foundation

extension QueryPlanner {
    /// Words in front of a superlative that make it an aggregate of what follows
    /// ("what is the maximum capacity") rather than a ranking of rows.
    static let aggregateLeadWords: Set<String> = [
        "what", "is", "are", "was", "were", "show", "list", "find", "give", "return", "me", "the", ",", "and", "tell",
        "compute", "calculate", "get", "display", "report", "its", "their",
    ]

    /// Is the superlative at `position` an aggregate in the question's head?
    func isHeadAggregate(_ position: Int) -> Bool {
        guard position < headEnd else { return false }
        var back = position - 1
        while back >= 0 {
            let lower = tokens[back].kind == .punctuation ? tokens[back].text : word(back)
            if Self.aggregateWords[lower] != nil { back -= 1; continue }
            if !Self.aggregateLeadWords.contains(lower) { return false }
            back -= 1
        }
        // followed by a column (maybe after "number of" for a column named like that)
        guard let next = nextMention(after: position, maxGap: 1, skipping: ["amount", "value"]) else { return false }
        return mentions[next].isColumn || mentions[next].columns.contains { $0.score >= mentions[next].score - 0.05 }
    }

    /// Superlatives: "the youngest singer", "the stadium with the highest capacity",
    /// "the most concerts", "the most common hometown".
    func findSuperlatives() {
        var position = 0
        while position < tokens.count {
            defer { position += 1 }
            if consumed.contains(position) { continue }
            let lower = word(position)
            guard var superlative = Self.superlativeWords[lower] else { continue }
            var cueEnd = position
            // "most recent", "least expensive", "most common"
            if lower == "most" || lower == "least" {
                let next = word(position + 1)
                if let adjective = Self.superlativeWords[next], !adjective.hints.isEmpty {
                    superlative = adjective
                    if lower == "least" { superlative.descending.toggle(); superlative.hints = superlative.hints.map { ($0.word, !$0.descending) } }
                    cueEnd = position + 1
                } else if ["common", "frequent", "popular", "often", "frequently", "commonly"].contains(next) {
                    // "the most common X": group by X, rank by count
                    cueEnd = position + 1
                    consumed.formUnion(position...cueEnd)
                    let target = nextMention(after: cueEnd, maxGap: 1)
                    if let target, let ref = resolveColumn(target), !mentions[target].isTable {
                        use(target)
                        groupTargets.append(.column(ref))
                        projectionHint(ref, position: mentions[target].range.lowerBound)
                    } else if let target, let table = tableReading(of: target) {
                        use(target)
                        superlativeByCount = (lower == "most", table, position)
                        continue
                    }
                    superlativeByCount = (lower == "most", nil, position)
                    if limit == nil { limit = 1 }
                    continue
                }
            }
            if isHeadAggregate(position) && superlative.aggregate { continue }
            if !superlative.aggregate && superlative.hints.isEmpty == false && isHeadAggregate(position) && word(position - 1) != "the" { continue }
            // what is ranked
            var after = cueEnd
            var byCount = false
            while after + 1 < tokens.count {
                let next = word(after + 1)
                if ["number", "count", "amount"].contains(next) && word(after + 2) == "of" {
                    if let found = mention(at: after + 1), mentions[found].isColumn, mentions[found].range.count > 1 { break }
                    byCount = true
                    after += 2
                } else if ["the", "a", "total", "of"].contains(next) {
                    after += 1
                } else {
                    break
                }
            }
            consumed.formUnion(position...after)
            let target = nextMention(after: after, maxGap: 1, skipping: ["different", "distinct", "kinds", "types"])
            if let target, !byCount {
                let mention = mentions[target]
                let numericColumn = mention.columns.first {
                    let kind = index.tables[$0.table].columns[$0.column].kind
                    return kind == .number || kind == .date || isNumericText($0.table, $0.column)
                }
                if let numericColumn, numericColumn.score >= (mention.tables.first?.score ?? 0) - 0.05 || !mention.isTable,
                    let ref = resolveColumn(target, numericOnly: true)
                {
                    use(target)
                    orderings.append(QueryPlan.Ordering(expression: .column(ref), descending: superlative.descending))
                    if limit == nil { limit = 1 }
                    notes.append("the \(superlative.descending ? "highest" : "lowest") \(columnName(ref))")
                    continue
                }
                if let table = tableReading(of: target) {
                    if superlative.hints.isEmpty || lower == "most" || lower == "least" || lower == "fewest" {
                        use(target)
                        superlativeByCount = (superlative.descending, table, position)
                        if limit == nil { limit = 1 }
                        notes.append("ranked by how many \(tableName(table)) rows")
                        continue
                    }
                }
                if let ref = resolveColumn(target), superlative.hints.isEmpty {
                    // a text column: "the highest rank" stored as text, or a name ranked alphabetically
                    use(target)
                    orderings.append(QueryPlan.Ordering(expression: .column(ref), descending: superlative.descending))
                    if limit == nil { limit = 1 }
                    continue
                }
            }
            if byCount {
                let table = target.flatMap { tableReading(of: $0) } ?? target.flatMap { mentions[$0].columns.first?.table }
                if let target { use(target) }
                superlativeByCount = (superlative.descending, table, position)
                if limit == nil { limit = 1 }
                notes.append("ranked by count")
                continue
            }
            // the adjective names the column: "youngest" → age
            var placed = false
            for hint in superlative.hints {
                if let ref = columns(matching: [hint.word], kinds: [.number, .date, .text]).first(where: {
                    contextTables.contains($0.table) && (index.tables[$0.table].columns[$0.column].kind != .text || isNumericText($0.table, $0.column) || looksLikeDates($0))
                }) {
                    orderings.append(QueryPlan.Ordering(expression: .column(ref), descending: hint.descending))
                    if limit == nil { limit = 1 }
                    notes.append("'\(lower)' ranks by \(columnName(ref))")
                    placed = true
                    break
                }
            }
            if !placed && (lower == "most" || lower == "least" || lower == "fewest") && target == nil {
                // "which X has the most?" with nothing after: rank by count
                superlativeByCount = (superlative.descending, nil, position)
                if limit == nil { limit = 1 }
                placed = true
            }
            if !placed { missing.append("what '\(lower)' ranks by") }
        }
    }

    /// Remembers that a column should be returned (a grouping column asked for by a superlative).
    func projectionHint(_ ref: QueryPlan.ColumnRef, position: Int) {
        if !projection.contains(where: { $0.expression.column == ref && $0.expression.aggregate == nil }) {
            projection.append(ProjectionItem(expression: .column(ref), position: position))
        }
    }

    // MARK: - ORDER BY

    static let descendingWords: Set<String> = ["descending", "desc", "decreasing", "reverse", "reversed", "reversely", "backwards", "backward", "downward"]
    static let orderCueWords: Set<String> = [
        "order", "ordered", "sort", "sorted", "sorting", "ordering", "rank", "ranked", "arrange", "arranged", "alphabetical",
        "alphabetically", "lexicographical", "lexicographically", "descending", "ascending", "increasing", "decreasing",
    ]

    func findOrdering() {
        guard let cue = tokens.indices.first(where: { Self.orderCueWords.contains(word($0)) && !consumed.contains($0) }) else { return }
        // "rank" as a column name is not an ordering cue
        if let found = mention(at: cue), mentions[found].isColumn, !["order", "ordered", "sorted", "sort"].contains(word(cue)) { return }
        var descending = tokens.indices.contains { Self.descendingWords.contains(word($0)) && $0 >= cue - 3 }
        // "from the oldest to the youngest", "from highest to lowest"
        var hintedRef: QueryPlan.ColumnRef?
        if let from = find(["from"], from: max(0, cue - 8)), let to = find(["to"], from: from + 1), to - from <= 4 {
            let first = (from + 1..<to).map { word($0) }.first { Self.superlativeWords[$0] != nil }
            if let first, let superlative = Self.superlativeWords[first] {
                descending = superlative.descending
                if let hint = superlative.hints.first, let ref = columns(matching: superlative.hints.map(\.word), kinds: [.number, .date]).first {
                    hintedRef = ref
                    descending = superlative.hints.first { $0.word == hint.word }?.descending ?? descending
                    if let matched = superlative.hints.first(where: { h in index.tables[ref.table].columns[ref.column].words.contains { Lexicon.root($0.text) == h.word } }) {
                        descending = matched.descending
                    }
                }
                consumed.formUnion(from...(to + 2 < tokens.count ? to + 2 : to))
            }
        }
        var ref: QueryPlan.ColumnRef? = hintedRef
        if ref == nil {
            // "by X", "of X" after the cue
            var position = cue + 1
            let skip: Set<String> = ["by", "in", "of", "the", "their", "its", "descending", "ascending", "order", "alphabetical", "reverse", "reversed",
                                     "lexicographical", "decreasing", "increasing", "from", "to", "according", "based", "on", "them", "results", "result",
                                     "alphabetically", "lexicographic", "numerical", "numeric", "value", "values", ",", "and"]
            while position < tokens.count, position <= cue + 6 {
                if let found = mention(at: position), !usedMentions.contains(found) || mentions[found].isColumn {
                    if let resolved = resolveColumn(found) {
                        ref = resolved
                        use(found)
                    } else if let table = tableReading(of: found), word(position - 1) == "by" || word(position - 1) == "of" {
                        // "ordered by the teacher's name": the table's name column
                        if let next = mention(at: mentions[found].range.upperBound), let resolved = resolveColumn(next, prefer: [table]) {
                            ref = resolved
                            use(next)
                        }
                    }
                    break
                }
                if !skip.contains(word(position)) && tokens[position].kind != .punctuation { break }
                position += 1
            }
        }
        if ref == nil {
            // "sort employee names by their age"
            if let by = find(["by"], from: cue, to: min(tokens.count, cue + 8)), let found = nextMention(after: by, maxGap: 1), let resolved = resolveColumn(found) {
                ref = resolved
                use(found)
            }
        }
        if ref == nil {
            // "X in descending order"
            if let found = previousMention(before: cue, maxGap: 3, skipping: ["in", "by", "the", "descending", "ascending", "order", "reverse", "alphabetical"]),
                let resolved = resolveColumn(found), !["sort", "sorted"].contains(word(cue))
            {
                ref = resolved
            }
        }
        consumed.insert(cue)
        for position in tokens.indices where Self.descendingWords.contains(word(position)) || ["ascending", "increasing", "alphabetical", "alphabetically"].contains(word(position)) {
            consumed.insert(position)
        }
        if let ref {
            orderings.insert(QueryPlan.Ordering(expression: .column(ref), descending: descending), at: 0)
            notes.append("ordered by \(columnName(ref))\(descending ? " descending" : "")")
        } else {
            // alphabetical order of what is returned, decided when the projection is known
            pendingAlphabetical = descending
        }
    }

    // MARK: - GROUP BY

    func findGrouping() {
        for position in tokens.indices where ["each", "per", "every"].contains(word(position)) && !consumed.contains(position) {
            // "each of them", "each one": the thing already asked for
            if ["one", "of"].contains(word(position + 1)) && (word(position + 2) == "them" || word(position + 1) == "one") {
                groupOnProjection = true
                consumed.insert(position)
                continue
            }
            guard let next = nextMention(after: position, maxGap: 1, skipping: ["different", "distinct", "individual", "single", "kind", "type"]) else { continue }
            consumed.insert(position)
            let mention = mentions[next]
            let columnFirst = mention.isColumn && !(mention.tables.first.map { $0.score >= mention.score - 0.02 } ?? false)
            if columnFirst, let ref = resolveColumn(next) {
                use(next)
                // a foreign key grouped is its referenced table
                groupTargets.append(.column(ref))
                notes.append("one row per \(columnName(ref))")
            } else if let table = tableReading(of: next) {
                use(next)
                groupTargets.append(.table(table))
                notes.append("one row per \(tableName(table))")
            } else if let ref = resolveColumn(next) {
                use(next)
                groupTargets.append(.column(ref))
                notes.append("one row per \(columnName(ref))")
            }
        }
        // "for different X", "by X" after a count or an aggregate
        if groupTargets.isEmpty {
            for position in tokens.indices where word(position) == "different" && ["for", "across", "of"].contains(previousWord(before: position)) && !consumed.contains(position) {
                if let next = nextMention(after: position, maxGap: 1), let ref = resolveColumn(next) {
                    use(next)
                    consumed.insert(position)
                    groupTargets.append(.column(ref))
                }
            }
        }
        if groupTargets.isEmpty, signals.countQuestion || tokens.contains(where: { Self.aggregateWords[$0.lower] != nil && ["average", "avg", "mean", "total", "sum", "maximum", "minimum", "max", "min"].contains($0.lower) }) {
            for position in tokens.indices where word(position) == "by" && !consumed.contains(position) {
                let before = word(position - 1)
                if before.hasSuffix("ed") || Self.orderCueWords.contains(before) { continue }
                if let next = nextMention(after: position, maxGap: 0), mentions[next].isColumn, let ref = resolveColumn(next), !usedMentions.contains(next) {
                    use(next)
                    consumed.insert(position)
                    groupTargets.append(.column(ref))
                    notes.append("one row per \(columnName(ref))")
                }
            }
        }
    }
}
