import Foundation
import QuerentCore

/// The retrieved tables seen the way the linker needs them: identifier words with weights,
/// column kinds, known values (value profile and sample rows), and the join graph built from
/// declared foreign keys plus same-named key columns.
package struct SchemaIndex: Sendable {
    /// One identifier word and how much it counts when matching.
    package struct Word: Sendable, Hashable {
        package var text: String
        package var weight: Double
    }

    /// What a column holds, as far as comparisons and aggregates care.
    package enum ValueKind: Sendable, Hashable {
        case number
        case text
        case date
        case boolean
    }

    /// A column of an indexed table.
    package struct Column: Sendable {
        package var name: String
        package var words: [Word]
        package var kind: ValueKind
        package var isPrimaryKey: Bool
        package var isForeignKey: Bool
        package var nullable: Bool
        /// Distinct values known from training (complete when `valuesComplete`).
        package var values: [String]
        package var valuesComplete: Bool
        /// Sample values from the sample rows.
        package var samples: [String]
        /// Integer sample values, as text (flags stored as 0/1).
        package var numericSamples: [String]
        package var declaredType: String
    }

    /// An indexed table.
    package struct Table: Sendable {
        package var name: String
        package var schemaName: String?
        package var baseName: String
        package var words: [Word]
        package var columns: [Column]
        package var primaryKey: [Int]
        package var rowEstimate: Int64?
    }

    /// A join between two tables: `from.fromColumns = to.toColumns`.
    package struct Edge: Sendable, Hashable {
        package var from: Int
        package var fromColumns: [Int]
        package var to: Int
        package var toColumns: [Int]
        /// Declared by a foreign key (true) or inferred from matching column names.
        package var declared: Bool

        /// The same join seen from the other side.
        package var reversed: Edge { Edge(from: to, fromColumns: toColumns, to: from, toColumns: fromColumns, declared: declared) }
    }

    package var tables: [Table]
    package var edges: [Edge]
    /// The known values of every column, for the value linker.
    package var values: ValueLookup

    /// Builds the index of `tables` (the retrieved schemas, most relevant first).
    package init(tables retrieved: [RetrievedTable]) {
        var tables: [Table] = []
        var seen = Set<String>()
        for item in retrieved where !seen.contains(item.schema.tableName) {
            seen.insert(item.schema.tableName)
            tables.append(SchemaIndex.makeTable(item))
        }
        self.tables = tables
        self.edges = SchemaIndex.makeEdges(retrieved.map(\.schema), tables)
        self.values = ValueLookup(tables: [])
        splitCompounds()
        self.values = ValueLookup(tables: self.tables)
    }

    /// The index of `tables`, reused while the same tables are retrieved again (the usual case:
    /// a source's questions keep meeting the same few trained tables).
    package static func cached(_ tables: [RetrievedTable]) -> SchemaIndex {
        // the index does not depend on the similarity scores, which differ for every question
        let key = tables.map { table in
            var table = table
            table.score = 0
            return table
        }
        return built.value(for: key) { SchemaIndex(tables: key) }
    }

    private static let built = Memo<[RetrievedTable], SchemaIndex>(capacity: 64)

    /// Whether `token` names the event a column records ("created" for `created_at`, "hired"
    /// for `hire_date`), the generic date words of its name aside.
    package func namesEvent(_ token: QuestionToken, table: Int, column: Int) -> Bool {
        let generic: Set<String> = ["date", "time", "at", "on", "day", "timestamp", "dt", "ts"]
        let words = tables[table].columns[column].words.map(\.text).filter { !generic.contains($0) }
        return token.kind == .word && words.contains { Lexicon.similarity(identifier: $0, question: token.lower) >= 0.85 }
    }

    /// The date columns of `table` a verb names ("shipped" → `shipped_at`, "created" →
    /// `created_at`), in column order.
    package func dateColumns(of table: Int, namedBy verb: String) -> [Int] {
        tables[table].columns.indices.filter { column in
            tables[table].columns[column].kind == .date
                && tables[table].columns[column].words.contains { Lexicon.similarity(identifier: $0.text, question: verb) >= 0.9 }
        }
    }

    /// The first date column of `tables` a participle names ("placed" → `placed_at`).
    package func dateColumn(namedBy token: QuestionToken, in tables: [Int]) -> (Int, Int)? {
        guard token.isParticiple else { return nil }
        return tables.lazy.compactMap { table in self.dateColumns(of: table, namedBy: token.lower).first.map { (table, $0) } }.first
    }

    /// Whether a column records a plan rather than an event (`promised_date`, `due_on`,
    /// `expected_at`): a year or period the question places rows in means such a column only
    /// when a word names it.
    package func isPlannedDate(table: Int, column: Int) -> Bool {
        let planned = QuestionEnglish.standard.words("planned_date_words")
        return tables[table].columns[column].words.contains { planned.contains($0.text) }
    }

    /// The column of a table's primary key when the key is that one column.
    package func singleKey(of table: Int) -> Int? {
        let keys = tables[table].columns.indices.filter { tables[table].columns[$0].isPrimaryKey }
        return keys.count == 1 ? keys[0] : nil
    }

    /// The index of a column by name (case-insensitive).
    package func columnIndex(_ table: Int, named name: String) -> Int? {
        let columns = tables[table].columns
        return columns.firstIndex { $0.name == name } ?? columns.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    /// The edges leaving `table` (both directions of every join).
    package func neighbours(of table: Int) -> [Edge] {
        edges.filter { $0.from == table } + edges.filter { $0.to == table }.map(\.reversed)
    }

    /// The column that names a row of `table`: a column called like the table, a `name` or
    /// `title` column, any column ending in "name", else the first text column, else the key.
    package func labelColumn(of table: Int) -> Int {
        let info = tables[table]
        let tableWords = Set(info.words.map { Lexicon.root($0.text) })
        func words(_ column: Column) -> [String] { column.words.map { Lexicon.root($0.text) } }
        if let index = info.columns.firstIndex(where: { $0.kind == .text && !$0.isForeignKey && words($0) == ["name"] }) { return index }
        if let index = info.columns.firstIndex(where: {
            let w = words($0)
            return $0.kind == .text && w.last == "name" && w.dropLast().allSatisfy { tableWords.contains($0) }
        }) {
            return index
        }
        let meaningfulTableWords = Set(
            info.words.filter { $0.weight >= 0.5 && !SchemaLinker.genericIdentifierWords.contains($0.text) }.map { Lexicon.root($0.text) }
        )
        if let index = info.columns.firstIndex(where: {
            $0.kind == .text && !$0.isPrimaryKey && !$0.isForeignKey && !words($0).isEmpty
                && (Set(words($0)) == tableWords || Set(words($0)) == meaningfulTableWords)
        }) {
            return index
        }
        if let index = info.columns.firstIndex(where: {
            $0.kind == .text && !$0.isForeignKey && ($0.words.last.map { Lexicon.root($0.text) } == "name")
        }) {
            return index
        }
        if let index = info.columns.firstIndex(where: { $0.kind == .text && words($0) == ["title"] }) { return index }
        // no name: the key identifies a row best
        if info.primaryKey.count == 1 { return info.primaryKey[0] }
        if let index = info.columns.firstIndex(where: {
            $0.kind == .text && !$0.isForeignKey && !$0.valuesComplete
                && !$0.samples.contains(where: { $0.count >= 8 && $0.prefix(4).allSatisfy(\.isNumber) && $0.dropFirst(4).first == "-" })
        }) {
            return index
        }
        if let index = info.columns.firstIndex(where: { Lexicon.root($0.name).hasSuffix("id") }) { return index }
        return info.primaryKey.first ?? 0
    }

    /// Whether `table` has a text column that names its rows (not just a key).
    package func hasNameLabel(_ table: Int) -> Bool {
        let label = labelColumn(of: table)
        return tables[table].columns[label].kind == .text && !tables[table].columns[label].isPrimaryKey
    }

    /// The column of `table` that refers to another row of the same table (`parent_id`,
    /// `manager_id`), when there is one such join.
    package func selfReference(of table: Int) -> Int? {
        let own = edges.filter { $0.from == table && $0.to == table && $0.fromColumns.count == 1 && $0.fromColumns != $0.toColumns }
        return own.count == 1 ? own[0].fromColumns[0] : nil
    }

    /// A person's first and last name columns (`first_name`/`last_name`, `givenName`/`surname`,
    /// `customer_first_name`); names of another person the row mentions (`owner_first_name` of
    /// a shop) do not count.
    package func nameColumns(of table: Int) -> (first: Int, last: Int)? {
        let columns = tables[table].columns
        let own = Set(tables[table].words.map { Lexicon.root($0.text) })
        func find(_ words: Set<String>) -> Int? {
            columns.firstIndex { column in
                let roots = column.words.map { Lexicon.root($0.text) }
                let qualifiers = roots.dropLast().filter { !words.contains($0) && !own.contains($0) }
                return column.kind == .text && roots.last == "name" && roots.dropLast().contains(where: { words.contains($0) }) && qualifiers.isEmpty
                    || (column.kind == .text && roots.count == 1 && words.contains(where: { roots[0] == $0 + "name" }))
            }
        }
        guard let first = find(["first", "given", "f", "fore"]), let last = find(["last", "family", "sur", "l"]), first != last else { return nil }
        return (first, last)
    }

    /// The key used to count or group rows of `table`: its single-column primary key, or the label.
    package func keyColumn(of table: Int) -> Int {
        let key = tables[table].primaryKey
        if key.count == 1 { return key[0] }
        if let index = tables[table].columns.firstIndex(where: { Lexicon.root($0.name) == "id" }) { return index }
        return key.first ?? labelColumn(of: table)
    }

    // MARK: - Building

    /// Prefixes that schema authors put in front of table names without meaning much.
    package static let weakTablePrefixes: Set<String> = [
        "ref", "tbl", "tb", "lkp", "lookup", "dim", "fact", "t", "vw", "v", "stg", "raw", "app", "sys",
    ]

    package static func makeTable(_ item: RetrievedTable) -> Table {
        let schema = item.schema
        let baseName = schema.tableName.split(separator: ".").last.map(String.init) ?? schema.tableName
        var tableWords = identifierWords(baseName).map { Word(text: $0, weight: 1) }
        if tableWords.count > 1, let first = tableWords.first, weakTablePrefixes.contains(first.text) { tableWords[0].weight = 0.15 }
        let tableRoots = Set(tableWords.filter { $0.weight >= 1 }.map { Lexicon.root($0.text) })
        let fkColumns = Set(schema.relationships.flatMap(\.columns) + schema.columns.filter { $0.foreignKey != nil }.map(\.name))
        var columns: [Column] = []
        for column in schema.columns {
            var words = identifierWords(column.name).map { Word(text: $0, weight: 1) }
            if words.count > 1 {
                for index in words.indices where tableRoots.contains(Lexicon.root(words[index].text)) {
                    words[index].weight = 0.45
                }
            }
            for index in words.indices where words[index].text.count == 1 && words.count > 1 { words[index].weight = 0.4 }
            // a yes/no flag's verb prefix (`is_remote`, `has_premium`) says little
            if words.count > 1, ["is", "has", "can", "was", "allow", "allows"].contains(words[0].text) { words[0].weight = 0.15 }
            let samples = (schema.sampleData ?? []).compactMap { row -> String? in
                guard let value = row[column.name] else { return nil }
                if case .string(let text) = value { return text }
                return nil
            }
            let numericSamples = (schema.sampleData ?? []).compactMap { row -> String? in
                guard let value = row[column.name] else { return nil }
                switch value {
                case .int(let number): return String(number)
                case .bool(let flag): return flag ? "1" : "0"
                default: return nil
                }
            }
            let profile = schema.valueProfile?[column.name]
            let kind = valueKind(column.type, samples: (schema.sampleData ?? []).compactMap { $0[column.name] })
            columns.append(
                Column(
                    name: column.name,
                    words: words,
                    kind: kind,
                    isPrimaryKey: column.primaryKey,
                    isForeignKey: fkColumns.contains(column.name),
                    nullable: column.nullable,
                    values: profile ?? [],
                    valuesComplete: profile != nil,
                    samples: samples,
                    numericSamples: numericSamples,
                    declaredType: column.type
                )
            )
        }
        let primaryKey = columns.indices.filter { columns[$0].isPrimaryKey }
        return Table(
            name: schema.tableName,
            schemaName: schema.schemaName,
            baseName: baseName,
            words: tableWords,
            columns: columns,
            primaryKey: primaryKey,
            rowEstimate: schema.rowEstimate
        )
    }

    /// The words of an identifier, with glued key suffixes split off: `StuID` → stu, id;
    /// `pettype` → pet, type; `FlightNo` → flight, no.
    package static func identifierWords(_ identifier: String) -> [String] {
        var result: [String] = []
        for word in BusinessContextGenerator.words(in: identifier) where !word.isEmpty {
            var rest = word
            var tail: [String] = []
            var changed = true
            while changed {
                changed = false
                for suffix in ["id", "ids", "name", "type", "code", "no", "num", "date", "year", "count", "number"]
                where rest.count > suffix.count && rest.hasSuffix(suffix) && rest.allSatisfy(\.isLetter) {
                    let head = String(rest.dropLast(suffix.count))
                    guard plausibleHead(head, suffix: suffix, word: rest) else { continue }
                    tail.insert(suffix, at: 0)
                    rest = head
                    changed = true
                    break
                }
            }
            result.append(rest)
            result.append(contentsOf: tail)
        }
        return result
    }

    /// Whether `word` really is `head` + a glued key suffix, not an English word ending like one.
    package static func plausibleHead(_ head: String, suffix: String, word: String) -> Bool {
        if notGlued.contains(word) { return false }
        let vowelEnd = head.last.map { "aeiou".contains($0) } ?? false
        switch suffix {
        case "id", "ids": return head.count >= 3 || head.count == 1
        case "name": return true
        case "type": return !head.hasSuffix("o") && !head.hasSuffix("e")
        case "no", "num", "date", "count": return head.count >= 3 && !vowelEnd
        default: return head.count >= 2
        }
    }

    /// English words that end like a glued suffix but are one word.
    package static let notGlued: Set<String> = [
        "paid", "said", "grid", "acid", "fluid", "hybrid", "avid", "solid", "liquid", "humid", "rapid", "vivid", "stupid",
        "timid", "lucid", "valid", "invalid", "void", "raid", "maid", "braid", "squid", "candid", "splendid", "rigid",
        "horrid", "morbid", "orchid", "pyramid", "android", "mandate", "update", "discount", "account", "viscount",
        "surname", "nickname", "rename", "barcode", "encode", "decode", "unicode",
    ]

    /// Splits glued words (`countrylanguage`, `highschooler`) into words used elsewhere in the schema.
    package mutating func splitCompounds() {
        var vocabulary = Set<String>()
        for table in tables {
            for word in table.words where word.text.count >= 3 { vocabulary.insert(word.text) }
            for column in table.columns {
                for word in column.words where word.text.count >= 3 { vocabulary.insert(word.text) }
            }
        }
        func split(_ word: String) -> [String]? {
            guard word.count >= 7 else { return nil }
            let characters = Array(word)
            for cut in 3...(characters.count - 3) {
                let head = String(characters[..<cut])
                let tail = String(characters[cut...])
                if vocabulary.contains(head) && (vocabulary.contains(tail) || vocabulary.contains(Lexicon.stem(tail))) { return [head, tail] }
            }
            return nil
        }
        for t in tables.indices {
            var words: [Word] = []
            for word in tables[t].words {
                if let parts = split(word.text) {
                    words.append(contentsOf: parts.map { Word(text: $0, weight: word.weight) })
                } else {
                    words.append(word)
                }
            }
            tables[t].words = words
        }
    }

    package static func valueKind(_ declared: String, samples: [JSONValue]) -> ValueKind {
        let type = declared.lowercased()
        if type.contains("bool") { return .boolean }
        if type.contains("date") || type.contains("time") { return .date }
        if ["int", "real", "float", "double", "num", "dec", "money", "serial"].contains(where: { type.contains($0) }) { return .number }
        let present = samples.filter { $0 != .null }
        // dates kept as text (SQLite has no date type): every sample an ISO date or timestamp
        if !present.isEmpty, type.isEmpty || type.contains("char") || type.contains("text") || type.contains("clob"),
            present.allSatisfy({ if case .string(let text) = $0 { return isISODate(text) } else { return false } })
        {
            return .date
        }
        if type.isEmpty {
            let typed = present
            if !typed.isEmpty
                && typed.allSatisfy({
                    if case .int = $0 { return true }
                    if case .double = $0 { return true }
                    return false
                })
            {
                return .number
            }
        }
        return .text
    }

    /// `YYYY-MM-DD`, optionally followed by a time.
    /// The truth a stored yes/no value spells (`t`, `yes`, `1` → true; `f`, `no`, `0` → false),
    /// nil for any other text.
    package static func truth(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "t", "true", "y", "yes", "1": return true
        case "f", "false", "n", "no", "0": return false
        default: return nil
        }
    }

    static func isISODate(_ text: String) -> Bool {
        let scalars = Array(text.utf8.prefix(10))
        guard scalars.count == 10, scalars[4] == UInt8(ascii: "-"), scalars[7] == UInt8(ascii: "-") else { return false }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { scalars[$0] >= UInt8(ascii: "0") && scalars[$0] <= UInt8(ascii: "9") }
        return digits && (text.utf8.count == 10 || [UInt8(ascii: " "), UInt8(ascii: "T")].contains(Array(text.utf8)[10]))
    }

    package static func makeEdges(_ schemas: [TableSchema], _ tables: [Table]) -> [Edge] {
        var edges: [Edge] = []
        func index(_ name: String) -> Int? {
            tables.firstIndex { $0.name == name } ?? tables.firstIndex { $0.name.lowercased() == name.lowercased() }
                ?? tables.firstIndex { $0.baseName.lowercased() == name.lowercased() }
        }
        func columnIndex(_ table: Int, _ name: String) -> Int? {
            tables[table].columns.firstIndex { $0.name.lowercased() == name.lowercased() }
        }
        for schema in schemas {
            guard let from = index(schema.tableName) else { continue }
            var relationships = schema.relationships
            for column in schema.columns {
                if let key = column.foreignKey, !relationships.contains(where: { $0.columns == [column.name] }) {
                    relationships.append(
                        Relationship(
                            name: nil,
                            columns: [column.name],
                            referencesTable: key.referencesTable,
                            referencesColumns: [key.referencesColumn]
                        )
                    )
                }
            }
            for relationship in relationships {
                guard let to = index(relationship.referencesTable) else { continue }
                let fromColumns = relationship.columns.compactMap { columnIndex(from, $0) }
                let toColumns = relationship.referencesColumns.compactMap { columnIndex(to, $0) }
                guard fromColumns.count == relationship.columns.count, toColumns.count == fromColumns.count, !fromColumns.isEmpty else { continue }
                let edge = Edge(from: from, fromColumns: fromColumns, to: to, toColumns: toColumns, declared: true)
                if !edges.contains(edge) { edges.append(edge) }
            }
        }
        // Inferred joins: a key column whose name matches another table's key column, when no
        // declared foreign key connects the two tables.
        for a in tables.indices {
            for b in tables.indices where a != b {
                if edges.contains(where: { ($0.from == a && $0.to == b) || ($0.from == b && $0.to == a) }) { continue }
                guard tables[b].primaryKey.count == 1 else { continue }
                let key = tables[b].primaryKey[0]
                let keyName = tables[b].columns[key].name.lowercased()
                let keyWords = tables[b].columns[key].words.map(\.text)
                guard keyWords.last.map({ ["id", "code", "key", "no", "number"].contains($0) }) == true || keyWords.count > 1 else { continue }
                // the key's full name ("customer_id") or table + key ("id" in customers → customer_id)
                let tableStem = Lexicon.stem(tables[b].baseName.lowercased())
                let candidates: Set<String> = [keyName, tableStem + "_" + keyName, tableStem + keyName]
                let keyKind = tables[b].columns[key].kind
                if let column = tables[a].columns.firstIndex(where: {
                    (candidates.contains($0.name.lowercased())
                        // a column named after the table it points to: flights.airline → airlines.uid
                        || ($0.name.lowercased() == tableStem && $0.kind == keyKind && !($0.isPrimaryKey && tables[a].primaryKey.count == 1)))
                        && !($0.isPrimaryKey && tables[a].primaryKey.count == 1 && keyName == "id")
                }) {
                    if tables[a].columns[column].name.lowercased() == keyName && keyName == "id" { continue }
                    edges.append(Edge(from: a, fromColumns: [column], to: b, toColumns: [key], declared: false))
                }
            }
        }
        return edges
    }
}
