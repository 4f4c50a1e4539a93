import Foundation
import Logging
import QuerentCore
import QuerentSemantics
import QuerentTeaching

/// A source's semantic model: derived from its trained schemas whenever a table is trained or
/// untrained, stored with the user's edits (which survive every derivation), and served with
/// the edits applied (`GET` / `PATCH /:sourceId/semantic-model`).
public struct SemanticModelService: Sendable {
    let registry: SourceRegistry
    /// The process's schema context cache, dropped for the source after an edit (nil where the
    /// process has none to keep fresh).
    let contexts: SchemaContextCache?

    /// The service over `registry`'s store; `contexts` is told about edits made here.
    public init(registry: SourceRegistry, contexts: SchemaContextCache? = nil) {
        self.registry = registry
        self.contexts = contexts
    }

    private var store: any MetadataStore { registry.store }

    /// The tenant's source's model with the stored edits and the glossary applied (its measures,
    /// named filters and synonyms); a model without entities when nothing is trained yet.
    /// - Throws: `.notFound` for an unknown source or another tenant's.
    public func model(sourceId: String, tenant: Tenant) async throws -> SemanticModel {
        _ = try await registry.open(sourceId, tenant: tenant)
        let trained = try await store.tableSchemas(sourceId: sourceId).filter(\.isTrained)
        let stored = try await store.semanticModel(sourceId: sourceId)
        let glossary = try await store.glossary(sourceId: sourceId)
        return GlossaryModel.apply(glossary, to: Self.edited(sourceId: sourceId, trained: trained, stored: stored), tables: trained.map(\.schema))
    }

    /// Checks `edits` against the model and the trained tables' columns, merges them into the
    /// stored edits (``QuerentCore/SemanticModelEdits/merging(_:)``) and returns the edited model.
    /// - Throws: `.notFound` for an unknown source or another tenant's; `.badRequest` naming an
    ///   unknown table or column or an invalid expression, with nothing stored.
    public func edit(_ edits: SemanticModelEdits, sourceId: String, tenant: Tenant) async throws -> SemanticModel {
        _ = try await registry.open(sourceId, tenant: tenant)
        let trained = try await store.tableSchemas(sourceId: sourceId).filter(\.isTrained)
        let stored = try await store.semanticModel(sourceId: sourceId)
        let base = Self.base(sourceId: sourceId, trained: trained, stored: stored)
        let columns = Dictionary(trained.map { ($0.tableName, $0.schema.columns.map(\.name)) }, uniquingKeysWith: { first, _ in first })
        // Against the model as the user sees it, so measures added by earlier edits count.
        try edits.validate(against: (stored?.edits ?? SemanticModelEdits()).applied(to: base), columns: columns)
        let merged = try await store.updateSemanticModelEdits(sourceId: sourceId) { $0.merging(edits) }
        await contexts?.invalidate(sourceId: sourceId, tenant: tenant)
        return merged.applied(to: base)
    }

    /// Derives the source's model from all its trained schemas and stores it, leaving the edits
    /// alone. After training `tableName` the derivation is left to a table of the same source
    /// still in training, if any (see ``QuerentCore/MetadataStore/updateSemanticModel(sourceId:afterTraining:derive:)``).
    /// A failure is logged and swallowed: it must never fail the training or untraining that
    /// asked for it (readers derive the model themselves while the stored one is stale).
    public func refresh(sourceId: String, afterTraining tableName: String? = nil, logger: Logger) async {
        do {
            let update = try await store.updateSemanticModel(sourceId: sourceId, afterTraining: tableName) { schemas in
                SemanticModelBuilder.derive(sourceId: sourceId, tables: schemas)
            }
            if update == .deferred {
                logger.debug("semantic model left to a table still in training", metadata: ["source.id": .string(sourceId)])
            }
        } catch {
            logger.warning(
                "semantic model not stored",
                metadata: ["source.id": .string(sourceId), "error": .string(String(describing: error))]
            )
        }
    }

    /// The model readers use: the stored one while it describes the `trained` tables as they
    /// are (``QuerentCore/StoredSemanticModel/model(describing:)``), otherwise one derived from
    /// them now; then the stored edits applied.
    static func edited(sourceId: String, trained: [TableSchemaRecord], stored: StoredSemanticModel?) -> SemanticModel {
        (stored?.edits ?? SemanticModelEdits()).applied(to: base(sourceId: sourceId, trained: trained, stored: stored))
    }

    /// The derived model without edits: see ``edited(sourceId:trained:stored:)``.
    static func base(sourceId: String, trained: [TableSchemaRecord], stored: StoredSemanticModel?) -> SemanticModel {
        stored?.model(describing: trained) ?? SemanticModelBuilder.derive(sourceId: sourceId, tables: trained.map(\.schema))
    }
}
