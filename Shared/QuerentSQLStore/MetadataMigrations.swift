import Foundation
import QuerentCore

/// The versioned migrations of the metadata database, per SQL flavour.
///
/// Versions are applied in order, each in its own transaction, and recorded in
/// `querent_migrations`; an applied version is never run again.
public struct MetadataMigration: Sendable {
    public var version: Int
    public var name: String
    public var statements: [String]
}

extension MetadataMigration {
    /// All migrations for `flavor`, in version order.
    public static func all(for flavor: SQLFlavor) -> [MetadataMigration] {
        let json = flavor == .postgres ? "JSONB" : "TEXT"
        let timestamp = flavor == .postgres ? "TIMESTAMPTZ" : "TEXT"
        let boolean = flavor == .postgres ? "BOOLEAN" : "INTEGER"
        let serial = flavor == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        let falseValue = flavor == .postgres ? "FALSE" : "0"
        let now = flavor == .postgres ? "now()" : "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
        return [
            MetadataMigration(
                version: 1,
                name: "sources and table schemas",
                statements: [
                    """
                    CREATE TABLE sources (
                        id TEXT PRIMARY KEY,
                        kind TEXT NOT NULL DEFAULT 'database',
                        name TEXT NOT NULL,
                        user_id TEXT NOT NULL,
                        agent_id TEXT NOT NULL,
                        created_at \(timestamp) NOT NULL DEFAULT \(now),
                        UNIQUE (user_id, agent_id, name)
                    )
                    """,
                    """
                    CREATE TABLE database_sources (
                        source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
                        dialect TEXT NOT NULL,
                        connection_summary TEXT NOT NULL,
                        connection_encrypted TEXT NOT NULL,
                        trained_tables \(json) NOT NULL DEFAULT '[]',
                        last_schema_update \(timestamp)
                    )
                    """,
                    """
                    CREATE TABLE database_table_schemas (
                        id \(serial),
                        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                        table_name TEXT NOT NULL,
                        schema_data \(json) NOT NULL,
                        business_context TEXT,
                        is_trained \(boolean) NOT NULL DEFAULT \(falseValue),
                        created_at \(timestamp) NOT NULL DEFAULT \(now),
                        updated_at \(timestamp) NOT NULL DEFAULT \(now),
                        created_by TEXT,
                        updated_by TEXT,
                        UNIQUE (source_id, table_name)
                    )
                    """,
                    "CREATE INDEX database_table_schemas_trained ON database_table_schemas (source_id) WHERE is_trained",
                    "CREATE INDEX sources_tenant ON sources (user_id, agent_id)",
                ]
            ),
            MetadataMigration(
                version: 2,
                name: "training status and schema vectors",
                statements: [
                    """
                    CREATE TABLE training_jobs (
                        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                        table_name TEXT NOT NULL,
                        job_id TEXT NOT NULL,
                        state TEXT NOT NULL,
                        progress INTEGER NOT NULL,
                        stage TEXT NOT NULL,
                        attempts INTEGER NOT NULL,
                        error TEXT,
                        updated_at \(timestamp) NOT NULL,
                        PRIMARY KEY (source_id, table_name)
                    )
                    """,
                    """
                    CREATE TABLE schema_vectors (
                        namespace TEXT NOT NULL,
                        id TEXT NOT NULL,
                        source_id TEXT NOT NULL,
                        table_name TEXT NOT NULL,
                        model TEXT NOT NULL,
                        dimension INTEGER NOT NULL,
                        embedding TEXT NOT NULL,
                        metadata \(json) NOT NULL,
                        updated_at \(timestamp) NOT NULL,
                        PRIMARY KEY (namespace, id)
                    )
                    """,
                    "CREATE INDEX schema_vectors_source ON schema_vectors (source_id)",
                ]
            ),
            MetadataMigration(
                version: 3,
                name: "query history",
                statements: [
                    """
                    CREATE TABLE query_history (
                        id \(serial),
                        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                        user_id TEXT NOT NULL,
                        agent_id TEXT NOT NULL,
                        question TEXT,
                        sql_text TEXT NOT NULL,
                        success \(boolean) NOT NULL,
                        row_count INTEGER NOT NULL,
                        execution_time_ms DOUBLE PRECISION NOT NULL,
                        error TEXT,
                        generator TEXT NOT NULL,
                        confidence DOUBLE PRECISION,
                        created_at \(timestamp) NOT NULL
                    )
                    """,
                    "CREATE INDEX query_history_source ON query_history (source_id, user_id, agent_id, id)",
                ]
            ),
            MetadataMigration(
                version: 4,
                name: "semantic models",
                statements: [
                    // The derived model and the user's edits are separate columns: training
                    // replaces `model` (and `derived_at`, when its input was read) and never
                    // touches `edits`.
                    """
                    CREATE TABLE semantic_models (
                        source_id TEXT PRIMARY KEY REFERENCES database_sources(source_id) ON DELETE CASCADE,
                        model \(json),
                        derived_at \(timestamp),
                        edits \(json),
                        updated_at \(timestamp) NOT NULL DEFAULT \(now)
                    )
                    """
                ]
            ),
            MetadataMigration(
                version: 5,
                name: "teaching: examples, glossary, instructions, feedback",
                statements: [
                    """
                    CREATE TABLE taught_examples (
                        id TEXT PRIMARY KEY,
                        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                        question TEXT NOT NULL,
                        sql_text TEXT NOT NULL,
                        origin TEXT NOT NULL,
                        history_id BIGINT,
                        state TEXT NOT NULL,
                        error TEXT,
                        created_by TEXT NOT NULL,
                        created_at \(timestamp) NOT NULL
                    )
                    """,
                    "CREATE INDEX taught_examples_source ON taught_examples (source_id, created_at)",
                    """
                    CREATE TABLE glossary_terms (
                        id TEXT PRIMARY KEY,
                        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                        term TEXT NOT NULL,
                        term_key TEXT NOT NULL,
                        definition TEXT NOT NULL,
                        sql_text TEXT,
                        created_at \(timestamp) NOT NULL,
                        UNIQUE (source_id, term_key)
                    )
                    """,
                    """
                    CREATE TABLE source_instructions (
                        source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
                        instructions TEXT NOT NULL,
                        updated_at \(timestamp) NOT NULL
                    )
                    """,
                    "ALTER TABLE query_history ADD COLUMN feedback \(json)",
                    "ALTER TABLE query_history ADD COLUMN feedback_question TEXT",
                    "CREATE INDEX query_history_feedback ON query_history (source_id, feedback_question)",
                ]
            ),
        ]
    }
}
