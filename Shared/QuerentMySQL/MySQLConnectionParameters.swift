import Foundation
import QuerentCore

/// Where and how to connect to a MySQL or MariaDB server, from a ``QuerentCore/ConnectionSpec``
/// in any of its three forms: a URL (`mysql://user:password@host:3306/shop?ssl-mode=required`,
/// also `mariadb://`), a key=value string (`host=db port=3306 user=app password=… dbname=shop
/// sslmode=require`), or the object fields (`host`, `port`, `database`, `user`, `password`, `sslmode`).
public struct MySQLConnectionParameters: Sendable, Hashable {
    /// TLS requirements, in the names of both libpq (`disable`, `prefer`, `require`, `verify-ca`,
    /// `verify-full`) and MySQL (`DISABLED`, `PREFERRED`, `REQUIRED`, `VERIFY_CA`, `VERIFY_IDENTITY`).
    public enum TLSMode: Sendable, Hashable {
        case disable, prefer, require, verify

        init(_ text: String) throws {
            switch text.lowercased().replacingOccurrences(of: "_", with: "-") {
            case "disable", "disabled": self = .disable
            case "prefer", "preferred", "allow": self = .prefer
            case "require", "required": self = .require
            case "verify-ca", "verify-full", "verify-identity": self = .verify
            default:
                throw ServiceError(.unprocessable, "unknown TLS mode '\(text)': use disable, prefer, require, verify-ca or verify-full")
            }
        }
    }

    /// `localhost` is read as 127.0.0.1: Querent connects over TCP, never a local socket.
    public var host = "127.0.0.1"
    public var port = 3306
    public var user = ""
    public var password: String?
    public var database = ""
    public var tls = TLSMode.prefer
    /// A CA certificate file for `verify-*`.
    public var sslCA: String?
    /// Seconds the client waits for the server to answer a connection.
    public var connectTimeout = 5

    /// The parameters of `spec`.
    /// - Throws: ``QuerentCore/ServiceError`` `.unprocessable` (422) when it is malformed or names
    ///   no database: a well-formed request whose connection details cannot be used.
    public init(_ spec: ConnectionSpec, connectTimeout: Int = 5) throws {
        self.connectTimeout = connectTimeout
        if let url = spec.url?.trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty {
            if url.contains("://") { try readURL(url) } else { try readPairs(url) }
        } else if spec.host != nil || spec.database != nil {
            if let host = spec.host { self.host = host }
            if let port = spec.port { self.port = port }
            database = spec.database ?? ""
            user = spec.user ?? ""
            password = spec.password
        } else {
            throw ServiceError(
                .badRequest,
                "a MySQL connection needs a URL (mysql://user:password@host:3306/database), key=value pairs, or host and database"
            )
        }
        if let sslmode = spec.sslmode { tls = try TLSMode(sslmode) }
        guard !database.isEmpty else { throw ServiceError(.unprocessable, "a MySQL connection must name its database") }
        if host.lowercased() == "localhost" { host = "127.0.0.1" }
        guard (1...65_535).contains(port) else { throw ServiceError(.unprocessable, "port must be 1 to 65535") }
        for value in [host, user, database, password ?? "", sslCA ?? ""] where value.contains("\0") {
            throw ServiceError(.unprocessable, "connection details may not contain NUL characters")
        }
    }

    private mutating func readURL(_ text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            ["mysql", "mariadb", "mysqlx"].contains(scheme)
        else {
            throw ServiceError(.unprocessable, "a MySQL URL starts with mysql:// or mariadb://")
        }
        if let host = components.host, !host.isEmpty { self.host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }
        if let port = components.port { self.port = port }
        user = components.user?.removingPercentEncoding ?? components.user ?? ""
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        database = String(components.path.drop { $0 == "/" }).removingPercentEncoding ?? ""
        for item in components.queryItems ?? [] {
            guard let value = item.value else { continue }
            try apply(key: item.name, value: value)
        }
    }

    private mutating func readPairs(_ text: String) throws {
        for token in text.split(whereSeparator: \.isWhitespace) {
            let parts = token.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ServiceError(.unprocessable, "a MySQL connection string is key=value pairs separated by spaces, or a mysql:// URL")
            }
            let value = parts[1].count >= 2 && parts[1].hasPrefix("'") && parts[1].hasSuffix("'") ? String(parts[1].dropFirst().dropLast()) : parts[1]
            try apply(key: parts[0], value: value)
        }
    }

    private mutating func apply(key: String, value: String) throws {
        switch key.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "host": host = value
        case "port":
            guard let number = Int(value) else { throw ServiceError(.unprocessable, "port must be a number") }
            port = number
        case "user", "username": user = value
        case "password": password = value
        case "dbname", "database", "db": database = value
        case "sslmode", "ssl-mode": tls = try TLSMode(value)
        case "ssl-ca", "sslrootcert": sslCA = value
        case "connect-timeout":
            guard let seconds = Int(value), seconds > 0 else { throw ServiceError(.unprocessable, "connect-timeout must be a positive number") }
            connectTimeout = min(seconds, 60)
        default:
            throw ServiceError(.unprocessable, "unknown MySQL connection setting '\(key)'")
        }
    }

    /// A display form without the password: `mysql://user@host:port/database`.
    public var summary: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        var text = "mysql://" + (user.isEmpty ? "" : user + "@") + "\(shownHost):\(port)/\(database)"
        switch tls {
        case .disable: text += "?sslmode=disable"
        case .require: text += "?sslmode=require"
        case .verify: text += "?sslmode=verify-full"
        case .prefer: break
        }
        return text
    }
}
