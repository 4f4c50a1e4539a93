import Foundation
import QuerentCore
import QuerentSchemaLinking
import QuerentSemantics

/// A lexical index over a source's trained tables, for retrieval at scale: BM25 over each
/// table's words (its name, its columns' names, its schema's name, its comments and
/// descriptions, its stored values), and the same over each *group* of related tables (one
/// schema, or schemas joined by foreign keys), with the joins declared and inferred
/// (``QuerentSemantics/JoinInference``) between tables.
///
/// Words are normalized like the built-in embedder's (``TextFeatures``). A name written as one
/// word (`countrylanguage`) also matches the index's other words inside it (`country`, `language`).
struct TableSearchIndex: Sendable {
    /// One table's share of a question's score.
    struct Match: Sendable {
        var score: Double
        /// Most of the score came from stored values rather than names.
        var fromValues: Bool
    }

    /// What a table holds that retrieval looks for beyond words.
    struct Roles: Sendable {
        /// A numeric money column summed per row (amount, total…).
        var holdsMoney: Bool
        /// Lines worth quantity × unit price, referring to a parent.
        var isLineTable: Bool
        /// A date or time column that places the rows in time.
        var hasDate: Bool
    }

    /// A join from `table` to `other` (either direction).
    struct Link: Sendable, Hashable {
        var other: Int
        var inferred: Bool
    }

    let names: [String]
    /// Each table's position, by canonical name.
    let positions: [String: Int]
    /// The group of each table.
    let groups: [Int]
    /// The schema names of each group, lower-cased.
    let groupSchemas: [Set<String>]
    /// The joins of each table.
    let links: [[Link]]
    /// The roles of each table.
    let roles: [Roles]

    private let bags: [[String: Double]]
    private let valueWords: [Set<String>]
    private let lengths: [Double]
    private let averageLength: Double
    private let frequency: [String: Int]
    private let groupBags: [[String: Double]]
    private let groupLengths: [Double]
    private let groupAverageLength: Double
    private let groupFrequency: [String: Int]
    /// Every term to the tables holding it.
    private let postings: [String: [Int]]
    /// Each one-word name of seven letters or more (`lifeexpectancy`) with the tables naming a
    /// table or column with it and the field's weight, for question words found only inside it.
    private let compoundNames: [(name: [UInt8], term: String, tables: [(table: Int, weight: Double)])]

    /// Field weights: a table's own name counts most, then its columns and comments, then its
    /// schema's name and its stored values.
    static let nameWeight = 3.0
    static let columnWeight = 1.5
    static let textWeight = 1.0
    static let schemaWeight = 1.0
    static let valueWeight = 1.0

    /// Question words that say how to answer, not what about ("return", "descending").
    static let instructionWords: Set<String> = [
        "return", "tell", "display", "provide", "please", "also", "both", "only", "than", "whose", "where", "when", "more", "less",
        "most", "least", "different", "distinct", "descending", "ascending", "alphabetical", "alphabetically", "sorted", "order",
        "ordered", "number", "name", "identifier", "amount", "average", "maximum", "minimum", "max", "min",
    ].reduce(into: Set<String>()) { $0.insert(TextFeatures.normalize($1)) }

