import Foundation
import QuerentQueryPlan
import QuerentSchemaLinking

extension QueryPlanner {
    /// Words between a column and its value ("whose name is", "named", "called").
    static let valueLeadWords: Set<String> = English.standard.words("value_lead_words")

    /// Words saying a text should only contain a value ("with 'w' in the name").
    static let containsWords: Set<String> = English.standard.words("contains_words")

    // MARK: - Stored values

    func findValueConditions() {
        for (offset, current) in mentions.enumerated() where current.isValue && !usedMentions.contains(offset) {
            let mention = current
            let options = mention.values
            guard !options.isEmpty else { continue }
            // "orders shipped to Japan": the verb belongs to the ship_country value that follows
            if mention.range.count == 1, let verb = tokens[mention.range].first, verb.isParticiple,
                ["to", "from", "in", "by", "at", "into"].contains(reading.word(mention.range.upperBound)),
                let following = reading.mention(atStart: mention.range.upperBound + 1) ?? reading.mention(atStart: mention.range.upperBound + 2),
                mentions[following].values.contains(where: { value in
                    index.tables[value.table].columns[value.column].words.contains {
                        Lexicon.similarity(identifier: $0.text, question: verb.lower) >= 0.9
                    }
                })
            {
                use(offset)
                continue
            }
            // "shipments created in 2025": the verb names the date column a date filter reads
            if mention.range.count == 1, let verb = tokens[mention.range].first, verb.isParticiple,
                English.standard.words("date_filter_lead_words").contains(reading.word(mention.range.upperBound)), let value = options.first,
                !index.dateColumns(of: value.table, namedBy: verb.lower).isEmpty
            {
                use(offset)
                continue
            }
            // "orders that used a coupon": a verb with an object of the subject's own, not the
            // value "used" of another table
            if mention.range.count == 1, ["a", "an", "the"].contains(reading.word(mention.range.upperBound)), let subject,
                !options.contains(where: { $0.table == subject }),
                let object = reading.mention(atStart: mention.range.upperBound + 1),
                mentions[object].columns.contains(where: { $0.table == subject }) || reading.tableReading(of: object) == subject
            {
                use(offset)
                continue
            }
            // "accounts that never opened a ticket": the action ("opened"), not the state stored
            // as "open", when a date column records the action
            if mention.range.count == 1, let verb = tokens[mention.range].first, verb.isParticiple, let value = options.first,
                value.value.lowercased() != verb.lower, !index.dateColumns(of: value.table, namedBy: verb.lower).isEmpty
            {
                use(offset)
                continue
            }
            let start = mention.range.lowerBound
            let end = mention.range.upperBound - 1
            // "orders not shipped yet": an event with its own date column is tested on that date
            if mention.range.count == 1, let verb = tokens[mention.range].first, verb.isParticiple,
                let value = options.first,
                let dateColumn = index.dateColumns(of: value.table, namedBy: verb.lower).first(where: {
                    index.tables[value.table].columns[$0].nullable
                })
            {
                use(offset)
                let ref = QueryPlan.ColumnRef(table: value.table, column: dateColumn)
                var op = QueryPlan.Operator.isNotNull
                var span = mention.range.lowerBound...(mention.range.upperBound - 1)
                if let negation = negationBefore(mention.range.lowerBound) {
                    op = .isNull
                    span = negation.position...span.upperBound
                    consumed.insert(negation.position)
                }
                notes.append("'\(verb.text)' is tested on \(columnName(ref))")
                addCondition(QueryPlan.Condition(left: .column(ref), op: op, right: .none), span: span)
                continue
            }
            // a column named next to the value decides between columns holding it
            var hinted: (table: Int, column: Int, value: String, score: Double)?
            var hintMention: Int?
            let following = reading.nextMention(after: end, maxGap: 0)
            let around = [reading.previousMention(before: start, maxGap: 1, skipping: Self.valueLeadWords), following].compactMap { $0 }
            for other in around where other != offset && !usedMentions.contains(other) {
                let columns = Set(mentions[other].columns.map { "\($0.table).\($0.column)" })
                let tables = Set(mentions[other].tables.map(\.table))
                if let match = options.first(where: { columns.contains("\($0.table).\($0.column)") }) {
                    hinted = match
                    hintMention = other
                    break
                }
                if hinted == nil, let match = options.first(where: { tables.contains($0.table) && index.labelColumn(of: $0.table) == $0.column }) {
                    hinted = match
                }
            }
            // "open invoices": a value right before a table's name is that table's ("Canada
            // ordered by" is no name)
            if hinted == nil, let following, let table = reading.tableReading(of: following),
                !tokens[mentions[following].range.lowerBound].isParticiple,
                let match = options.first(where: { $0.table == table })
            {
                hinted = match
            }
            let context = contextTables
            if hinted == nil, let coordinated = coordinatedCondition(before: start),
                let match = options.first(where: { $0.table == coordinated.table && $0.column == coordinated.column })
            {
                hinted = match
            }
            let choice =
                hinted ?? options.max { lhs, rhs in
                    func rank(_ option: (table: Int, column: Int, value: String, score: Double)) -> Double {
                        var value = option.score
                        if option.table == subject { value += 0.15 }
                        if let position = context.firstIndex(of: option.table) { value += 0.1 - Double(position) * 0.01 }
                        // the column's own words appear in the question
                        let words = index.tables[option.table].columns[option.column].words.map { Lexicon.root($0.text) }
                        if tokens.contains(where: { token in words.contains { Lexicon.similarity(identifier: $0, question: token.lower) >= 0.9 } }) {
                            value += 0.1
                        }
                        // profiled (complete) values are more trustworthy than sample rows
                        if index.tables[option.table].columns[option.column].values.contains(option.value) { value += 0.05 }
                        value += directionBonus(QueryPlan.ColumnRef(table: option.table, column: option.column), near: start)
                        return value
                    }
                    return rank(lhs) < rank(rhs)
                }!
            if let hintMention { use(hintMention) }
            use(offset)
            var ref = QueryPlan.ColumnRef(table: choice.table, column: choice.column)
            // "customers in London" when only suppliers' cities were profiled: the same kind of
            // column of a table the question is about can hold the value too
            // (not a bare label: 'Jazz' of `Genre.Name` is no `Track.Name`)
            let words = index.tables[choice.table].columns[choice.column].words.map { Lexicon.root($0.text) }
            if hinted == nil, choice.table != subject, !reading.mentionedTables.contains(choice.table),
                words.contains(where: { !["name", "title", "label"].contains($0) })
            {
                for table in [subject].compactMap({ $0 }) + reading.mentionedTables where table != choice.table {
                    if let column = index.tables[table].columns.firstIndex(where: {
                        $0.kind == .text && !$0.valuesComplete && $0.words.map { Lexicon.root($0.text) } == words
                    }) {
                        ref = QueryPlan.ColumnRef(table: table, column: column)
                        break
                    }
                }
            }
            let negation = negationBefore(start)
            var op: QueryPlan.Operator = .equal
            var operand = QueryPlan.Operand.text(choice.value)
            if containsCue(before: start) && tokens[start].kind == .quoted {
                op = .like
                operand = .text("%" + choice.value + "%")
            }
            var span = start...end
            if let negation {
                span = negation.position...end
                if choice.table != subject && negation.verbal && canNegateByExistence(choice.table) {
                    intent.existence.append(QuestionIntent.Existence(table: choice.table, scope: negation.position...end))
                    notes.append("excluding rows linked to \(columnName(ref)) = '\(choice.value)'")
                } else {
                    op = op.negated
                    notes.append("\(columnName(ref)) is not '\(choice.value)'")
                }
                consumed.insert(negation.position)
            } else {
                notes.append("'\(tokens[mention.range].map(\.text).joined(separator: " "))' is a value of \(columnName(ref))")
            }
            signals.linkedValues += 1
            if mention.score < 0.9 { signals.weakLinks += 1 }
            if ref.table != choice.table || ref.column != choice.column { operand = op == .like || op == .notLike ? operand : .text(choice.value) }
            addCondition(QueryPlan.Condition(left: .column(ref), op: op, right: operand), span: span)
        }
    }

