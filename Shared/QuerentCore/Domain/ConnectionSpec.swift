import Foundation

/// How to reach a customer's database. This is the secret part of a source: it is stored
/// only encrypted and never logged or returned.
///
/// A client sends either a string (`postgres://…` URL, `key=value` conninfo, or a SQLite
/// file path) or an object with discrete fields.
public struct ConnectionSpec: Codable, Sendable, Hashable {
    /// The whole connection as one string: a `postgres://` URL, a libpq conninfo, or a SQLite file path.
    public var url: String?
    /// The server host name or address.
    public var host: String?
    /// The server port (Postgres defaults to 5432).
    public var port: Int?
    /// The database name.
    public var database: String?
    /// The user to log in as.
    public var user: String?
    /// The password; a secret, removed from every message by ``redact(_:)``.
    public var password: String?
    /// The libpq `sslmode` (`disable`, `require`, `verify-full`, …).
    public var sslmode: String?
    /// SQLite: the database file.
    public var path: String?

    /// A connection from discrete fields, or from `url` alone.
    public init(
        url: String? = nil,
        host: String? = nil,
        port: Int? = nil,
        database: String? = nil,
        user: String? = nil,
        password: String? = nil,
        sslmode: String? = nil,
        path: String? = nil
    ) {
        self.url = url
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.sslmode = sslmode
        self.path = path
    }

    /// Decodes either a bare string (taken as ``url``) or an object with the discrete fields.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            self.init(url: text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            url: try container.decodeIfPresent(String.self, forKey: .url),
            host: try container.decodeIfPresent(String.self, forKey: .host),
            port: try container.decodeIfPresent(Int.self, forKey: .port),
            database: try container.decodeIfPresent(String.self, forKey: .database),
            user: try container.decodeIfPresent(String.self, forKey: .user),
            password: try container.decodeIfPresent(String.self, forKey: .password),
            sslmode: try container.decodeIfPresent(String.self, forKey: .sslmode),
            path: try container.decodeIfPresent(String.self, forKey: .path)
        )
    }

    enum CodingKeys: String, CodingKey {
        case url, host, port, database, user, password, sslmode, path
    }

    /// Every secret this spec holds, so error messages can be scrubbed of them.
    public var secrets: [String] {
        var values: [String] = []
        if let password, !password.isEmpty { values.append(password) }
        if let url { values += ConnectionSpec.passwords(in: url) }
        return values
    }

    /// Removes every secret of this spec from `text` (driver messages can echo a conninfo).
    public func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "********") }
    }

    /// Passwords embedded in a URL (`scheme://user:pw@host`) or conninfo (`password=pw`).
    static func passwords(in text: String) -> [String] {
        var found: [String] = []
        if let schemeEnd = text.range(of: "://") {
            let rest = text[schemeEnd.upperBound...]
            if let at = rest.lastIndex(of: "@") {
                let userInfo = rest[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    let password = String(userInfo[userInfo.index(after: colon)...])
                    if !password.isEmpty {
                        found.append(password)
                        if let decoded = password.removingPercentEncoding, decoded != password { found.append(decoded) }
                    }
                }
            }
            if let query = rest.firstIndex(of: "?") {
                for pair in rest[rest.index(after: query)...].split(separator: "&") where pair.hasPrefix("password=") {
                    found.append(String(pair.dropFirst("password=".count)))
                }
            }
        } else {
            found += conninfoPasswords(text)
        }
        return found
    }

    /// The `password` values of a libpq conninfo string: `key = value` pairs separated by
    /// whitespace, values optionally single-quoted with `\'` and `\\` escapes.
    static func conninfoPasswords(_ text: String) -> [String] {
        var found: [String] = []
        let characters = Array(text)
        var index = 0
        func skipSpaces() { while index < characters.count, characters[index].isWhitespace { index += 1 } }
        while index < characters.count {
            skipSpaces()
            var key = ""
            while index < characters.count, characters[index] != "=", !characters[index].isWhitespace {
                key.append(characters[index])
                index += 1
            }
            skipSpaces()
            guard index < characters.count, characters[index] == "=" else { break }
            index += 1
            skipSpaces()
            var value = ""
            if index < characters.count, characters[index] == "'" {
                index += 1
                while index < characters.count, characters[index] != "'" {
                    if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                    value.append(characters[index])
                    index += 1
                }
                index += 1
            } else {
                while index < characters.count, !characters[index].isWhitespace {
                    if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                    value.append(characters[index])
                    index += 1
                }
            }
            if key == "password", !value.isEmpty { found.append(value) }
        }
        return found
    }
}
