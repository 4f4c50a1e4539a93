import Foundation

extension QueryPlanner {
    /// Words after which a table is a grouping, ranking or negated target rather than the subject.
    static let notSubjectBefore: Set<String> = [
        "each", "per", "every", "most", "least", "fewest", "without", "no", "never", "not", "number", "many", "greatest",
        "largest", "highest", "lowest", "smallest",
    ]

    /// The position of a count cue ("how many", "number of", "count", "total number of") and
    /// whether it asks for distinct values.
    func countCue() -> (position: Int, end: Int, distinct: Bool)? {
        for position in tokens.indices {
            var end: Int?
            if matches(["how", "many"], at: position) {
                end = position + 2
            } else if matches(["number", "of"], at: position) && !consumed.contains(position) && mention(at: position).map({ mentions[$0].range.count == 1 || mentions[$0].isTable }) ?? true {
                // "the most number of", "largest number of" rank by count instead
                let before = word(position - 1) == "the" || word(position - 1) == "total" || word(position - 1) == "a" ? word(position - 2) : word(position - 1)
                if Self.superlativeWords[before] != nil || before == "most" || before == "least" { continue }
                end = position + 2
            } else if word(position) == "count", position == firstCommandIndex() || word(position - 1) == "the" || word(position + 1) == "of" || word(position + 1) == "the" {
                end = word(position + 1) == "of" ? position + 2 : position + 1
            } else if matches(["total", "count"], at: position) {
                end = position + 2
            }
            guard var cueEnd = end else { continue }
            var distinct = false
            while cueEnd < tokens.count, ["different", "distinct", "unique", "the", "all", "of", "kinds", "types", "kind"].contains(word(cueEnd)) {
                if ["different", "distinct", "unique"].contains(word(cueEnd)) { distinct = true }
                cueEnd += 1
            }
            return (position, cueEnd, distinct)
        }
        return nil
    }

    func firstCommandIndex() -> Int {
        var position = 0
        while position < tokens.count, ["please", "can", "you", "could"].contains(word(position)) { position += 1 }
        return position
    }

    func resolveSubject() {
        if let cue = countCue() {
            signals.countQuestion = true
            countPosition = cue.position
            if word(cue.position - 1) == "total" { consumed.insert(cue.position - 1) }
            if let next = mentionStarting(atOrAfter: cue.end, maxGap: 2) {
                if let table = tableReading(of: next), !(cue.distinct && mentions[next].columns.first.map { $0.score >= (mentions[next].tables.first?.score ?? 0) } == true) {
                    subject = table
                    countTarget = table
                    use(next)
                    notes.append("counting rows of \(tableName(table))")
                } else if let column = resolveColumn(next) {
                    subject = column.table
                    if cue.distinct {
                        countDistinct = column
                    } else {
                        countTarget = column.table
                    }
                    use(next)
                    notes.append(cue.distinct ? "counting distinct \(columnName(column))" : "counting \(columnName(column))")
                }
            }
            consumed.formUnion(cue.position..<cue.end)
            if subject == nil { countTarget = -1 }
            if subject != nil { return }
        }
        // the first table mention that is not a grouping, ranking or negated target
        for (offset, mention) in mentions.enumerated() {
            guard let table = tableReading(of: offset) else { continue }
            let before = previousWord(before: mention.range.lowerBound)
            if Self.notSubjectBefore.contains(before) && offset != mentions.indices.last { continue }
            subject = table
            notes.append("the question is about \(tableName(table))")
            return
        }
        // else the table of the first linked column or value
        if let first = mentions.first(where: { $0.isColumn || $0.isValue }), let best = first.best {
            switch best.target {
            case .column(let t, _), .value(let t, _, _):
                subject = t
                notes.append("the question is about \(tableName(t)) (from its columns)")
                return
            case .table(let t):
                subject = t
                return
            }
        }
        if let table = mentionedTables.first {
            subject = table
            return
        }
        // a question naming nothing: a single retrieved table can still be the subject
        if index.tables.count == 1 {
            subject = 0
            signals.guessedSubject = true
            notes.append("only one table was retrieved: \(tableName(0))")
        }
    }

    /// The word before a position, skipping "the", "a".
    func previousWord(before position: Int) -> String {
        var index = position - 1
        while index >= 0, ["the", "a", "an"].contains(word(index)) { index -= 1 }
        return word(index)
    }

    /// The first chosen mention starting at or after `position` with at most `maxGap` other
    /// words in between.
    func mentionStarting(atOrAfter position: Int, maxGap: Int) -> Int? {
        var gap = 0
        var current = position
        while current < tokens.count {
            if let found = mention(at: current) { return found }
            if tokens[current].kind == .punctuation { return nil }
            if !isFiller(current) { gap += 1 }
            if gap > maxGap { return nil }
            current += 1
        }
        return nil
    }
}