    /// A negation word shortly before `position` in the same clause, and whether it negates a
    /// verb ("do not have", "never") rather than a value ("is not", "other than").
    func negationBefore(_ position: Int) -> (position: Int, verbal: Bool)? {
        var index = position - 1
        var steps = 0
        while index >= 0 && steps < 5 {
            let lower = reading.word(index)
            if tokens[index].kind == .punctuation { return nil }
            if ["and", "or", "but", "who", "which", "that", "whose", "with", "where"].contains(lower) && steps > 0 {
                // "that do not have": the negation comes after the relative word
                return nil
            }
            if lower == "!=" { return (index, false) }
            // "leave out plan changes", "leaving out cancelled orders"
            if lower == "out", ["leave", "leaving", "leaves", "left"].contains(reading.word(index - 1)) { return (index - 1, false) }
            if Self.negationWords.contains(lower) || (lower == "other" && reading.word(index + 1) == "than") {
                let previous = reading.word(index - 1)
                let verbal =
                    lower == "never" || lower == "without" || lower == "no"
                    || (lower == "not" && ["do", "does", "did", "have", "has", "had", "was", "were"].contains(previous)
                        && !["is", "are"].contains(reading.word(index + 1)))
                    || (lower == "not" && !["is", "are", "be", "from", "in", "equal", "was", "were"].contains(previous)
                        && reading.word(index + 1) != "from"
                        && steps >= 2)
                return (index, verbal)
            }
            index -= 1
            steps += 1
        }
        return nil
    }

