import Foundation

/// One message of a chat-completion conversation.
public struct ChatMessage: Codable, Sendable, Hashable {
    /// Who wrote a message.
    public enum Role: String, Codable, Sendable {
        /// Instructions to the model.
        case system
        /// The user's turn: the question with its schema context, or feedback on an answer.
        case user
        /// The model's turn: an earlier reply, given back with feedback.
        case assistant
    }

    /// Who wrote the message.
    public var role: Role
    /// The message text.
    public var content: String

    /// A message of `role` with `content`.
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
    /// - Parameters:
    ///   - temperature: sampling temperature (0 for SQL: the most likely answer).
    ///   - maxTokens: the longest reply the model may write.
    /// - Throws: ``ServiceError`` `.unavailable` when the endpoint cannot be reached, times out,
    ///   answers with an error status or malformed JSON, or returns no content.
    func complete(_ messages: [ChatMessage], temperature: Double, maxTokens: Int) async throws -> String
    /// The reply as it is generated, piece by piece; the pieces concatenated are the whole reply.
    /// The stream ends after the last piece, or throws ``ServiceError`` `.unavailable` for the
    /// same failures as ``complete(_:temperature:maxTokens:)``. Cancelling the consumer stops the request.
    func stream(_ messages: [ChatMessage], temperature: Double, maxTokens: Int) -> AsyncThrowingStream<String, any Error>
}
