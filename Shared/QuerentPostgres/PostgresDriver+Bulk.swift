import Foundation
import QuerentCore

extension PostgresDriver {
    /// Tables whose sample rows are read in one pipeline (one round trip).
    static let sampleBatchSize = 100

    /// Introspects many tables on one connection: one catalog query for all of them (in a
    /// read-only transaction), then their sample rows in pipelines of ``sampleBatchSize``
    /// `SELECT * … LIMIT 3`, each pipeline in one read-only transaction with the sample timeout.
    /// Values are typed as ``introspect(table:sourceId:)`` types them. When a pipeline fails (a
    /// table dropped meanwhile, no privilege, a timeout), its tables are read again one by one
    /// and only those that fail alone are left out.
    /// - Throws: ``QuerentCore/ServiceError`` `.badRequest` for a malformed name; `.connectionFailed`.
    public func introspect(tables: [String], sourceId: String) async throws -> [TableSchema] {
        var seen = Set<PostgresTableName>()
        let names = try tables.map(PostgresTableName.init(parsing:)).filter { seen.insert($0).inserted }
        guard !names.isEmpty else { return [] }
        return try await run { connection in
            let descriptions = try Self.describe(names, connection)
            let found = names.filter { descriptions[$0] != nil }
            var samples: [PostgresTableName: [[String: JSONValue]]] = [:]
            for start in stride(from: 0, to: found.count, by: Self.sampleBatchSize) {
                let batch = Array(found[start..<min(start + Self.sampleBatchSize, found.count)])
                try samples.merge(Self.samples(batch, connection)) { _, new in new }
            }
            return found.compactMap { name in
                guard let description = descriptions[name], let sample = samples[name] else { return nil }
                return Self.schema(from: description, name: name, sourceId: sourceId, sample: sample)
            }
        }
    }

    /// The catalog documents of the `names` that exist, in one query.
    private static func describe(
        _ names: [PostgresTableName],
        _ connection: PostgresConnection
    ) throws -> [PostgresTableName: PostgresCatalogQueries.Description] {
        let pairs = String(decoding: try JSONEncoder().encode(names.map { [$0.schema, $0.name] }), as: UTF8.self)
        let rows = try readOnly(connection, timeoutMilliseconds: 30_000) {
            try connection.query(PostgresCatalogQueries.describeMany, [.text(pairs)])
        }
        let decoder = JSONDecoder()
        var descriptions: [PostgresTableName: PostgresCatalogQueries.Description] = [:]
        for row in rows {
            guard let ordinal = row.int("ord"), ordinal >= 1, ordinal <= names.count, let document = row.string("doc") else { continue }
            descriptions[names[Int(ordinal) - 1]] = try decoder.decode(PostgresCatalogQueries.Description.self, from: Data(document.utf8))
        }
        return descriptions
    }

    /// Up to three rows of each table of `batch`: one pipeline, or table by table after it
    /// failed; a table that fails alone is left out.
    private static func samples(_ batch: [PostgresTableName], _ connection: PostgresConnection) throws -> [PostgresTableName: [[String: JSONValue]]] {
        let piped = try unlessUnreadable {
            try readOnly(connection, timeoutMilliseconds: sampleTimeoutMilliseconds) {
                try connection.pipeline(batch.map { "SELECT * FROM \($0.quoted) LIMIT 3" })
            }
        }
        if let piped {
            return Dictionary(zip(batch, piped.map { objects(columns: $0.columns, rows: $0.rows) })) { _, new in new }
        }
        var samples: [PostgresTableName: [[String: JSONValue]]] = [:]
        for name in batch {
            samples[name] = try unlessUnreadable { try sample(name, limit: 3, connection) }
        }
        return samples
    }

    /// `body`'s value, or nil when the database refused it or it timed out; a lost connection
    /// still throws.
    private static func unlessUnreadable<T>(_ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch let error as PostgresError where !error.isConnectionFailure {
            return nil
        } catch let error as ServiceError where error.code == .timeout {
            return nil
        }
    }
}