    /// Whether rows of the subject can be excluded through a link to `table`.
    func canNegateByExistence(_ table: Int) -> Bool {
        guard let subject, subject != table else { return false }
        return reading.joinPlanner.distance(subject, table) != nil
    }

    func containsCue(before position: Int) -> Bool {
        for index in max(0, position - 4)..<position where Self.containsWords.contains(reading.word(index)) { return true }
        return false
    }

    /// Records a condition with the words it came from.
    func addCondition(_ condition: QueryPlan.Condition, span: ClosedRange<Int>) {
        intent.conditions.append((condition, span))
        consumed.formUnion(span.filter { tokens[$0].kind != .punctuation && !["and", "or"].contains(reading.word($0)) })
    }

    // MARK: - Literals the training data did not know

    /// Quoted text, codes and capitalized names that match no stored value: the column comes
    /// from the words around them ("named Kyle", "the Alton airport", "code 'AKO'").
    func findLiteralConditions() {
        var position = 0
        while position < tokens.count {
            defer { position += 1 }
            if consumed.contains(position) || reading.mention(at: position) != nil { continue }
            let token = tokens[position]
            var end = position
            var text: String
            if token.kind == .quoted {
                text = token.text
            } else if token.kind == .word, ["named", "called", "titled"].contains(reading.word(position - 1)),
                !SchemaLinker.functionWords.contains(token.lower), !token.capitalized
            {
                text = token.text
            } else if token.kind == .word,
                ["letter", "word", "substring", "string", "phrase", "prefix", "suffix"].contains(
                    reading.word(position - 1) == "the" ? reading.word(position - 2) : reading.word(position - 1)
                ),
                !SchemaLinker.functionWords.contains(token.lower) || token.lower.count == 1
            {
                // "contain the letter w", "has the word computer"
                text = token.text
            } else if token.kind == .word, token.capitalized,
                isLikelyName(position) || ["named", "called", "titled"].contains(reading.word(position - 1))
            {
                // ("Software Engineer": a capitalized word that only resembles a stored value,
                // 'Engineering', belongs to the name)
                func resemblesValue(_ index: Int) -> Bool {
                    guard let found = reading.mention(at: index) else { return false }
                    return mentions[found].range.count == 1 && mentions[found].isValue && mentions[found].score < 0.9
                }
                while end + 1 < tokens.count, tokens[end + 1].kind == .word,
                    tokens[end + 1].capitalized || (tokens[end + 1].lower == "of" && end + 2 < tokens.count && tokens[end + 2].capitalized),
                    reading.mention(at: end + 1) == nil || (tokens[end + 1].capitalized && resemblesValue(end + 1)),
                    isLikelyName(end + 1) || tokens[end + 1].lower == "of" || resemblesValue(end + 1)
                {
                    end += 1
                }
                intent.conditions.removeAll { item in
                    guard case .text = item.condition.right, item.span.count == 1 else { return false }
                    return end > position && (position + 1...end).contains(item.span.lowerBound)
                }
                text = tokens[position...end].map(\.text).joined(separator: " ")
            } else {
                continue
            }
            guard var ref = literalColumn(start: position, end: end, text: text) else {
                missing.append("a column for '\(text)'")
                signals.unplacedLiterals += 1
                continue
            }
            // "Emma Smith" for a first-name column: first name and last name
            let parts = text.split(separator: " ").map(String.init)
            if parts.count == 2, let (first, last) = index.nameColumns(of: ref.table),
                ref.column == first || ref.column == last || ref.column == index.labelColumn(of: ref.table)
            {
                ref = QueryPlan.ColumnRef(table: ref.table, column: first)
                addCondition(QueryPlan.Condition(left: .column(ref), op: .equal, right: .text(parts[0])), span: position...position)
                addCondition(
                    QueryPlan.Condition(left: .column(QueryPlan.ColumnRef(table: ref.table, column: last)), op: .equal, right: .text(parts[1])),
                    span: end...end
                )
                notes.append("'\(text)' is taken as a first and last name")
                signals.guessedLiterals += 1
                position = end
                continue
            }
            var op: QueryPlan.Operator = .equal
            var value = text
            let like = containsCue(before: position) || containsCue(after: end)
            if like {
                op = .like
                value = "%" + text + "%"
            } else if let starts = startsCue(before: position) {
                op = .like
                value = starts ? text + "%" : "%" + text
            }
            // "Aberdeen " and other stray spaces
            value = value.trimmingCharacters(in: .whitespaces)
            var span = position...end
            if let negation = negationBefore(position) {
                span = negation.position...end
                consumed.insert(negation.position)
                if ref.table != subject && negation.verbal && canNegateByExistence(ref.table) {
                    intent.existence.append(QuestionIntent.Existence(table: ref.table, scope: span))
                } else {
                    op = op.negated
                }
            }
            notes.append("'\(text)' is taken as \(columnName(ref))")
            signals.guessedLiterals += 1
            addCondition(QueryPlan.Condition(left: .column(ref), op: op, right: .text(value)), span: span)
            position = end
        }
    }

