import Foundation
import QuerentCore

/// Turns a ``QuerentCore/ConnectionSpec`` into libpq keyword/value pairs.
enum PostgresConnectionParameters {
    /// The pairs for `spec`. Querent's defaults come first, so a URL or conninfo may override
    /// them; `extra` (session options such as read-only) comes last and always wins.
    ///
    /// - Parameter connectTimeout: seconds libpq waits for the server to answer the connection.
    /// - Throws: ``QuerentCore/ServiceError`` `.badRequest` when the spec names no database.
    static func make(_ spec: ConnectionSpec, connectTimeout: Int = 10, extra: [(String, String)] = []) throws -> [(String, String)] {
        var pairs: [(String, String)] = [("connect_timeout", String(max(1, connectTimeout))), ("application_name", "querent")]
        if let url = spec.url?.trimmingCharacters(in: .whitespacesAndNewlines), !url.isEmpty {
            pairs.append(("dbname", url))
        } else if spec.host != nil || spec.database != nil {
            if let host = spec.host { pairs.append(("host", host)) }
            if let port = spec.port { pairs.append(("port", String(port))) }
            if let database = spec.database { pairs.append(("dbname", database)) }
            if let user = spec.user { pairs.append(("user", user)) }
            if let password = spec.password { pairs.append(("password", password)) }
        } else {
            throw ServiceError(.badRequest, "a Postgres connection needs a URL, a conninfo string, or host and database")
        }
        if let sslmode = spec.sslmode { pairs.append(("sslmode", sslmode)) }
        return pairs + extra
    }

    /// Session settings for every connection: UTC, ISO dates.
    static let sessionDefaults = "-c TimeZone=UTC -c DateStyle=ISO,MDY -c IntervalStyle=iso_8601"

    /// A display form without the password: `postgres://user@host:port/db`.
    static func summary(_ spec: ConnectionSpec) -> String {
        if let url = spec.url {
            if url.contains("://") { return redactURL(url) }
            // conninfo: drop the password pair (values may be quoted and hold spaces; `key = value` is legal).
            guard let pairs = conninfoPairs(url) else { return "(unparsable connection string)" }
            return pairs.filter { $0.key != "password" }.map(\.text).joined(separator: " ")
        }
        var text = "postgres://"
        if let user = spec.user { text += user + "@" }
        text += spec.host ?? "localhost"
        if let port = spec.port { text += ":\(port)" }
        text += "/" + (spec.database ?? "")
        if let sslmode = spec.sslmode { text += "?sslmode=\(sslmode)" }
        return text
    }

    /// The `key=value` pairs of a libpq conninfo string, each with its normalized text
    /// (`key=value`, the value as written, quotes included); nil when the string is malformed.
    static func conninfoPairs(_ text: String) -> [(key: String, text: String)]? {
        var pairs: [(key: String, text: String)] = []
        var characters = Array(text)[...]
        func skipSpaces() { while let first = characters.first, first.isWhitespace { characters.removeFirst() } }
        while true {
            skipSpaces()
            guard !characters.isEmpty else { return pairs }
            var key = ""
            while let first = characters.first, first != "=", !first.isWhitespace { key.append(characters.removeFirst()) }
            skipSpaces()
            guard !key.isEmpty, characters.first == "=" else { return nil }
            characters.removeFirst()
            skipSpaces()
            var value = ""
            if characters.first == "'" {
                value.append(characters.removeFirst())
                var closed = false
                while let character = characters.popFirst() {
                    value.append(character)
                    if character == "\\", let escaped = characters.popFirst() {
                        value.append(escaped)
                    } else if character == "'" {
                        closed = true
                        break
                    }
                }
                guard closed else { return nil }
            } else {
                while let first = characters.first, !first.isWhitespace {
                    value.append(characters.removeFirst())
                    if first == "\\", let escaped = characters.popFirst() { value.append(escaped) }
                }
            }
            pairs.append((key, key + "=" + value))
        }
    }

    private static func redactURL(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        var rest = String(url[scheme.upperBound...])
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            let user = userInfo.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            rest = user + rest[at...]
        }
        if let query = rest.firstIndex(of: "?") {
            let kept = rest[rest.index(after: query)...].split(separator: "&").filter { !$0.hasPrefix("password=") }
            rest = String(rest[..<query]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        }
        return String(url[..<scheme.upperBound]) + rest
    }
}
