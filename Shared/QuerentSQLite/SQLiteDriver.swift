import Foundation
import QuerentCore
import QuerentIO

/// The ``QuerentCore/DatabaseDriver`` for a customer's SQLite file, always opened read-only.
///
/// Table names are the names in `sqlite_master` of the main database, matched exactly
/// (quoted, mixed-case and Unicode names included).
public final class SQLiteDriver: DatabaseDriver {
    public let dialect = Dialect.sqlite
    private let pool: ConnectionPool<SQLiteConnection>
    private let counter: RoundTripCounter

    /// Opens `path` read-only.
    /// - Throws: ``QuerentCore/ServiceError`` `.connectionFailed` when the file is missing or not a database.
    public static func open(path: String) async throws -> SQLiteDriver {
        guard !path.isEmpty else { throw ServiceError(.badRequest, "a SQLite connection needs a file path") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ServiceError(.connectionFailed, "SQLite file not found: \(path)")
        }
        guard !isDirectory.boolValue else { throw ServiceError(.connectionFailed, "SQLite path is a directory: \(path)") }
        let driver = SQLiteDriver(path: path)
        do {
            _ = try await driver.pool.withConnection { _ in true }
        } catch let error as SQLiteError {
            throw ServiceError(.connectionFailed, "cannot open SQLite file: \(error.message)", underlying: error)
        }
        return driver
    }

    private init(path: String) {
        let counter = RoundTripCounter()
        self.counter = counter
        pool = ConnectionPool(maxConnections: 2) {
            let connection = try SQLiteConnection(path: path, mode: .readOnly, roundTrips: counter)
            try connection.exec("PRAGMA query_only = ON")
            return connection
        }
    }

    public func close() async {
        await pool.close()
    }

    /// Statements prepared or executed on any of this driver's connections, opening included.
    public var roundTrips: Int { counter.value }

    // MARK: - Catalog

    public func listTables() async throws -> [TableSummary] {
        try await run { connection in
            try connection.query(
                "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
            ).compactMap { row -> TableSummary? in
                guard let name = row.string("name") else { return nil }
                let kind: TableKind = row.string("type") == "view" ? .view : .table
                let rows = kind == .table ? try? SQLiteDriver.rowCount(name, connection) : nil
                return TableSummary(name: name, schema: nil, kind: kind, rowEstimate: rows)
            }
        }
    }

    public func tableExists(_ table: String) async throws -> Bool {
        try await run { connection in try SQLiteDriver.kind(of: table, connection) != nil }
    }

    public func introspect(table: String, sourceId: String) async throws -> TableSchema {
        try await run { connection in
            guard let kind = try SQLiteDriver.kind(of: table, connection) else {
                throw ServiceError(.notFound, "table '\(table)' does not exist")
            }
            let literal = SQLiteIdentifier.literal(table)
            var columns: [ColumnSchema] = []
            for row in try connection.query("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(\(literal)) ORDER BY cid") {
                guard let name = row.string("name") else { continue }
                let pk = row.int("pk") ?? 0
                columns.append(
                    ColumnSchema(
                        name: name,
                        type: row.string("type") ?? "",
                        nullable: !row.bool("notnull") && pk == 0,
                        primaryKey: pk > 0,
                        defaultValue: row.string("dflt_value")
                    )
                )
            }

            // Foreign keys: one row per column, grouped by id, ordered by seq.
            var grouped: [Int64: (table: String, pairs: [(Int64, String, String?)])] = [:]
            for row in try connection.query("SELECT id, seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(\(literal))") {
                let id = row.int("id") ?? 0
                var entry = grouped[id] ?? (row.string("table") ?? "", [])
                entry.pairs.append((row.int("seq") ?? 0, row.string("from") ?? "", row.string("to")))
                grouped[id] = entry
            }
            var relationships: [Relationship] = []
            // SQLite numbers foreign keys from the last declared; reverse for declaration order.
            for id in grouped.keys.sorted(by: >) {
                let entry = grouped[id]!
                let pairs = entry.pairs.sorted { $0.0 < $1.0 }
                let target = try SQLiteDriver.canonicalName(entry.table, connection)
                // A missing "to" means the target's primary key.
                var targetColumns = pairs.map { $0.2 }
                if targetColumns.contains(where: { $0 == nil }) {
                    let key = try SQLiteDriver.primaryKey(of: target, connection)
                    targetColumns = key.count == pairs.count ? key : targetColumns.map { $0 ?? "rowid" }
                }
                relationships.append(
                    Relationship(name: nil, columns: pairs.map(\.1), referencesTable: target, referencesColumns: targetColumns.map { $0 ?? "rowid" })
                )
            }
            for relationship in relationships where relationship.columns.count == 1 {
                if let index = columns.firstIndex(where: { $0.name == relationship.columns[0] }), columns[index].foreignKey == nil {
                    columns[index].foreignKey = ForeignKeyReference(
                        referencesTable: relationship.referencesTable,
                        referencesColumn: relationship.referencesColumns[0]
                    )
                }
            }

            var indexes: [IndexSchema] = []
            var uniques: [UniqueConstraint] = []
            for row in try connection.query("SELECT name, \"unique\", origin FROM pragma_index_list(\(literal)) ORDER BY name") {
                guard let name = row.string("name") else { continue }
                let indexColumns = try connection.query(
                    "SELECT name FROM pragma_index_info(\(SQLiteIdentifier.literal(name))) ORDER BY seqno"
                ).map { $0.string("name") ?? "<expression>" }
                let definition = try connection.query(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1",
                    [.text(name)]
                ).first?.string("sql")
                let origin = row.string("origin")
                indexes.append(
                    IndexSchema(name: name, columns: indexColumns, unique: row.bool("unique"), primary: origin == "pk", definition: definition)
                )
                if origin == "u" { uniques.append(UniqueConstraint(name: name, columns: indexColumns)) }
            }

            let sample = try SQLiteDriver.sample(table, limit: 3, connection)
            let rowCount = kind == .table ? try SQLiteDriver.rowCount(table, connection) : nil
            return TableSchema(
                sourceId: sourceId,
                tableName: table,
                schemaName: nil,
                kind: kind,
                columns: columns,
                relationships: relationships,
                indexes: indexes,
                uniqueConstraints: uniques,
                description: nil,
                rowEstimate: rowCount,
                sampleData: sample
            )
        }
    }