    func containsCue(after position: Int) -> Bool {
        guard position + 1 < tokens.count else { return false }
        for index in (position + 1)..<min(tokens.count, position + 3)
        where ["in", "inside", "within"].contains(reading.word(index)) && containsCue(before: position) {
            return true
        }
        return false
    }

    /// "starting with" → true, "ending with" → false.
    func startsCue(before position: Int) -> Bool? {
        for index in max(0, position - 3)..<position {
            let lower = reading.word(index)
            if ["start", "starts", "starting", "begin", "begins", "beginning", "prefix"].contains(lower) { return true }
            if ["end", "ends", "ending", "suffix"].contains(lower) { return false }
        }
        return nil
    }

    /// A capitalized word that reads as a proper name rather than a sentence start or a cue.
    func isLikelyName(_ position: Int) -> Bool {
        let token = tokens[position]
        guard token.kind == .word, token.capitalized else { return false }
        if SchemaLinker.functionWords.contains(token.lower) { return false }
        if reading.sentenceStarts.contains(position) { return false }
        if Self.superlativeWords[token.lower] != nil || Self.aggregateWords[token.lower] != nil { return false }
        if ["list", "show", "give", "find", "return", "what", "which", "who", "how", "count", "order", "sort", "please", "i"].contains(token.lower) {
            return false
        }
        return true
    }