    init(records: [TableSchemaRecord]) {
        let schemas = records.map(\.schema)
        let inferred = JoinInference.infer(schemas)
        names = records.map(\.tableName)
        roles = schemas.map {
            Roles(
                holdsMoney: SchemaRetriever.hasMoneyColumn($0),
                isLineTable: SchemaRetriever.isLineTable($0),
                hasDate: SchemaRetriever.hasDateColumn($0)
            )
        }
        let position = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        positions = position

        var bags: [[String: Double]] = []
        var valueWords: [Set<String>] = []
        for record in records {
            let schema = record.schema
            var bag: [String: Double] = [:]
            func add(_ text: String, _ weight: Double) {
                for term in TextFeatures.terms(text) { bag[term, default: 0] += weight }
            }
            add(schema.tableName.split(separator: ".").last.map(String.init) ?? schema.tableName, Self.nameWeight)
            for column in schema.columns {
                add(column.name, Self.columnWeight)
                if let description = column.description { add(description, Self.textWeight) }
            }
            if let name = schema.schemaName {
                for term in TextFeatures.terms(name) where !term.allSatisfy(\.isNumber) { bag[term, default: 0] += Self.schemaWeight }
            }
            for text in [schema.description, schema.businessDescription].compactMap({ $0 }) { add(text, Self.textWeight) }
            var values: Set<String> = []
            for value in (schema.valueProfile ?? [:]).values.joined() {
                for term in TextFeatures.terms(value) where term.count > 1 && !term.allSatisfy(\.isNumber) {
                    if values.insert(term).inserted { bag[term, default: 0] += Self.valueWeight }
                }
            }
            bags.append(bag)
            valueWords.append(values)
        }
        let nameFields = records.map { record in
            [(record.schema.tableName.split(separator: ".").last.map(String.init) ?? record.tableName, Self.nameWeight)]
                + record.schema.columns.map { ($0.name, Self.columnWeight) }
        }
        Self.splitCompounds(&bags, names: nameFields)
        var compounds: [String: [Int: Double]] = [:]
        for (table, fields) in nameFields.enumerated() {
            for (text, weight) in fields {
                for term in TextFeatures.terms(text) where term.count >= 7 && term.allSatisfy(\.isLetter) {
                    compounds[term, default: [:]][table] = max(compounds[term]?[table] ?? 0, weight)
                }
            }
        }
        compoundNames = compounds.keys.sorted().map { term in
            (Array(term.utf8), term, compounds[term]!.sorted { $0.key < $1.key }.map { (table: $0.key, weight: $0.value) })
        }

        // Links and groups (union-find over schemas and joins).
        var links = Array(repeating: [Link](), count: records.count)
        var parent = Array(records.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        func union(_ a: Int, _ b: Int) { parent[root(a)] = root(b) }
        var firstOfSchema: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            let schemaName = record.schema.schemaName ?? ""
            if let first = firstOfSchema[schemaName] { union(index, first) } else { firstOfSchema[schemaName] = index }
            let relationships = record.schema.relationships + (inferred[record.tableName] ?? [])
            for relationship in relationships {
                guard let other = position[relationship.referencesTable], other != index else { continue }
                let isInferred = relationship.inferred == true
                if !links[index].contains(where: { $0.other == other }) { links[index].append(Link(other: other, inferred: isInferred)) }
                if !links[other].contains(where: { $0.other == index }) { links[other].append(Link(other: index, inferred: isInferred)) }
                union(index, other)
            }
        }
        var groupOfRoot: [Int: Int] = [:]
        var groups: [Int] = []
        var groupSchemas: [Set<String>] = []
        var groupBags: [[String: Double]] = []
        for (index, record) in records.enumerated() {
            let key = root(index)
            let group = groupOfRoot[key] ?? groupSchemas.count
            if group == groupSchemas.count {
                groupOfRoot[key] = group
                groupSchemas.append([])
                groupBags.append([:])
            }
            groups.append(group)
            if let schemaName = record.schema.schemaName { groupSchemas[group].insert(schemaName.lowercased()) }
            // A group holds each word once, at the weight of its strongest field.
            for (term, weight) in bags[index] { groupBags[group][term] = max(groupBags[group][term] ?? 0, weight) }
        }

        self.bags = bags
        self.valueWords = valueWords
        self.links = links
        self.groups = groups
        self.groupSchemas = groupSchemas
        self.groupBags = groupBags
        lengths = bags.map { $0.values.reduce(0, +) }
        averageLength = max(1, lengths.reduce(0, +) / Double(max(1, bags.count)))
        frequency = Self.documentFrequency(bags)
        groupLengths = groupBags.map { $0.values.reduce(0, +) }
        groupAverageLength = max(1, groupLengths.reduce(0, +) / Double(max(1, groupBags.count)))
        groupFrequency = Self.documentFrequency(groupBags)
        var postings: [String: [Int]] = [:]
        for (index, bag) in bags.enumerated() {
            for term in bag.keys { postings[term, default: []].append(index) }
        }
        self.postings = postings
    }

    var groupCount: Int { groupSchemas.count }

    /// A question's terms as the index reads them.
    struct Lookup: Sendable {
        /// The terms that carry meaning, two neighbouring words joined when the index holds
        /// them as one (`high schoolers` → `highschooler`).
        var terms: [String]
        /// Per term the index holds only inside longer one-word names: the tables naming it so,
        /// at 0.6 of the name's weight (`expectancy` in `lifeexpectancy`).
        var inside: [String: [Int: Double]]
    }

    /// The question's terms that carry meaning for retrieval.
    static func terms(of question: String) -> [String] {
        var seen: Set<String> = []
        return TextFeatures.terms(question).filter { !instructionWords.contains($0) && seen.insert($0).inserted }
    }

    /// Reads `question` against the index's words: its terms, the class of a well-known value
    /// it names ("in Asia" → continent), neighbouring words the index holds joined, and the
    /// one-word names holding a term the tables lack as a word.
    func lookup(_ question: String) -> Lookup {
        var terms = Self.terms(of: question)
        for term in Lexicon.valueClasses(namedIn: question).map(TextFeatures.normalize) where !terms.contains(term) { terms.append(term) }
        for (first, second) in zip(terms, terms.dropFirst()) where postings[first + second] != nil && !terms.contains(first + second) {
            terms.append(first + second)
        }
        var inside: [String: [Int: Double]] = [:]
        for term in terms where term.count >= 4 && term.allSatisfy(\.isLetter) {
            let word = Array(term.utf8)
            for compound in compoundNames where compound.name.count > word.count && Self.contains(compound.name, word) {
                for (table, weight) in compound.tables where bags[table][term] == nil {
                    inside[term, default: [:]][table] = max(inside[term]?[table] ?? 0, 0.6 * weight)
                }
            }
        }
        return Lookup(terms: terms, inside: inside)
    }

