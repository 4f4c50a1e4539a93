import Foundation
import QuerentCore
import QuerentDialects

/// Which functions a customer statement may call, per dialect.
///
/// Scalar functions are denied by name (a denylist: built-ins and common extensions that write,
/// sleep or lock, reach files, the network or other sessions, run SQL given as text, consume
/// transaction or sequence state, or read the catalog). Functions used as tables (`FROM f(…)`)
/// are allowed by name (an allowlist): on Postgres only pure set-returning built-ins, on SQLite
/// none, because SQLite's table-valued functions are virtual tables (`pragma_*`, `dbstat`,
/// `json_each`) that the execution guard refuses. The lists are the dialect's
/// ``DialectRules/SafetyRules``.
enum SQLFunctionPolicy {
    /// Why `name` may not be called, or nil when it may. Matching ignores ASCII case.
    static func denial(_ name: String, dialect: Dialect) -> String? {
        dialect.rules.safety.functionDenial(name)?.rawValue
    }

    /// Whether `name` may be used as a table (`FROM name(…)`).
    static func isAllowedAsTable(_ name: String, dialect: Dialect) -> Bool {
        dialect.rules.safety.isTableFunction(name)
    }

    /// Functions whose arguments, when literal numbers this large, make a statement allocate
    /// much memory or run long (reported as a warning).
    static let heavyFunctions: Set<String> = ["generate_series", "repeat", "lpad", "rpad", "randomblob", "zeroblob", "printf"]
    static let heavyArgument: Double = 10_000_000
}
