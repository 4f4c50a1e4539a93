import Foundation

/// A complete HTTP response.
public struct HTTPClientResponse: Sendable {
    public var status: Int
    public var body: Data
}
