import QuerentQueryPlan

extension QueryPlanner {
    /// Words that rank the rows a question asks for by a measure: "top 5 customers by revenue".
    static let rankingCueWords: Set<String> = ["top", "best", "biggest", "largest", "leading", "highest", "bottom", "worst", "lowest", "smallest"]

    /// "Top 5 customers by revenue", "the best employees by total sales": the subject's rows
    /// ranked by a numeric column after "by". A column of another table is summed per subject
    /// row along the join path; a column of the subject's own table orders directly.
    func findMeasureRanking() {
        for by in tokens.indices where reading.word(by) == "by" && !consumed.contains(by) {
            guard let entity = reading.previousMention(before: by, maxGap: 0), let table = reading.tableReading(of: entity), table == subject,
                let measure = reading.nextMention(after: by, maxGap: 1, skipping: ["total", "their", "its", "the", "overall"]),
                let ref = resolveColumn(measure, numericOnly: true)
            else { continue }
            let start = mentions[entity].range.lowerBound
            let cue = (max(0, start - 3)..<start).first { Self.rankingCueWords.contains(reading.word($0)) }
            guard cue != nil || intent.limit != nil else { continue }
            let cueWord = cue.map(reading.word) ?? "top"
            let descending = !["bottom", "worst", "lowest", "smallest"].contains(cueWord)
            if (mentions[measure].best?.score ?? 1) < 0.75 {
                // a money word read as a money column ("revenue" as payments.amount): a guess
                signals.guessedMeasure = true
                notes.append("'\(tokens[mentions[measure].range].map(\.text).joined(separator: " "))' read as \(columnName(ref))")
            }
            use(measure)
            use(entity)
            consumed.insert(by)
            for position in by..<mentions[measure].range.lowerBound where ["total", "overall"].contains(reading.word(position)) {
                consumed.insert(position)
            }
            if let cue { consumed.insert(cue) }
            if intent.limit == nil {
                // "the top customer" is one row; "top customers" a short list
                let plural = tokens[mentions[entity].range].last.map { $0.lower != $0.stem } ?? false
                intent.limit = plural ? 10 : 1
            }
            if ref.table == table {
                intent.orderings.append(QueryPlan.Ordering(expression: .column(ref), descending: descending))
                notes.append("ranked by \(columnName(ref))")
            } else {
                addGroup(.table(table), at: start)
                intent.returned.append(QuestionIntent.ReturnedItem(expression: .aggregate(.sum, ref), position: by))
                intent.orderings.append(QueryPlan.Ordering(expression: .aggregate(.sum, ref), descending: descending))
                notes.append("ranked by the sum of \(columnName(ref)) per \(reading.tableName(table))")
            }
            return
        }
    }
}
