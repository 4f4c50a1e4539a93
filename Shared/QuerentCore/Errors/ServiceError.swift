import Foundation

/// The error every Querent module throws across a port boundary.
///
/// It carries a stable ``Code`` (mapped to an HTTP status at the edge), a message that is
/// safe to show a client, and optionally the underlying error for logs. ``description`` never
/// contains SQL, credentials or payloads; ``debugDescription`` adds the underlying error.
public struct ServiceError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// A stable, extensible error code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The wire form of the code, e.g. `not_found`.
        public let rawValue: String
        /// A code with the wire form `rawValue`; define new codes as `static let` members.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        /// The wire form.
        public var description: String { rawValue }

        /// The request was malformed (JSON, parameters, identifiers).
        public static let badRequest = Code("bad_request")
        /// Missing or invalid credentials for the Querent API itself.
        public static let unauthorized = Code("unauthorized")
        /// The caller is known but may not do this (a local-only action asked from elsewhere).
        public static let forbidden = Code("forbidden")
        /// The resource does not exist, or belongs to another tenant.
        public static let notFound = Code("not_found")
        /// The resource already exists.
        public static let conflict = Code("conflict")
        /// The customer's database could not be reached or refused the credentials.
        public static let connectionFailed = Code("connection_failed")
        /// The customer's database answered with an error.
        public static let databaseError = Code("database_error")
        /// A query was refused by the safety gate.
        public static let unsafeQuery = Code("unsafe_query")
        /// A query ran past its time limit.
        public static let timeout = Code("timeout")
        /// The request is well-formed but its content cannot be used as it stands: it names a
        /// table or column that is not there, repeats itself, or asks what the resource's state
        /// does not allow.
        public static let unprocessable = Code("unprocessable_content")
        /// The request names a generator this server does not have configured (an LLM one without an LLM).
        public static let generatorUnavailable = Code("generator_unavailable")
        /// A dependency of Querent (metadata store, queue) is unavailable.
        public static let unavailable = Code("unavailable")
        /// Anything else; the message is generic.
        public static let internalError = Code("internal_error")
    }

    /// What went wrong, as a stable code (mapped to the HTTP status at the edge).
    public var code: Code
    /// A message safe to show to API clients.
    public var message: String
    /// The error that caused this one, for logs only.
    public var underlying: (any Error)?
    /// The file that threw the error (`#fileID`), for logs.
    public var file: String
    /// The line that threw the error, for logs.
    public var line: Int

    /// An error with a code and a client-safe message; the throwing site is recorded.
    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.underlying = underlying
        self.file = file
        self.line = line
    }

    /// `code: message`, safe to show a client.
    public var description: String { "\(code): \(message)" }

    /// The description plus the throwing site and the underlying error, for logs only.
    public var debugDescription: String {
        var text = "ServiceError(\(code), \(message), at: \(file):\(line)"
        if let underlying { text += ", underlying: \(String(reflecting: underlying))" }
        return text + ")"
    }
}

extension ServiceError: Equatable {
    /// Two errors are equal when their codes are equal.
    public static func == (lhs: ServiceError, rhs: ServiceError) -> Bool { lhs.code == rhs.code }
}
