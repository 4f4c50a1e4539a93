import Foundation

/// One message of a chat-completion conversation.
public struct ChatMessage: Codable, Sendable, Hashable {
    public enum Role: String, Codable, Sendable {
        case system
        case user
        case assistant
    }

    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }
}

/// A chat-completion model. Adapter: an OpenAI-compatible `/v1/chat/completions` endpoint.
public protocol ChatModel: Sendable {
    /// The model name sent with each request.
    var model: String { get }
    /// The whole reply to `messages`.
    func complete(_ messages: [ChatMessage], temperature: Double, maxTokens: Int) async throws -> String
    /// The reply as it is generated, piece by piece.
    func stream(_ messages: [ChatMessage], temperature: Double, maxTokens: Int) -> AsyncThrowingStream<String, any Error>
}
