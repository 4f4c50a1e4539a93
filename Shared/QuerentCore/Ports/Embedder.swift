/// Turns texts into fixed-dimension vectors.
///
/// Adapters: ``HashingEmbedder`` (built in, offline, deterministic); an OpenAI-compatible
/// `/v1/embeddings` client.
public protocol Embedder: Sendable {
    /// An identifier of the model, recorded with each vector (`builtin-hashing-v1`, `all-minilm-l6-v2`).
    var model: String { get }
    /// The length of every vector this embedder returns.
    var dimension: Int { get }
    /// One vector per text, in order, each of length ``dimension``.
    /// - Throws: ``ServiceError`` `.unavailable` when a remote endpoint cannot be reached, answers
    ///   with an error or malformed JSON, or changes its dimension; the built-in embedder never throws.
    func embed(_ texts: [String]) async throws -> [[Float]]
}