    /// The column a literal belongs to.
    func literalColumn(start: Int, end: Int, text: String) -> QueryPlan.ColumnRef? {
        // "whose name has the word computer", "with the letter w in their description"
        if containsCue(before: start) || startsCue(before: start) != nil {
            if let next = reading.nextMention(after: end, maxGap: 2, skipping: ["in", "its", "their", "the", "his", "her"]),
                ["in", "its", "their"].contains(reading.word(end + 1)),
                let ref = resolveColumn(next), index.tables[ref.table].columns[ref.column].kind == .text
            {
                use(next)
                return ref
            }
            var back = start - 1
            while back >= max(0, start - 6) {
                if let found = reading.mention(at: back), let ref = resolveColumn(found), index.tables[ref.table].columns[ref.column].kind == .text {
                    use(found)
                    return ref
                }
                back -= 1
            }
        }
        // a literal listed with a known value takes that value's column: "English and French"
        if let coordinated = coordinatedCondition(before: start), canHold(coordinated, text) { return coordinated }
        // a column named right before: "named X", "city 'X'", "code AKO", "with the name X"
        if let previous = reading.previousMention(before: start, maxGap: 0, skipping: Self.valueLeadWords), !isWhHead(previous) {
            let readsAsColumn = mentions[previous].isColumn || mentions[previous].columns.contains { $0.score >= mentions[previous].score - 0.05 }
            if readsAsColumn, let ref = resolveColumn(previous, prefer: [subject].compactMap { $0 }),
                index.tables[ref.table].columns[ref.column].kind != .number || Double(text) != nil, canHold(ref, text)
            {
                use(previous)
                return ref
            }
            if let table = reading.tableReading(of: previous),
                ["named", "called", "titled", "name"].contains(reading.word(start - 1)) || start - mentions[previous].range.upperBound <= 1
            {
                let column =
                    ["named", "called", "titled", "name"].contains(reading.word(start - 1))
                    ? index.labelColumn(of: table) : index.bestTextColumn(table, like: text)
                return QueryPlan.ColumnRef(table: table, column: column)
            }
        }
        if ["named", "called", "titled"].contains(reading.word(start - 1)) {
            let table = previousTable(before: start) ?? subject
            if let table { return QueryPlan.ColumnRef(table: table, column: index.labelColumn(of: table)) }
        }
        // a column named right after: "'Hey' in its title", "the Alton airport"
        if let next = reading.nextMention(after: end, maxGap: 1, skipping: ["in", "as", "its", "their", "the"]) {
            if let table = reading.tableReading(of: next), mentions[next].range.lowerBound == end + 1 || reading.word(end + 1) == "the" {
                return QueryPlan.ColumnRef(table: table, column: index.bestTextColumn(table, like: text))
            }
            // "Kenji Sato's email": a column after a possessive is asked for, not the literal's.
            if !tokens[end].possessive, let ref = resolveColumn(next), index.tables[ref.table].columns[ref.column].kind == .text, canHold(ref, text) {
                use(next)
                return ref
            }
        }
        // "live in Berlin", "based in Lyon", "from Paris": a place column
        let placeLead =
            ["in", "from", "at", "near"].contains(reading.word(start - 1))
            || ["live", "lives", "living", "lived", "based", "located", "situated", "born"].contains(reading.word(start - 2))
        if placeLead {
            let placeWords = [
                "city", "town", "country", "location", "place", "address", "region", "state", "hometown", "district", "province", "county", "nation",
            ]
            // the subject is itself a place ("countries in Brazil" is rare; "population … in Brazil" names the country)
            if let subject, index.tables[subject].words.contains(where: { placeWords.contains(Lexicon.root($0.text)) }), index.hasNameLabel(subject),
                canHold(QueryPlan.ColumnRef(table: subject, column: index.labelColumn(of: subject)), text),
                tokens[start].capitalized || tokens[start].kind == .quoted
            {
                return QueryPlan.ColumnRef(table: subject, column: index.labelColumn(of: subject))
            }
            if let ref = columns(matching: placeWords, kinds: [.text]).first(where: {
                contextTables.contains($0.table) && canHold($0, text) && !(index.tables[$0.table].columns[$0.column].isForeignKey)
            }) {
                return ref
            }
        }
        // the text column whose known values look most like the literal
        var best: (QueryPlan.ColumnRef, Double)?
        for table in contextTables {
            for (c, column) in index.tables[table].columns.enumerated()
            where column.kind == .text && canHold(QueryPlan.ColumnRef(table: table, column: c), text) {
                let score =
                    SchemaIndex.shapeSimilarity(text, column.samples + column.values) + (table == subject ? 0.05 : 0)
                    + (c == index.labelColumn(of: table) ? 0.1 : 0)
                if best == nil || score > best!.1 { best = (QueryPlan.ColumnRef(table: table, column: c), score) }
            }
        }
        if let best, best.1 >= 0.5 { return best.0 }
        if let subject { return QueryPlan.ColumnRef(table: subject, column: index.labelColumn(of: subject)) }
        return nil
    }

    static let sourceWords: Set<String> = ["source", "src", "origin", "from", "start", "departure", "depart", "sender", "home"]
    static let destinationWords: Set<String> = ["destination", "dest", "to", "end", "arrival", "arrive", "target", "receiver", "away"]

