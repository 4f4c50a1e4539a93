import Hummingbird
import QuerentHTTP

/// Placeholder until the training issue lands.
public struct TrainerRoutes: Sendable {
    public init() {}
}
