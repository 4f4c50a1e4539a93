import Foundation

/// Finds the spans of a question that name tables, columns and stored values.
///
/// Identifier words are compared with question words by ``Lexicon/similarity(identifier:question:)``
/// (stems, synonyms, abbreviations, typos); glued spans ("high schoolers" for `Highschooler`)
/// and acronyms ("miles per gallon" for `mpg`) match whole identifiers. Values are matched on
/// their letters and digits only, so case, spacing and punctuation do not matter.
package struct SchemaLinker: Sendable {
    package let index: SchemaIndex

    package init(index: SchemaIndex) {
        self.index = index
    }

    /// Whether a column holds languages (`language`, `lang_code`).
    var hasLanguageColumn: Bool {
        index.tables.contains { table in table.columns.contains { column in column.words.contains { ["language", "lang"].contains($0.text) } } }
    }

    /// The result of linking one question.
    package struct Result: Sendable {
        /// Every schema or value mention found, overlapping, best first per span.
        package var all: [Mention]
        /// A non-overlapping choice of mentions, in question order.
        package var chosen: [Mention]
        /// The calendar dates the question names in words; their tokens link to nothing else.
        package var dates: [DateExpression] = []
    }

    /// Links `tokens`.
    package func link(_ tokens: [QuestionToken]) -> Result {
        var mentions: [Mention] = []
        mentions.append(contentsOf: valueMentions(tokens))
        mentions.append(contentsOf: schemaMentions(tokens))
        // "on 10 March 2025": a date, not a value or a column ("March" is no first name here)
        let dates = DateExpression.find(in: tokens)
        let dated = Set(dates.flatMap { $0.range.filter { !["on", "by", "from", "since", "before", "after"].contains(tokens[$0].lower) } })
        mentions.removeAll { mention in mention.range.contains(where: dated.contains) }
        mentions = mentions.compactMap { dropEventValues($0, tokens: tokens) }
        if let people = countedPeople(tokens, mentions: mentions) { mentions.append(people) }
        mentions += subLevelTables(tokens, mentions: mentions)
        mentions += eventTables(tokens, mentions: mentions)
        mentions += headedColumns(tokens)
        let chosen = choose(mentions, tokens: tokens)
        return Result(all: mentions, chosen: chosen, dates: dates)
    }

    /// Words that read as stored values but are not: a verb before a time grain names the date
    /// column the grain reads ("how many people did each department hire per year" groups by
    /// `hire_date`, it does not filter a `change_reason` of 'hire'), and a person noun after
    /// "how many" is what is counted. The mention keeps its other readings (nil when none).
    func dropEventValues(_ mention: Mention, tokens: [QuestionToken]) -> Mention? {
        guard mention.range.count == 1, mention.values.count > 0, let verb = tokens[mention.range].first, verb.kind == .word else { return mention }
        let grains = QuestionEnglish.standard.words("time_grain_words")
        func word(_ position: Int) -> String { tokens.indices.contains(position) ? tokens[position].lower : "" }
        func withoutValues() -> Mention? {
            var kept = mention
            kept.candidates.removeAll { if case .value = $0.target { return true } else { return false } }
            return kept.candidates.isEmpty ? nil : kept
        }
        // "how many people …", "the number of people …": the rows counted, not a value 'People'
        let start = mention.range.lowerBound
        if QuestionEnglish.standard.populationNouns.contains(verb.lower),
            [word(start - 2), word(start - 1)] == ["how", "many"] || [word(start - 2), word(start - 1)] == ["number", "of"]
        {
            return withoutValues()
        }
        let next = mention.range.upperBound
        let grainFollows =
            grains.contains(word(next)) && word(next).hasSuffix("ly")
            || ["per", "each", "every", "by", "a"].contains(word(next)) && grains.contains(word(next + 1))
            || ["in", "for"].contains(word(next)) && ["each", "every"].contains(word(next + 1)) && grains.contains(word(next + 2))
        guard grainFollows, index.tables.indices.contains(where: { !index.dateColumns(of: $0, namedBy: verb.lower).isEmpty }) else { return mention }
        return withoutValues()
    }

    /// "How many people …" on a schema with one table of people (first and last names) and no
    /// population column: that table is what is counted.
    func countedPeople(_ tokens: [QuestionToken], mentions: [Mention]) -> Mention? {
        guard
            let noun = tokens.indices.first(where: { position in
                position >= 2 && QuestionEnglish.standard.populationNouns.contains(tokens[position].lower)
                    && [tokens[position - 2].lower, tokens[position - 1].lower] == ["how", "many"]
            }),
            !mentions.contains(where: { $0.range.contains(noun) })
        else { return nil }
        let people = index.tables.indices.filter { index.nameColumns(of: $0) != nil }
        let populations = index.tables.contains { table in
            table.columns.contains { column in
                column.kind == .number && column.words.contains { ["population", "inhabitants", "residents"].contains($0.text) }
            }
        }
        guard people.count == 1, !populations else { return nil }
        return Mention(range: noun..<(noun + 1), candidates: [Mention.Candidate(target: .table(people[0]), score: 0.8)])
    }

    /// "email address", "phone number": a one-word column (`Email`, `Phone`) named with the
    /// noun it is a kind of; the two words read as that column, not as two columns.
    func headedColumns(_ tokens: [QuestionToken]) -> [Mention] {
        let heads = QuestionEnglish.standard.words("column_heads")
        return tokens.indices.dropLast().compactMap { position in
            guard tokens[position].kind == .word, heads.contains(tokens[position + 1].stem) else { return nil }
            let word = tokens[position].stem
            let candidates = index.tables.indices.flatMap { table in
                index.tables[table].columns.indices.filter { column in
                    let words = index.tables[table].columns[column].words.map(\.text)
                    return words.count == 1 && Lexicon.stem(words[0]) == word
                }.map { Mention.Candidate(target: .column(table: table, column: $0), score: 1.0) }
            }
            return candidates.isEmpty ? nil : Mention(range: position..<(position + 2), candidates: candidates)
        }
    }

    /// "films never rented", "the most rented films": a participle whose verb names a table of
    /// events (`rental`, `shipment`, `booking`, `reservation`) reads as that table when nothing
    /// else is linked to it; "ordered by" and "sorted by" order.
    func eventTables(_ tokens: [QuestionToken], mentions: [Mention]) -> [Mention] {
        tokens.indices.compactMap { position in
            let token = tokens[position]
            guard token.kind == .word, token.isParticiple, !mentions.contains(where: { $0.range.contains(position) }),
                !(position + 1 < tokens.count && tokens[position + 1].lower == "by"
                    && QuestionEnglish.standard.words("order_cue_words").contains(token.lower))
            else { return nil }
            let verb = Lexicon.root(token.lower)
            guard verb.count >= 3, verb != token.lower else { return nil }
            let stems = [verb, verb.hasSuffix("e") ? String(verb.dropLast()) : verb]
            let nouns = Set(stems.flatMap { stem in ["", "al", "ment", "ing", "ation", "y"].map { stem + $0 } })
            let tables = index.tables.indices.filter { table in
                index.tables[table].words.last.map { nouns.contains(Lexicon.stem($0.text)) } ?? false
            }
            guard tables.count == 1 else { return nil }
            return Mention(range: position..<(position + 1), candidates: [Mention.Candidate(target: .table(tables[0]), score: 0.75)])
        }
    }

    /// "subcategories", "subfolders": a table whose rows refer to a parent row of the same table,
    /// named with the prefix "sub" (the planner keeps the rows that have a parent).
    func subLevelTables(_ tokens: [QuestionToken], mentions: [Mention]) -> [Mention] {
        tokens.indices.compactMap { position in
            let word = tokens[position].lower
            guard tokens[position].kind == .word, word.hasPrefix("sub"), word.count > 6, !mentions.contains(where: { $0.range.contains(position) })
            else { return nil }
            let rest = String(word.dropFirst(3))
            let table = index.tables.indices.first { table in
                index.selfReference(of: table) != nil
                    && index.tables[table].words.contains { Lexicon.similarity(identifier: $0.text, question: rest) >= 0.9 }
            }
            return table.map { Mention(range: position..<(position + 1), candidates: [Mention.Candidate(target: .table($0), score: 0.85)]) }
        }
    }

    // MARK: - Schema elements

    /// Words that never name a schema element on their own.
    package static let functionWords: Set<String> = [
        "the", "a", "an", "of", "in", "on", "for", "to", "and", "or", "by", "with", "what", "which", "who", "whom", "whose",
        "how", "many", "much", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "show", "me", "list",
        "give", "all", "each", "every", "from", "that", "this", "these", "those", "there", "their", "its", "it", "as", "at",
        "i", "we", "our", "my", "find", "get", "have", "has", "had", "return", "tell", "please", "any", "some", "than",
        "more", "less", "not", "no", "also", "both", "either", "neither", "nor", "where", "when", "why", "they", "them",
        "he", "she", "his", "her", "him", "you", "your", "can", "could", "would", "should", "will", "shall", "may",
        "might", "must", "into", "about", "between", "among", "after", "before", "over", "under", "above", "below",
        "up", "down", "out", "off", "than", "then", "so", "such", "only", "just", "very", "too", "own", "same", "other",
        "another", "ever", "never", "one", "ones", "if", "but", "yet", "whether", "while", "during", "including",
        "s", "t", "along", "well", "per", "across", "like", "whom", "via", "together", "corresponding", "respective",
        "different", "distinct", "unique", "total", "number", "count", "average", "mean", "sum", "maximum", "minimum",
        "max", "min", "most", "least", "highest", "lowest", "largest", "smallest", "greatest", "fewest", "top",
        "descending", "ascending", "order", "ordered", "sorted", "sort", "alphabetical", "alphabetically", "name",
        "names", "id", "ids", "what's", "whats", "info", "information", "detail", "details", "also", "respectively",
        "them", "it", "those", "here", "currently", "current", "instead", "times", "time", "named", "called", "titled",
    ]

    /// A word of a fixed English phrase that names no column: "first" or "last" after an
    /// adjective of degree says how to sort ("largest first", not `first_name`), and "full" in
    /// "full name" asks for a person's whole name (not `full_time`).
    package static func isPhraseWord(_ position: Int, tokens: [QuestionToken]) -> Bool {
        let word = tokens[position].lower
        if word == "full", position + 1 < tokens.count, ["name", "names"].contains(tokens[position + 1].lower) { return true }
        guard ["first", "last"].contains(word), position > 0 else { return false }
        func ranks(_ word: String) -> Bool {
            word.hasSuffix("est") || ["recent", "expensive", "popular", "important", "alphabetical", "alphabetically"].contains(word)
        }
        if ranks(tokens[position - 1].lower) { return true }
        // "largest budget first", "most recent orders last": at the end of a clause
        let ends = position + 1 == tokens.count || tokens[position + 1].kind == .punctuation
        return ends && tokens[max(0, position - 4)..<(position - 1)].contains { ranks($0.lower) }
    }

    /// Function words that may appear inside a multi-word identifier match ("number of products").
    package static let fillers: Set<String> = ["of", "the", "a", "an", "in", "on", "for", "to", "by", "per", "and", "at", "s", "is"]

    /// Identifier words that carry little meaning when matched alone.
    package static let genericIdentifierWords: Set<String> = [
        "data", "info", "information", "detail", "details", "list", "record", "records", "table", "entry", "entries",
        "log", "master", "main", "other", "value", "values", "item", "items", "general", "misc", "all", "the", "of", "is",
        "has", "in", "at", "by", "to", "a",
    ]

    /// Words of a question that can be matched against identifier words (names, ids and cue
    /// words only count inside a longer match or when the identifier is that word).
    package static let weakQuestionWords: Set<String> = [
        "name", "names", "id", "ids", "number", "numbers", "count", "total", "average", "mean", "sum", "maximum",
        "minimum", "max", "min", "most", "least", "highest", "lowest", "largest", "smallest", "greatest", "top",
        "order", "ordered", "different", "distinct", "unique", "detail", "details", "information", "info", "time", "times",
        "other", "type", "types", "kind", "kinds",
    ]

    package struct Element {
        package var target: Mention.Target
        package var words: [SchemaIndex.Word]
        package var compact: String
        /// ``Lexicon/stem(_:)`` of `compact`.
        package var compactStem: String

        package init(target: Mention.Target, words: [SchemaIndex.Word], compact: String) {
            self.target = target
            self.words = words
            self.compact = compact
            self.compactStem = Lexicon.stem(compact)
        }
    }

    package func elements() -> [Element] {
        var result: [Element] = []
        for (t, table) in index.tables.enumerated() {
            result.append(Element(target: .table(t), words: weighted(table.words), compact: Lexicon.compact(table.baseName)))
            for (c, column) in table.columns.enumerated() {
                result.append(Element(target: .column(table: t, column: c), words: weighted(column.words), compact: Lexicon.compact(column.name)))
            }
        }
        return result
    }

    /// Gives generic words and (in compounds) modifiers less weight than the head word.
    package func weighted(_ words: [SchemaIndex.Word]) -> [SchemaIndex.Word] {
        var result = words
        for index in result.indices {
            if Self.genericIdentifierWords.contains(result[index].text) && result.count > 1 { result[index].weight = min(result[index].weight, 0.25) }
        }
        // the head of an English compound is its last meaningful word
        let meaningful = result.indices.filter { result[$0].weight >= 1 }
        if meaningful.count > 1 {
            for index in meaningful.dropLast() { result[index].weight = 0.75 }
        }
        return result
    }

    package func schemaMentions(_ tokens: [QuestionToken]) -> [Mention] {
        let elements = elements()
        var bySpan: [Range<Int>: [Mention.Candidate]] = [:]
        let maxSpan = 5
        for start in tokens.indices where tokens[start].kind == .word || tokens[start].kind == .number {
            guard !Self.functionWords.contains(tokens[start].lower) || Self.weakQuestionWords.contains(tokens[start].lower) else { continue }
            let phraseWord = Self.isPhraseWord(start, tokens: tokens)
            for end in (start + 1)...min(tokens.count, start + maxSpan) where !(phraseWord && end == start + 1) {
                let span = start..<end
                if tokens[span].contains(where: { $0.kind == .punctuation || $0.kind == .quoted }) { break }
                let last = tokens[end - 1]
                if Self.functionWords.contains(last.lower) && !Self.weakQuestionWords.contains(last.lower) { continue }
                let glued = Self.glued(tokens[span])
                for element in elements {
                    let score = match(element, span: span, tokens: tokens, glued: glued)
                    if score >= 0.4 {
                        bySpan[span, default: []].append(Mention.Candidate(target: element.target, score: score))
                    }
                }
            }
        }
        for (position, token) in tokens.enumerated() where token.kind == .word {
            let span = position..<(position + 1)
            guard !(bySpan[span] ?? []).contains(where: { $0.score >= 0.7 }) else { continue }
            let measures = measureColumns(for: token)
            if !measures.isEmpty { bySpan[span, default: []] += measures }
        }
        return bySpan.keys.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }.map { span in
            Mention(range: span, candidates: bySpan[span]!.sorted(by: Mention.Candidate.precedes))
        }
    }

    /// Business measures no column is named after: "revenue", "sales", "spending" read as the
    /// money columns a schema does have (`amount`, `total`, `revenue`…), the more specific
    /// names first; a price alone ranks last because it is per unit.
    package func measureColumns(for token: QuestionToken) -> [Mention.Candidate] {
        guard Lexicon.isMoneyMeasure(token.lower) else { return [] }
        var candidates: [Mention.Candidate] = []
        for (t, table) in index.tables.enumerated() {
            for (c, column) in table.columns.enumerated() where column.kind == .number && !column.isPrimaryKey && !column.isForeignKey {
                let words = Set(column.words.map { Lexicon.stem($0.text) })
                guard let rank = Lexicon.moneyColumnWords.firstIndex(where: { words.contains($0) }) else { continue }
                candidates.append(Mention.Candidate(target: .column(table: t, column: c), score: 0.74 - Double(rank) * 0.02))
            }
        }
        return candidates
    }

    /// A span's words glued together, the last one singular, with the stem of the whole.
    package struct Glued {
        package var text: String
        package var stem: String
    }

    package static func glued(_ span: ArraySlice<QuestionToken>) -> Glued {
        var text = span.dropLast().map { Lexicon.compact($0.lower) }.joined()
        if let last = span.last { text += Lexicon.compact(Lexicon.stem(last.lower)) }
        return Glued(text: text, stem: Lexicon.stem(text))
    }

    /// How well the tokens of `span` name `element`, 0…1.
    package func match(_ element: Element, span: Range<Int>, tokens: [QuestionToken], glued: Glued) -> Double {
        let spanTokens = Array(tokens[span])
        // glued: "high schoolers" = Highschooler, "countrylanguage"
        if spanTokens.count >= 2 || element.words.count == 1 {
            if glued.text == element.compact || glued.text == element.compactStem || glued.stem == element.compactStem {
                if spanTokens.count == 1 && Self.weakQuestionWords.contains(spanTokens[0].lower) { return 0.75 }
                return 1
            }
        }
        // acronym: "miles per gallon" = mpg
        if spanTokens.count >= 2, element.words.count == 1, element.words[0].text.count == spanTokens.count, spanTokens.count <= 4 {
            let initials = String(spanTokens.compactMap { $0.lower.first })
            if initials == element.words[0].text { return 0.9 }
        }
        // word alignment
        let total = element.words.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return 0 }
        var used = Set<Int>()
        var matched = 0.0
        var matchedWords = 0
        var positions: [(word: Int, token: Int)] = []
        for (wordIndex, word) in element.words.enumerated().sorted(by: { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }) {
            var best = 0.0
            var bestIndex: Int?
            for (offset, token) in spanTokens.enumerated()
            where !used.contains(offset) && (token.kind == .word || (token.kind == .number && token.text == word.text)) {
                var similarity = Lexicon.similarity(identifier: word.text, question: token.lower)
                if word.text.count == 1 && token.lower.first.map(String.init) == word.text && token.lower.count > 1 { similarity = 0.7 }
                if similarity > best {
                    best = similarity
                    bestIndex = offset
                }
            }
            if let bestIndex, best >= 0.7 {
                used.insert(bestIndex)
                matched += word.weight * best
                matchedWords += 1
                positions.append((wordIndex, bestIndex))
            }
        }
        guard matchedWords > 0 else { return 0 }
        // a span with glue words must follow the identifier's word order ("number of products"
        // is number_products; "names in concerts" is not concert_name)
        if spanTokens.count > used.count {
            let ordered = positions.sorted { $0.word < $1.word }.map(\.token)
            let glue = spanTokens.enumerated().filter { !used.contains($0.offset) }.map(\.element.lower)
            // "year of independence" = IndepYear: reversed only around "of"
            let countWord = ["number", "count", "total", "amount", "numbers"].contains(spanTokens[0].lower)
            // "names of the countries" keeps "countries" for the table
            // "ids of templates", "names of the countries": the generic word and the table stay apart
            let tableWordAfter = Self.weakQuestionWords.contains(spanTokens[0].lower)
            if ordered != ordered.sorted()
                && !(ordered == ordered.sorted(by: >) && glue.allSatisfy { $0 == "of" || $0 == "the" } && !countWord && !tableWordAfter)
            {
                return 0
            }
        }
        // every token of the span must be matched, except fillers inside it
        for (offset, token) in spanTokens.enumerated() where !used.contains(offset) {
            if offset == 0 || offset == spanTokens.count - 1 { return 0 }
            if !Self.fillers.contains(token.lower) { return 0 }
        }
        var score = matched / total
        // a lone weak word ("name", "number", "total") is a weak match
        let unmatchedCore = spanTokens.enumerated().filter { used.contains($0.offset) }.allSatisfy {
            Self.weakQuestionWords.contains($0.element.lower)
        }
        let genericIdentifier = element.words.allSatisfy { Self.genericIdentifierWords.contains($0.text) || $0.weight < 0.5 }
        if unmatchedCore && !genericIdentifier {
            score *= element.words.count == 1 ? 0.8 : 0.6
        }
        // fillers make a span looser
        let fillerCount = spanTokens.count - used.count
        score -= Double(fillerCount) * 0.05
        return score
    }

    // MARK: - Values

    package func valueMentions(_ tokens: [QuestionToken]) -> [Mention] {
        let exact = index.values.exact
        let stems = index.values.stems
        let typoCandidates = index.values.typoCandidates
        var mentions: [Mention] = []
        for start in tokens.indices {
            let first = tokens[start]
            if first.kind == .punctuation { continue }
            var key = ""
            for end in (start + 1)...min(tokens.count, start + 10) {
                let token = tokens[end - 1]
                if token.kind == .quoted && end - 1 != start { break }
                key += Lexicon.compact(token.text)
                if token.kind == .punctuation { continue }
                let span = start..<end
                let single = end - start == 1
                // bare numbers are compared by the planner, not matched as stored text
                if single && first.kind == .number { continue }
                // unquoted single words must be real content words
                if single && first.kind == .word {
                    if Self.functionWords.contains(first.lower) && first.lower.count < 4 { continue }
                    if first.lower.count < 2 { continue }
                }
                if !single && (Self.functionWords.contains(tokens[end - 1].lower) && tokens[end - 1].lower.count < 3) { continue }
                var candidates: [Mention.Candidate] = []
                if let entries = exact[key] {
                    let score = first.kind == .quoted ? 1.0 : (single && first.kind == .number ? 0.7 : 0.95)
                    candidates += entries.map { Mention.Candidate(target: .value(table: $0.table, column: $0.column, value: $0.value), score: score) }
                }
                if single && first.kind == .word && candidates.isEmpty {
                    if let entries = stems[Lexicon.root(first.lower)], first.lower.count >= 3 {
                        candidates += entries.map {
                            Mention.Candidate(target: .value(table: $0.table, column: $0.column, value: $0.value), score: 0.85)
                        }
                    }
                    // "French" is a language where a column holds languages, not France
                    let language = Lexicon.valueClasses(namedIn: first.lower).contains("language") && hasLanguageColumn
                    for place in language ? [] : Lexicon.places(forAdjective: first.lower) {
                        if let entries = exact[Lexicon.compact(place)] {
                            candidates += entries.map {
                                Mention.Candidate(target: .value(table: $0.table, column: $0.column, value: $0.value), score: 0.85)
                            }
                            break
                        }
                    }
                }
                if single && first.kind == .quoted && candidates.isEmpty {
                    // a quoted literal with different spacing or a typo
                    for valueKey in typoCandidates(key) where valueKey.count >= 4 && key.count >= 4 {
                        let entries = exact[valueKey]!
                        if Lexicon.editDistance(valueKey, key, limit: 1) <= 1 {
                            candidates += entries.map {
                                Mention.Candidate(target: .value(table: $0.table, column: $0.column, value: $0.value), score: 0.8)
                            }
                        }
                    }
                }
                if !single && candidates.isEmpty && key.count >= 8 {
                    // multi-word value with a typo
                    if let matchKey = typoCandidates(key).first(where: { $0.count >= 8 && Lexicon.editDistance($0, key, limit: 1) <= 1 }),
                        let match = exact[matchKey]
                    {
                        candidates += match.map { Mention.Candidate(target: .value(table: $0.table, column: $0.column, value: $0.value), score: 0.8) }
                    }
                }
                // the words of a value in another order ("failed delivery" for `delivery_failed`)
                if !single && candidates.isEmpty && (2...4).contains(span.count) && tokens[span].allSatisfy({ $0.kind == .word }),
                    let entries = index.values.bags[ValueLookup.bagKey(tokens[span].map(\.lower))]
                {
                    candidates += entries.map { Mention.Candidate(target: .value(table: $0.table, column: $0.column, value: $0.value), score: 0.8) }
                }
                if single && first.kind == .word && candidates.isEmpty && first.lower.count >= 6 {
                    for valueKey in typoCandidates(key) where valueKey.count >= 6 && !valueKey.contains(where: \.isNumber) {
                        let entries = exact[valueKey]!
                        if Lexicon.editDistance(valueKey, key, limit: 1) <= 1 {
                            candidates += entries.map {
                                Mention.Candidate(target: .value(table: $0.table, column: $0.column, value: $0.value), score: 0.75)
                            }
                        }
                    }
                }
                if !candidates.isEmpty {
                    mentions.append(Mention(range: span, candidates: candidates.sorted(by: Mention.Candidate.precedes)))
                }
            }
        }
        return mentions
    }

    // MARK: - Choosing

    /// Picks non-overlapping mentions: longer and better spans first; values win ties over
    /// schema words unless the word names a column or table much better.
    package func choose(_ mentions: [Mention], tokens: [QuestionToken]) -> [Mention] {
        func priority(_ mention: Mention) -> Double {
            let length = Double(mention.range.count)
            var value = mention.score * (1 + 0.35 * (length - 1))
            if mention.isValue {
                if tokens[mention.range.lowerBound].kind == .quoted { value += 1 }
                value += 0.05
            }
            return value
        }
        let ordered = mentions.sorted { lhs, rhs in
            let (a, b) = (priority(lhs), priority(rhs))
            if a != b { return a > b }
            if lhs.range.count != rhs.range.count { return lhs.range.count > rhs.range.count }
            if lhs.range.lowerBound != rhs.range.lowerBound { return lhs.range.lowerBound < rhs.range.lowerBound }
            return (lhs.best?.target.sortKey ?? "") < (rhs.best?.target.sortKey ?? "")
        }
        var taken = Set<Int>()
        var chosen: [Mention] = []
        for mention in ordered where mention.score >= 0.4 {
            if mention.range.contains(where: { taken.contains($0) }) { continue }
            // keep the other readings of the same span as alternatives
            var merged = mention
            for other in mentions where other.range == mention.range && other != mention {
                merged.candidates.append(contentsOf: other.candidates)
            }
            merged.candidates.sort(by: Mention.Candidate.precedes)
            chosen.append(merged)
            taken.formUnion(mention.range)
        }
        return chosen.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