    /// "from X" points at a source column, "to X" at a destination column.
    func directionBonus(_ ref: QueryPlan.ColumnRef, near position: Int) -> Double {
        let words = Set(index.tables[ref.table].columns[ref.column].words.map { Lexicon.root($0.text) })
        let prepositions = (max(0, position - 3)..<position).map { reading.word($0) }
        if prepositions.contains("from") && !words.isDisjoint(with: Self.sourceWords) { return 0.2 }
        if prepositions.contains(where: { ["to", "into"].contains($0) }) && !words.isDisjoint(with: Self.destinationWords) { return 0.2 }
        return 0
    }

    /// A column with a complete value profile can only hold one of its known values.
    func canHold(_ ref: QueryPlan.ColumnRef, _ text: String) -> Bool {
        let column = index.tables[ref.table].columns[ref.column]
        guard column.valuesComplete, !column.values.isEmpty else { return true }
        let key = Lexicon.compact(text)
        return column.values.contains { Lexicon.compact($0) == key || Lexicon.compact($0).contains(key) }
    }

    /// "Which continent is …": the column right after the opening question word is what is
    /// asked for, not the column of the value that follows.
    func isWhHead(_ mentionIndex: Int) -> Bool {
        let start = mentions[mentionIndex].range.lowerBound
        var back = start - 1
        while back >= 0, ["the", "a", "an"].contains(reading.word(back)) { back -= 1 }
        guard back >= 0, ["which", "what", "whose"].contains(reading.word(back)) else { return false }
        return back == 0 || reading.sentenceStarts.contains(back) || tokens[back - 1].text == ","
    }

    /// The column of the condition this position is listed with ("English and French",
    /// "cat or dog"), when only list words separate them.
    func coordinatedCondition(before position: Int) -> QueryPlan.ColumnRef? {
        guard let last = intent.conditions.last(where: { $0.span.upperBound < position }) else { return nil }
        let between = (last.span.upperBound + 1)..<position
        guard !between.isEmpty, between.count <= 3 else { return nil }
        let glue = between.map { tokens[$0].kind == .punctuation ? tokens[$0].text : reading.word($0) }
        guard glue.contains(where: { ["and", "or", ","].contains($0) }),
            glue.allSatisfy({ ["and", "or", ",", "the", "both", "either", "also"].contains($0) })
        else { return nil }
        guard last.condition.op == .equal || last.condition.op == .notEqual || last.condition.op == .like, case .text = last.condition.right else {
            return nil
        }
        return last.condition.left.column
    }

    func previousTable(before position: Int) -> Int? {
        var index = position - 1
        while index >= 0 {
            if let found = reading.mention(at: index), let table = reading.tableReading(of: found) { return table }
            index -= 1
        }
        return nil
    }

    // MARK: - Yes/no columns

    /// An adjective naming a flag column ("official languages", "full-time employees") filters on it.
    func findBooleanConditions() {
        findNegatedFlags()
        for (offset, mention) in mentions.enumerated() where !usedMentions.contains(offset) && mention.isColumn {
            guard let ref = resolveColumn(offset), isFlagColumn(ref) else { continue }
            let column = index.tables[ref.table].columns[ref.column]
            // an adjective: followed by a noun (table or another column), not asked for
            let next = reading.nextMention(after: mention.range.upperBound - 1, maxGap: 1)
            let adjective = next.map { mentions[$0].isTable || mentions[$0].isColumn } ?? false
            // "plans that are public", "carriers that are not active"
            let copula = reading.word(mention.range.lowerBound - 1) == "not" ? mention.range.lowerBound - 2 : mention.range.lowerBound - 1
            let predicate = ["is", "are", "was", "were", "been"].contains(reading.word(copula)) && mention.range.lowerBound > reading.headEnd
            // "buyers who have premium", "buyers with a premium membership": `has_premium`
            var before = mention.range.lowerBound - 1
            while ["a", "an", "the"].contains(reading.word(before)) { before -= 1 }
            let possessed = column.words.first?.text == "has" && ["have", "has", "had", "with"].contains(reading.word(before))
            // "employees who work remotely": an adverb of the flag's adjective
            let adverb = mention.range.count == 1 && tokens[mention.range.lowerBound].lower.hasSuffix("ly")
            guard adjective || predicate || possessed || adverb else { continue }
            let operand = trueOperand(of: ref)
            var op: QueryPlan.Operator = .equal
            var span = mention.range.lowerBound...(mention.range.upperBound - 1)
            if let negation = negationBefore(mention.range.lowerBound), !consumed.contains(negation.position) {
                span = negation.position...span.upperBound
                consumed.insert(negation.position)
                // "categories with no discontinued products": no linked row has the flag
                if ref.table != subject && (negation.verbal || ["no", "without"].contains(reading.word(negation.position)))
                    && canNegateByExistence(ref.table)
                {
                    intent.existence.append(QuestionIntent.Existence(table: ref.table, scope: span))
                    if let next, reading.tableReading(of: next) == ref.table { use(next) }
                } else {
                    op = .notEqual
                }
            }
            use(offset)
            notes.append("'\(tokens[mention.range].map(\.text).joined(separator: " "))' filters on the flag \(columnName(ref))")
            addCondition(QueryPlan.Condition(left: .column(ref), op: op, right: operand), span: span)
        }
    }