    public func sampleRows(table: String, limit: Int) async throws -> [[String: JSONValue]] {
        try await run { connection in
            guard try SQLiteDriver.kind(of: table, connection) != nil else {
                throw ServiceError(.notFound, "table '\(table)' does not exist")
            }
            return try SQLiteDriver.sample(table, limit: limit, connection)
        }
    }

    // MARK: - Execution

    /// Runs one read-only statement under `limits`.
    ///
    /// The statement compiles under an authorizer and a check of the tables its program opens
    /// (``SQLiteReadGuard``): only SELECT, only tables in ``QuerentCore/QueryLimits/allowedTables``
    /// when set (matched ignoring ASCII case), never the catalog, PRAGMA, ATTACH or denylisted
    /// functions. A refusal is ``QuerentCore/ServiceError`` `.unsafeQuery`. `estimateRows` is
    /// ignored: SQLite's planner gives no row estimate.
    public func execute(_ sql: String, limits: QueryLimits, estimateRows: Bool) async throws -> QueryRows {
        try await run { connection in
            let started = ContinuousClock.now
            try connection.setDeadline(started + .milliseconds(limits.timeoutMilliseconds))
            defer { try? connection.setDeadline(nil) }
            let readGuard = try SQLiteReadGuard(connection: connection, allowedTables: limits.allowedTables)
            try connection.setAuthorizer(readGuard.authorize)
            defer { try? connection.setAuthorizer(nil) }
            do {
                try readGuard.checkOpenedTables(sql, connection: connection)
                return try connection.withStatement(sql) { statement in
                    guard statement.isReadOnly else { throw ServiceError(.unsafeQuery, "only read-only statements may run") }
                    let columns = (0..<statement.columnCount).map(statement.columnName)
                    var rows: [[JSONValue]] = []
                    var truncated = false
                    while try connection.step(statement) {
                        if rows.count == limits.maxRows {
                            truncated = true
                            break
                        }
                        rows.append((0..<columns.count).map { connection.value(statement, column: $0) })
                    }
                    let elapsed = ContinuousClock.now - started
                    return QueryRows(columns: columns, rows: rows, truncated: truncated, executionTimeMs: elapsed.milliseconds)
                }
            } catch let error as SQLiteError where connection.authorizerDenial != nil {
                // SQLite reports a denial as a plain error ("not authorized"); the guard knows why.
                throw ServiceError(.unsafeQuery, connection.authorizerDenial ?? error.message, underlying: error)
            } catch let error as SQLiteError where SQLiteConnection.isInterrupt(error) {
                throw ServiceError(.timeout, "query ran longer than \(limits.timeoutMilliseconds) ms and was cancelled", underlying: error)
            } catch let error as SQLiteError {
                throw ServiceError(.databaseError, error.message, underlying: error)
            }
        }
    }

    // MARK: - Helpers

    func run<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        do {
            return try await pool.withConnection(body)
        } catch let error as SQLiteError {
            throw ServiceError(.databaseError, error.message, underlying: error)
        }
    }

    static func kind(of table: String, _ connection: SQLiteConnection) throws -> TableKind? {
        let type = try connection.query(
            "SELECT type FROM sqlite_master WHERE type IN ('table', 'view') AND name = $1",
            [.text(table)]
        ).first?.string("type")
        switch type {
        case "table": return .table
        case "view": return .view
        default: return nil
        }
    }

    /// The exact stored name of `table` (SQLite matches names case-insensitively in FKs).
    static func canonicalName(_ table: String, _ connection: SQLiteConnection) throws -> String {
        try connection.query(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name = $1 COLLATE NOCASE",
            [.text(table)]
        ).first?.string("name") ?? table
    }

    static func primaryKey(of table: String, _ connection: SQLiteConnection) throws -> [String] {
        try connection.query("SELECT name FROM pragma_table_info(\(SQLiteIdentifier.literal(table))) WHERE pk > 0 ORDER BY pk")
            .compactMap { $0.string("name") }
    }

    static func rowCount(_ table: String, _ connection: SQLiteConnection) throws -> Int64? {
        try connection.query("SELECT count(*) AS n FROM \(SQLiteIdentifier.quote(table))").first?.int("n")
    }

    static func sample(_ table: String, limit: Int, _ connection: SQLiteConnection) throws -> [[String: JSONValue]] {
        try connection.withStatement("SELECT * FROM \(SQLiteIdentifier.quote(table)) LIMIT \(max(0, limit))") { statement in
            let columns = (0..<statement.columnCount).map(statement.columnName)
            var rows: [[String: JSONValue]] = []
            while try connection.step(statement) {
                var row: [String: JSONValue] = [:]
                for (index, name) in columns.enumerated() { row[name] = connection.value(statement, column: index) }
                rows.append(row)
            }
            return rows
        }
    }
}
