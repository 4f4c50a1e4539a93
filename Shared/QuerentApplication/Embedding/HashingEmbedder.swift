import Foundation
import QuerentCore

/// The built-in embedder: deterministic, offline, no model.
///
/// Each normalized term (see ``TextFeatures``) and each character trigram of it is hashed
/// (FNV-1a, signed) into a fixed number of dimensions; the vector is L2-normalized, so cosine
/// similarity measures shared vocabulary, with trigrams catching near spellings.
public struct HashingEmbedder: Embedder {
    public let dimension: Int
    public var model: String { "builtin-hashing-v1-\(dimension)" }

    public init(dimension: Int = 384) {
        self.dimension = max(16, dimension)
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        texts.map(vector)
    }

    /// The vector of one text.
    public func vector(_ text: String) -> [Float] {
        var values = [Float](repeating: 0, count: dimension)
        for term in TextFeatures.terms(text) {
            add("w:" + term, weight: 1.0, to: &values)
            let padded = Array("^" + term + "$")
            if padded.count > 4 {
                for start in 0...(padded.count - 3) {
                    add("g:" + String(padded[start..<start + 3]), weight: 0.25, to: &values)
                }
            }
        }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return values }
        return values.map { $0 / norm }
    }

    private func add(_ feature: String, weight: Float, to values: inout [Float]) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in feature.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let index = Int(hash % UInt64(dimension))
        let sign: Float = (hash >> 63) == 0 ? 1 : -1
        values[index] += sign * weight
    }
}