    /// The BM25 score of every table holding at least one of the question's terms.
    func tableMatches(_ lookup: Lookup) -> [Int: Match] {
        var scores: [Int: (total: Double, values: Double)] = [:]
        for term in lookup.terms {
            let inside = lookup.inside[term] ?? [:]
            let tables = (postings[term] ?? []) + inside.keys.sorted()
            guard !tables.isEmpty else { continue }
            let idf = Self.idf(tables.count, count: bags.count)
            for table in tables {
                let weight = bags[table][term] ?? inside[table] ?? 0
                let score = idf * Self.saturated(weight, length: lengths[table], average: averageLength, b: 0.5)
                scores[table, default: (0, 0)].total += score
                if valueWords[table].contains(term) && weight <= Self.valueWeight { scores[table, default: (0, 0)].values += score }
            }
        }
        return scores.mapValues { Match(score: $0.total, fromValues: $0.values > $0.total / 2) }
    }

    /// The BM25 score of each group for the question's terms, the group's words pooled.
    func groupScore(_ group: Int, lookup: Lookup) -> Double {
        var score = 0.0
        for term in lookup.terms {
            var frequency = groupFrequency[term] ?? 0
            var weight = groupBags[group][term]
            if let inside = lookup.inside[term] {
                let groupsInside = Set(inside.keys.map { groups[$0] })
                frequency += groupsInside.count
                if weight == nil, groupsInside.contains(group) {
                    weight = inside.filter { groups[$0.key] == group }.values.max()
                }
            }
            guard let weight else { continue }
            let idf = Self.idf(frequency, count: groupBags.count)
            score += idf * Self.saturated(weight, length: groupLengths[group], average: groupAverageLength, b: 0.75)
        }
        return score
    }

    /// Whether `word` occurs in `text` (bytes).
    private static func contains(_ text: [UInt8], _ word: [UInt8]) -> Bool {
        guard let first = word.first, text.count >= word.count else { return false }
        var start = 0
        while start <= text.count - word.count {
            if text[start] == first {
                var offset = 1
                while offset < word.count && text[start + offset] == word[offset] { offset += 1 }
                if offset == word.count { return true }
            }
            start += 1
        }
        return false
    }

    /// The names the question gives as schemas, lower-cased: `the sales schema`, `schema
    /// sales`, `the sales database` or a qualified `sales.orders`; a schema name used as an
    /// ordinary word ("total sales") is not one. One pass over the question, whatever the
    /// number of schemas.
    static func schemaNames(namedIn question: String) -> Set<String> {
        let text = Array(question.lowercased())
        func isNamePart(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }
        // The question's names with what follows each: a space-separated word or a dot.
        var words: [(text: String, dotted: Bool)] = []
        var index = 0
        while index < text.count {
            guard isNamePart(text[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < text.count && isNamePart(text[end]) { end += 1 }
            let dotted = end + 1 < text.count && text[end] == "." && isNamePart(text[end + 1])
            words.append((String(text[index..<end]), dotted))
            index = end
        }
        var named: Set<String> = []
        let markers: Set<String> = ["schema", "database"]
        for (offset, word) in words.enumerated() {
            if word.dotted { named.insert(word.text) }
            if offset + 1 < words.count, markers.contains(words[offset + 1].text) { named.insert(word.text) }
            if offset > 0, markers.contains(words[offset - 1].text) { named.insert(word.text) }
        }
        return named
    }

    // MARK: - Scoring

    static func idf(_ frequency: Int, count: Int) -> Double {
        log(1 + (Double(count - frequency) + 0.5) / (Double(frequency) + 0.5))
    }

    static func saturated(_ weight: Double, length: Double, average: Double, b: Double) -> Double {
        let k1 = 1.2
        return weight * (k1 + 1) / (weight + k1 * (1 - b + b * length / average))
    }

    static func documentFrequency(_ bags: [[String: Double]]) -> [String: Int] {
        var frequency: [String: Int] = [:]
        for bag in bags {
            for term in bag.keys { frequency[term, default: 0] += 1 }
        }
        return frequency
    }

    /// Adds, to each table, the index's other words found inside its one-word names
    /// (`countrylanguage` → `country`, `language`), at 0.6 of the name's weight.
    private static func splitCompounds(_ bags: inout [[String: Double]], names: [[(String, Double)]]) {
        var vocabulary: Set<String> = []
        for bag in bags { vocabulary.formUnion(bag.keys) }
        let parts = vocabulary.filter { $0.count >= 4 && $0.allSatisfy(\.isLetter) }.sorted()
        var cache: [String: [String]] = [:]
        for (index, fields) in names.enumerated() {
            for (text, weight) in fields {
                for term in TextFeatures.terms(text) where term.count >= 7 {
                    let inside = cache[term] ?? parts.filter { $0 != term && term.contains($0) }
                    cache[term] = inside
                    for part in inside { bags[index][part, default: 0] += weight * 0.6 }
                }
            }
        }
    }
}
