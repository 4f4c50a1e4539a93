import Foundation

/// A row of `semantic_models`: a source's semantic model as training last derived it, and the
/// user's edits, which are kept apart so that deriving again never loses them.
public struct StoredSemanticModel: Sendable, Hashable {
    /// The derived model, without the edits; nil when none was derived yet (edits saved before
    /// any training) or when the stored one is of an older format that no longer decodes.
    public var model: SemanticModel?
    /// When the trained schemas ``model`` was derived from were read; nil without a model.
    /// A trained schema changed later makes the model stale.
    public var derivedAt: Date?
    /// The user's edits, merged over every `PATCH`; empty when there are none.
    public var edits: SemanticModelEdits

    /// A stored model and its edits.
    public init(model: SemanticModel?, derivedAt: Date? = nil, edits: SemanticModelEdits = SemanticModelEdits()) {
        self.model = model
        self.derivedAt = derivedAt
        self.edits = edits
    }

    /// The stored model when it still describes `trained` (the source's trained schemas): the
    /// same tables, none changed since it was derived. Nil otherwise: the caller derives one.
    public func model(describing trained: [TableSchemaRecord]) -> SemanticModel? {
        guard let model, let derivedAt, Set(model.entities.map(\.table)) == Set(trained.map(\.tableName)) else { return nil }
        return trained.allSatisfy { $0.updatedAt <= derivedAt } ? model : nil
    }
}

/// What ``MetadataStore/updateSemanticModel(sourceId:afterTraining:derive:)`` did.
public enum SemanticModelUpdate: Sendable, Hashable {
    /// The model was derived from the trained schemas and stored.
    case stored(SemanticModel)
    /// Nothing was derived: another table of the source is still being trained, and its job
    /// derives the model once that table is trained, this one included.
    case deferred
    /// The source does not exist; nothing was stored.
    case sourceNotFound
}
