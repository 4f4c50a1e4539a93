import Foundation

/// A vector as the metadata store keeps it.
public struct StoredVector: Sendable, Hashable {
    /// The tenant's namespace, `user_{userId}_agent_{agentId}_db` (see ``VectorNaming``).
    public var namespace: String
    /// The vector id, `db_{sourceId}_table_{tableName}`; unique within the namespace.
    public var id: String
    /// The source of the table.
    public var sourceId: String
    /// The canonical name of the table.
    public var tableName: String
    /// The embedder's model; vectors of another model are not compared.
    public var model: String
    /// The embedding; its length is the embedder's dimension.
    public var vector: [Float]
    /// What a search hit returns besides the score.
    public var metadata: VectorMetadata

    /// A vector ready to upsert.
    public init(namespace: String, id: String, sourceId: String, tableName: String, model: String, vector: [Float], metadata: VectorMetadata) {
        self.namespace = namespace
        self.id = id
        self.sourceId = sourceId
        self.tableName = tableName
        self.model = model
        self.vector = vector
        self.metadata = metadata
    }

    /// The vector as base64 of little-endian float32s (its stored form).
    public var encodedVector: String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }

    /// Decodes ``encodedVector``.
    public static func decodeVector(_ text: String) -> [Float]? {
        guard let data = Data(base64Encoded: text), data.count % 4 == 0 else { return nil }
        return stride(from: 0, to: data.count, by: 4).map { offset in
            let bits = data[data.startIndex + offset..<data.startIndex + offset + 4].enumerated().reduce(UInt32(0)) {
                $0 | UInt32($1.element) << (8 * UInt32($1.offset))
            }
            return Float(bitPattern: bits)
        }
    }
}
