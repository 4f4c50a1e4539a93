import Foundation
import QuerentCore
import QuerentDialects

/// The execution-time guard for a customer statement on SQLite, behind the safety gate.
///
/// Two checks, both while the statement compiles (nothing has run yet):
/// - an authorizer policy (``authorize(_:)``): only SELECT, recursive CTEs, functions that
///   the dialect's function denylist (``QuerentCore/DialectRules/SafetyRules/functionDenial(_:)``) allows, and reads of allowed tables
///   in the main database; never the `sqlite_*` catalog, PRAGMA (the `pragma_*` functions ask for
///   it), ATTACH, writes, schema or transaction changes;
/// - the tables the compiled program opens (``checkOpenedTables(_:connection:)``): the authorizer
///   does not report every read (`NATURAL JOIN` and `JOIN … USING` compare columns it never
///   hears of), so every `OpenRead` of `EXPLAIN <statement>` must target a root page of an allowed
///   table or index; virtual tables and writes are refused.
///
/// An allowed view may read tables that are not allowed. Inside a view's expansion the
/// authorizer accepts exactly the (table, column) reads the allowed views make, and a base
/// table's pages may be opened only when the authorizer saw that table read through a view in
/// the same statement.
///
/// One guard serves one execution on one thread: it records what the authorizer saw.
final class SQLiteReadGuard {
    /// Allowed table and view names, ASCII-lowercased; nil when any table may be read.
    private let allowed: Set<String>?
    /// The reads that the allowed views' expansions make, each with the view doing it.
    private let viewReads: Set<ViewRead>
    /// Root pages of the allowed tables and their indexes.
    private let allowedRootPages: Set<Int64>
    /// Root pages that allowed views read (base tables and their indexes).
    private let viewRootPages: Set<Int64>
    /// Base tables (folded names) the authorizer saw read through an allowed view so far.
    private var readThroughViews: Set<String> = []
    /// The table owning each root page (an index's page belongs to its table).
    private let pageOwners: [Int64: String]

    /// A read inside a view's expansion: all names folded.
    private struct ViewRead: Hashable {
        var view: String
        var table: String
        var column: String
    }

    /// Reads the schema of `connection` (before any authorizer is installed) to resolve
    /// `allowedTables` (names matched ignoring ASCII case, as SQLite does) to root pages.
    init(connection: SQLiteConnection, allowedTables: Set<String>?) throws {
        guard let allowedTables else {
            (allowed, viewReads, allowedRootPages, viewRootPages, pageOwners) = (nil, [], [], [], [:])
            return
        }
        let allowed = Set(allowedTables.map(Self.folded))
        var owners: [Int64: String] = [1: "sqlite_master"]
        var pages: Set<Int64> = []
        var views: [String] = []
        for row in try connection.query("SELECT type, name, tbl_name, rootpage FROM sqlite_master") {
            let owner = row.string("tbl_name") ?? ""
            if let root = row.int("rootpage"), root > 0 {
                owners[root] = owner
                if allowed.contains(Self.folded(owner)) { pages.insert(root) }
            }
            if row.string("type") == "view", let name = row.string("name"), allowed.contains(Self.folded(name)) { views.append(name) }
        }
        var reads: Set<ViewRead> = []
        var viewPages: Set<Int64> = []
        for view in views {
            var seen: [SQLiteConnection.Access] = []
            try connection.setAuthorizer { access in
                seen.append(access)
                return nil
            }
            defer { try? connection.setAuthorizer(nil) }
            let quoted = "\"" + view.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for operation in try Self.program("SELECT * FROM \(quoted)", connection)
            where operation.opcode == "OpenRead" || operation.opcode == "ReopenIdx" {
                viewPages.insert(operation.p2)
            }
            for case .read(let table, let column, _, let view?) in seen {
                reads.insert(ViewRead(view: Self.folded(view), table: Self.folded(table), column: Self.folded(column)))
            }
        }
        (self.allowed, viewReads, allowedRootPages, viewRootPages, pageOwners) = (allowed, reads, pages, viewPages, owners)
    }

