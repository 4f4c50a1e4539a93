import Foundation
import QuerentCore

extension DialectRules {
    /// Words generated SQL always quotes when they are used as identifiers: the reserved words of
    /// the SQL standard, Postgres, SQLite, MySQL and MariaDB together.
    public static let reservedWords: Set<String> = [
        "abort", "action", "add", "after", "all", "alter", "always", "analyze", "and", "any", "array", "as", "asc",
        "asymmetric", "attach", "autoincrement", "before", "begin", "between", "both", "by", "cascade", "case", "cast",
        "check", "collate", "column", "commit", "conflict", "constraint", "create", "cross", "current",
        "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
        "database", "default", "deferrable", "deferred", "delete", "desc", "detach", "distinct", "do", "drop", "each",
        "else", "end", "escape", "except", "exclude", "exclusive", "exists", "explain", "fail", "false", "fetch",
        "filter", "first", "following", "for", "foreign", "from", "full", "generated", "glob", "grant", "group",
        "groups", "having", "if", "ignore", "ilike", "immediate", "in", "index", "indexed", "initially", "inner",
        "insert", "instead", "intersect", "into", "is", "isnull", "join", "key", "last", "lateral", "leading", "left",
        "like", "limit", "localtime", "localtimestamp", "match", "materialized", "natural", "no", "not", "nothing",
        "notnull", "null", "nulls", "of", "offset", "on", "only", "or", "order", "others", "outer", "over", "overlaps",
        "partition", "placing", "plan", "pragma", "preceding", "primary", "query", "raise", "range", "recursive",
        "references", "regexp", "reindex", "release", "rename", "replace", "restrict", "returning", "right",
        "rollback", "row", "rows", "savepoint", "select", "session_user", "set", "similar", "some", "symmetric",
        "table", "temp", "temporary", "then", "ties", "to", "trailing", "transaction", "trigger", "true", "unbounded",
        "union", "unique", "update", "user", "using", "vacuum", "values", "variadic", "verbose", "view", "virtual",
        "when", "where", "window", "with", "without",
        // reserved in MySQL and MariaDB
        "accessible", "asensitive", "bigint", "binary", "blob", "call", "change", "char", "character", "condition", "continue",
        "convert", "cube", "cume_dist", "cursor", "databases", "day_hour", "day_microsecond", "day_minute", "day_second", "dec",
        "decimal", "declare", "delayed", "dense_rank", "describe", "deterministic", "distinctrow", "div", "double", "dual", "elseif",
        "empty", "enclosed", "escaped", "exit", "first_value", "float", "float4", "float8", "force", "fulltext", "function", "get",
        "grouping", "high_priority", "hour_microsecond", "hour_minute", "hour_second", "infile", "inout", "insensitive", "int", "int1",
        "int2", "int3", "int4", "int8", "integer", "interval", "iterate", "json_table", "keys", "kill", "lag", "last_value", "lead",
        "leave", "linear", "lines", "load", "lock", "long", "longblob", "longtext", "loop", "low_priority", "maxvalue", "mediumblob",
        "mediumint", "mediumtext", "middleint", "minute_microsecond", "minute_second", "mod", "modifies", "no_write_to_binlog",
        "nth_value", "ntile", "numeric", "optimize", "option", "optionally", "out", "outfile", "percent_rank", "precision",
        "procedure", "purge", "rank", "read", "reads", "real", "repeat", "require", "resignal", "return", "revoke", "rlike",
        "row_number", "schema", "schemas", "second_microsecond", "sensitive", "separator", "show", "signal", "smallint", "spatial",
        "specific", "sql", "sqlexception", "sqlstate", "sqlwarning", "ssl", "starting", "stored", "straight_join", "system",
        "terminated", "tinyblob", "tinyint", "tinytext", "undo", "unlock", "unsigned", "usage", "use", "utc_date", "utc_time",
        "utc_timestamp", "varbinary", "varchar", "varcharacter", "varying", "while", "write", "xor", "year_month", "zerofill",
    ]

    /// `name` in a table reference: `schema.table` with each part quoted when needed; a
    /// canonical `schema.table` name without a recorded schema is split where the dialect
    /// qualifies canonical names.
    public func tableReference(name: String, schemaName: String?) -> String {
        if let schema = schemaName, !schema.isEmpty, name.hasPrefix(schema + ".") {
            return quoting.identifier(schema) + "." + quoting.identifier(String(name.dropFirst(schema.count + 1)))
        }
        if schemaName == nil, names.qualifiesCanonicalNames, let dot = name.firstIndex(of: "."), !name[name.index(after: dot)...].contains(".") {
            return quoting.identifier(String(name[..<dot])) + "." + quoting.identifier(String(name[name.index(after: dot)...]))
        }
        return quoting.identifier(name)
    }

    /// A string literal, quotes doubled.
    public static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A number literal: integers without a decimal point.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

extension DialectRules.IdentifierQuoting {
    /// `name` bare when it has the dialect's plain shape and is not a reserved word, quoted otherwise.
    public func identifier(_ name: String) -> String {
        isPlain(name) && !DialectRules.reservedWords.contains(name.lowercased()) ? name : quoted(name)
    }
}
