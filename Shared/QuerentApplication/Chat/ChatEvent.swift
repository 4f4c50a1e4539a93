import Foundation
import QuerentCore

/// One Server-Sent Event of a chat answer: `sql`, `rows`, `token`, `done` or `error`.
public struct ChatEvent: Sendable, Hashable {
    public var name: String
    /// The event's JSON payload.
    public var data: JSONValue

    public init(name: String, data: JSONValue) {
        self.name = name
        self.data = data
    }
}
