import Foundation
import Hummingbird
import QuerentCore

extension AppRequestContext {
    /// The `:sourceId` path parameter.
    public func sourceId() throws -> String {
        try pathParameter("sourceId")
    }

    /// The `:tableName` path parameter, percent-decoded (Unicode and quoted names arrive encoded).
    public func tableName() throws -> String {
        try pathParameter("tableName")
    }

    private func pathParameter(_ name: String) throws -> String {
        guard let raw = parameters.get(name) else { throw ServiceError(.badRequest, "missing path parameter \(name)") }
        guard let value = raw.removingPercentEncoding, !value.isEmpty else {
            throw ServiceError(.badRequest, "malformed path parameter \(name)")
        }
        return value
    }
}

extension Hummingbird.Parameters {
    /// A boolean query flag: absent → false; `true` or `false` as written.
    /// - Throws: ``QuerentCore/ServiceError`` `.badRequest` for any other value.
    public func flag(_ name: String) throws -> Bool {
        guard let value = get(name) else { return false }
        // Exactly the OpenAPI boolean's two spellings.
        switch value {
        case "true": return true
        case "false": return false
        default: throw ServiceError(.badRequest, "query parameter \(name) must be true or false")
        }
    }
}
