/// A named check of one dependency a process needs to serve requests (the metadata store,
/// Redis); `/health/ready` runs every check of the process.
public struct ReadinessCheck: Sendable {
    /// The dependency's name as `/health/ready` reports it (`metadata`, `redis`).
    public var name: String
    /// Returns when the dependency answers; throws when it is unavailable.
    public var probe: @Sendable () async throws -> Void

    /// A check named `name` that runs `probe`.
    public init(name: String, probe: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.probe = probe
    }
}
