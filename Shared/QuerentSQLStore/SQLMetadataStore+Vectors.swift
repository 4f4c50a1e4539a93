import Foundation
import QuerentCore

extension SQLMetadataStore {
    public func upsertVector(_ vector: StoredVector) async throws {
        let metadata = String(decoding: try JSONEncoder.querent.encode(vector.metadata), as: UTF8.self)
        try await client.query(
            """
            INSERT INTO schema_vectors (namespace, id, source_id, table_name, model, dimension, embedding, metadata, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (namespace, id) DO UPDATE SET
                source_id = excluded.source_id, table_name = excluded.table_name, model = excluded.model,
                dimension = excluded.dimension, embedding = excluded.embedding, metadata = excluded.metadata,
                updated_at = excluded.updated_at
            """,
            [
                .text(vector.namespace), .text(vector.id), .text(vector.sourceId), .text(vector.tableName), .text(vector.model),
                .int(Int64(vector.vector.count)), .text(vector.encodedVector), .text(metadata), .text(Timestamp.format(Date())),
            ]
        )
    }

    public func vectors(namespace: String) async throws -> [StoredVector] {
        try await client.query(
            "SELECT namespace, id, source_id, table_name, model, embedding, metadata FROM schema_vectors WHERE namespace = $1 ORDER BY id",
            [.text(namespace)]
        ).compactMap { row in
            guard let id = row.string("id"), let embedding = row.string("embedding").flatMap(StoredVector.decodeVector),
                let metadataText = row.string("metadata")
            else { return nil }
            return StoredVector(
                namespace: namespace,
                id: id,
                sourceId: row.string("source_id") ?? "",
                tableName: row.string("table_name") ?? "",
                model: row.string("model") ?? "",
                vector: embedding,
                metadata: try JSONDecoder.querent.decode(VectorMetadata.self, from: Data(metadataText.utf8))
            )
        }
    }

    public func deleteVectors(namespace: String, id: String?, sourceId: String?) async throws {
        if let id {
            try await client.query("DELETE FROM schema_vectors WHERE namespace = $1 AND id = $2", [.text(namespace), .text(id)])
        } else if let sourceId {
            try await client.query("DELETE FROM schema_vectors WHERE namespace = $1 AND source_id = $2", [.text(namespace), .text(sourceId)])
        } else {
            try await client.query("DELETE FROM schema_vectors WHERE namespace = $1", [.text(namespace)])
        }
    }
}