    /// What a yes/no column holds for yes: its stored true value ('Y', 't') when known, else 1
    /// (rendered TRUE for boolean columns).
    func trueOperand(of ref: QueryPlan.ColumnRef) -> QueryPlan.Operand {
        let column = index.tables[ref.table].columns[ref.column]
        return (column.values + column.samples).first { SchemaIndex.truth($0) == true }.map { .text($0) } ?? .number(1)
    }

    /// "shipments that require a signature", "reviews that recommended a promotion": a yes/no
    /// column named by a verb and its object (`requires_signature`, `promotion_recommended`),
    /// the words in the question in either order with at most one article between.
    func findVerbFlags() {
        for table in contextTables where isNear(table) {
            for (c, column) in index.tables[table].columns.enumerated() {
                let ref = QueryPlan.ColumnRef(table: table, column: c)
                // (`is_accepting_patients`: "accepting new patients")
                var names = column.words.map(\.text)
                if names.count == 3, ["is", "has"].contains(names[0]) { names.removeFirst() }
                let zeroOrOne = column.kind == .number && !column.numericSamples.isEmpty && Set(column.numericSamples).isSubset(of: ["0", "1"])
                guard names.count == 2, !["is", "has", "if"].contains(names[0]), isFlagColumn(ref) || zeroOrOne else { continue }
                let stems = names.map { Lexicon.stem($0) }
                for position in tokens.indices where !consumed.contains(position) {
                    var next = position + 1
                    if ["a", "an", "the"].contains(reading.word(next)) { next += 1 }
                    // one adjective may come between: "accepting new patients"
                    if Lexicon.stem(reading.word(position)) == stems[0], Lexicon.stem(reading.word(next)) != stems[1],
                        Lexicon.stem(reading.word(next + 1)) == stems[1], reading.mention(at: next) == nil
                    {
                        next += 1
                    }
                    let pair = [Lexicon.stem(reading.word(position)), Lexicon.stem(reading.word(next))]
                    guard pair == stems || pair == stems.reversed(), !consumed.contains(next) else { continue }
                    for found in [reading.mention(at: position), reading.mention(at: next)].compactMap({ $0 }) { use(found) }
                    var span = position...next
                    var op = QueryPlan.Operator.equal
                    if let negation = negationBefore(position), !consumed.contains(negation.position) {
                        span = negation.position...next
                        op = .notEqual
                    }
                    notes.append("'\(tokens[span].map(\.text).joined(separator: " "))' filters on the flag \(columnName(ref))")
                    addCondition(QueryPlan.Condition(left: .column(ref), op: op, right: trueOperand(of: ref)), span: span)
                    break
                }
            }
        }
    }