    /// The authorizer policy: nil to allow `access`, or why it is denied.
    func authorize(_ access: SQLiteConnection.Access) -> String? {
        switch access {
        case .select, .recursive:
            return nil
        case .function(let name):
            return Dialect.sqlite.rules.safety.functionDenial(name).map { "the function \(name) is not allowed: \($0.rawValue)" }
        case .read(let table, let column, let database, let view):
            if let database, database != "main" {
                return "table '\(database).\(table)' is outside the main database, which is not allowed"
            }
            let folded = Self.folded(table)
            if folded.hasPrefix("sqlite_") {
                return "table '\(table)' is part of the SQLite catalog, which is not allowed: it describes untrained tables"
            }
            guard let allowed, !allowed.contains(folded) else { return nil }
            // Inside an allowed view (or a view it uses): exactly the reads the view makes.
            if let view, viewReads.contains(ViewRead(view: Self.folded(view), table: folded, column: Self.folded(column))) {
                readThroughViews.insert(folded)
                return nil
            }
            // A read of no column (`count(*)` over a flattened view) of a table a view was just seen reading.
            if column.isEmpty, readThroughViews.contains(folded) { return nil }
            return "table '\(table)' is not one of the trained tables this query may read"
        case .modify(_, let table) where ["sqlite_master", "sqlite_temp_master"].contains(Self.folded(table)):
            return "virtual tables such as pragma_*, json_each and dbstat are not supported"
        case .modify(let kind, let table):
            return "\(kind) of '\(table)' is not allowed: only read-only SELECT statements may run"
        case .other(let action):
            return "\(action) is not allowed: only read-only SELECT statements may run"
        }
    }

    /// Compiles `EXPLAIN sql` (under the installed authorizer) and refuses the statement when its
    /// program opens a table outside the allowed ones, writes, or opens a virtual table. Does
    /// nothing when every table is allowed.
    /// - Throws: ``QuerentCore/ServiceError`` `.unsafeQuery`, or ``SQLiteError`` when it does not compile.
    func checkOpenedTables(_ sql: String, connection: SQLiteConnection) throws {
        guard allowed != nil else { return }
        for operation in try Self.program(sql, connection) {
            switch operation.opcode {
            case "OpenRead", "ReopenIdx":
                guard operation.p3 == 0 else {
                    throw ServiceError(.unsafeQuery, "the statement reads a table outside the main database, which is not allowed")
                }
                let owner = pageOwners[operation.p2] ?? "at page \(operation.p2)"
                let throughView = viewRootPages.contains(operation.p2) && readThroughViews.contains(Self.folded(owner))
                guard allowedRootPages.contains(operation.p2) || throughView else {
                    throw ServiceError(
                        .unsafeQuery,
                        "the statement reads table '\(owner)', which is not one of the trained tables this query may read"
                    )
                }
            case "OpenWrite":
                throw ServiceError(.unsafeQuery, "the statement writes to a table: only read-only SELECT statements may run")
            case "VOpen":
                throw ServiceError(.unsafeQuery, "the statement opens a virtual table, which is not supported")
            default:
                break
            }
        }
    }

    private struct Operation {
        var opcode: String
        var p2: Int64
        var p3: Int64
    }

    /// The bytecode of `sql`, from `EXPLAIN` (columns addr, opcode, p1, p2, p3, …).
    private static func program(_ sql: String, _ connection: SQLiteConnection) throws -> [Operation] {
        try connection.withStatement("EXPLAIN " + sql) { statement in
            var operations: [Operation] = []
            while try connection.step(statement) {
                operations.append(
                    Operation(
                        opcode: connection.text(statement, column: 1) ?? "",
                        p2: Int64(connection.text(statement, column: 3) ?? "") ?? 0,
                        p3: Int64(connection.text(statement, column: 4) ?? "") ?? 0
                    )
                )
            }
            return operations
        }
    }

    /// `name` with ASCII letters lower-cased: SQLite's case-insensitive name comparison.
    private static func folded(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }
}
