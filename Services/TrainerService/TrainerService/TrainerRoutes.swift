import Hummingbird
import QuerentApplication
import QuerentCore
import QuerentHTTP

/// Every route of the trainer service, for its own executable and for the embedded `querent`.
public struct TrainerRoutes: Sendable {
    let training: TrainingController

    public init(coordinator: TrainingCoordinator) {
        training = TrainingController(coordinator: coordinator)
    }

    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        training.addRoutes(to: group)
    }
}
