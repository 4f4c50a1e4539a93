import QuerentCore
import Testing

/// Runs `body` and returns the ``QuerentCore/ServiceError`` it throws, recording an issue when it
/// throws nothing or something else.
public func serviceError<T>(
    _ body: () async throws -> T,
    sourceLocation: SourceLocation = #_sourceLocation
) async -> ServiceError? {
    do {
        let value = try await body()
        Issue.record("expected a ServiceError, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as ServiceError {
        return error
    } catch {
        Issue.record("expected a ServiceError, got \(String(reflecting: error))", sourceLocation: sourceLocation)
        return nil
    }
}
