import Foundation
import QuerentApplication
import QuerentCore
import QuerentHTTPClient

/// Chooses the embedder from the environment: an OpenAI-compatible endpoint when
/// `QUERENT_EMBEDDINGS_URL` is set (`QUERENT_EMBEDDINGS_MODEL`, `QUERENT_EMBEDDINGS_API_KEY`),
/// otherwise the built-in hashing embedder.
public enum EmbedderFactory {
    public static func make(environment: [String: String]) async throws -> any Embedder {
        guard let url = environment["QUERENT_EMBEDDINGS_URL"], !url.isEmpty else { return HashingEmbedder() }
        return try await OpenAIEmbedder.connect(
            .init(url: url, model: environment["QUERENT_EMBEDDINGS_MODEL"] ?? "all-minilm-l6-v2", apiKey: environment["QUERENT_EMBEDDINGS_API_KEY"])
        )
    }
}
