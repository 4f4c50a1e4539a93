import Foundation

/// The SQL dialect of a customer's database.
public enum Dialect: String, Codable, Sendable, Hashable, CaseIterable {
    case postgres
    case sqlite
    /// MySQL or MariaDB (one dialect: the driver speaks to both).
    case mysql
}
