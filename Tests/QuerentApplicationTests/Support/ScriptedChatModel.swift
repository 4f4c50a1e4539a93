import QuerentCore
import Synchronization

/// A chat model that answers from a script, in order, and records what it was asked; a
/// scripted error is thrown instead of replying.
final class ScriptedChatModel: ChatModel {
    enum Reply: Sendable {
        case text(String)
        case failure(ServiceError)
    }

    let model = "scripted"
    private let state: Mutex<(replies: [Reply], asked: [[ChatMessage]])>

    init(_ replies: [Reply]) {
        state = Mutex((replies, []))
    }

    /// The messages of every request, in order.
    var asked: [[ChatMessage]] { state.withLock { $0.asked } }

    func complete(_ messages: [ChatMessage], temperature: Double, maxTokens: Int) async throws -> String {
        let reply: Reply? = state.withLock { state in
            state.asked.append(messages)
            return state.replies.isEmpty ? nil : state.replies.removeFirst()
        }
        switch reply {
        case .text(let text)?: return text
        case .failure(let error)?: throw error
        case nil: throw ServiceError(.unavailable, "the script has no more replies")
        }
    }

    func stream(_ messages: [ChatMessage], temperature: Double, maxTokens: Int) -> AsyncThrowingStream<String, any Error> {
        AsyncThrowingStream { continuation in
            Task {
                do {
                    continuation.yield(try await self.complete(messages, temperature: temperature, maxTokens: maxTokens))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
        }
    }
}