    /// "inactive carriers", "unverified sellers", "events that failed": a word that negates a
    /// yes/no column's word (by a negative prefix or as its antonym) means the flag is false.
    func findNegatedFlags() {
        for position in tokens.indices where tokens[position].kind == .word && !consumed.contains(position) {
            let word = reading.word(position)
            if let found = reading.mention(at: position), mentions[found].isValue || usedMentions.contains(found) { continue }
            var positives = English.standard.flagAntonyms[word] ?? []
            for prefix in English.standard.negativePrefixes where word.hasPrefix(prefix) && word.count - prefix.count >= 4 {
                positives.append(String(word.dropFirst(prefix.count)).trimmingCharacters(in: CharacterSet(charactersIn: "-")))
            }
            guard !positives.isEmpty else { continue }
            let tables = contextTables.filter { isNear($0) }
            let candidates = tables.flatMap { table in index.tables[table].columns.indices.map { QueryPlan.ColumnRef(table: table, column: $0) } }
            // a column named by the word itself ("inactive_since") is the linker's to read
            guard !candidates.contains(where: { ref in index.tables[ref.table].columns[ref.column].words.contains { $0.text == word } }),
                let ref = candidates.first(where: { ref in
                    isFlagColumn(ref)
                        && index.tables[ref.table].columns[ref.column].words.contains { column in
                            positives.contains { Lexicon.similarity(identifier: column.text, question: $0) >= 0.9 }
                        }
                })
            else { continue }
            if let found = reading.mention(at: position) { use(found) }
            notes.append("'\(tokens[position].text)' means \(columnName(ref)) is false")
            addCondition(
                QueryPlan.Condition(left: .column(ref), op: .notEqual, right: trueOperand(of: ref)),
                span: position...position
            )
        }
    }

    // MARK: - Missing values

    /// "without an email", "have not shipped", "X is missing" → IS NULL; "with a shipped date" stays a projection.
    func findNullConditions() {
        for (offset, mention) in mentions.enumerated()
        where !usedMentions.contains(offset) && mention.isColumn && mention.range.lowerBound > reading.headEnd {
            guard let ref = resolveColumn(offset) else { continue }
            let column = index.tables[ref.table].columns[ref.column]
            guard !column.isPrimaryKey else { continue }
            let after =
                reading.word(mention.range.upperBound) == "is" || reading.word(mention.range.upperBound) == "are"
                ? mention.range.upperBound + 1 : mention.range.upperBound
            let nullAfter =
                ["null", "empty", "missing", "unknown", "blank"].contains(reading.word(after))
                || (reading.word(after) == "not" && ["set", "known", "given", "recorded", "available"].contains(reading.word(after + 1)))
            var negated = false
            // "not yet returned": an event still to come, not one that never happened
            var pending = false
            if let negation = negationBefore(mention.range.lowerBound), !consumed.contains(negation.position),
                !mention.tables.contains(where: { $0.score >= mention.score - 0.05 })
            {
                negated = true
                pending = reading.word(negation.position + 1) == "yet" || reading.word(mention.range.upperBound) == "yet"
                consumed.insert(negation.position)
            }
            // "waiting to be shipped", "yet to be paid", "awaiting delivery"
            let start = mention.range.lowerBound
            let toBe = reading.word(start - 1) == "be" && reading.word(start - 2) == "to"
            if column.kind == .date,
                (toBe && English.standard.words("pending_words").contains(reading.word(start - 3)))
                    || English.standard.words("pending_words").contains(reading.word(start - 1))
            {
                negated = true
                pending = true
                consumed.formUnion((toBe ? start - 3 : start - 1)...(start - 1))
            }
            // "orders with a coupon code", "customers that have an email": the value is recorded
            let article = ["a", "an"].contains(reading.word(mention.range.lowerBound - 1))
            let recorded =
                !negated && article && ["have", "has", "had", "with", "used"].contains(reading.word(mention.range.lowerBound - 2)) && column.nullable
                && column.kind != .number && !column.isForeignKey && !isFlagColumn(ref) && ref.table == subject
                // (not "a song having 'Hey' in its name": a value follows)
                && !["having", "with", "named", "called", "titled", "containing", "like", "of", "that", "which", "whose", "="].contains(
                    reading.word(mention.range.upperBound)
                )
            guard nullAfter || negated || recorded else { continue }
            // "medications never prescribed": a negated event of another table's rows is an
            // absence of rows (NOT IN), not an empty column of a joined row
            if negated, !nullAfter, !pending, let subject, subject != ref.table, column.kind == .date {
                use(offset)
                notes.append("no \(index.tables[ref.table].baseName) row is linked")
                intent.existence.append(QuestionIntent.Existence(table: ref.table, scope: mention.range.lowerBound...(mention.range.upperBound - 1)))
                consumed.formUnion(mention.range)
                continue
            }
            use(offset)
            notes.append("\(columnName(ref)) has \(recorded ? "a" : "no") value")
            addCondition(
                QueryPlan.Condition(left: .column(ref), op: recorded ? .isNotNull : .isNull, right: .none),
                span: mention.range.lowerBound...(mention.range.upperBound - 1)
            )
        }
    }
}
