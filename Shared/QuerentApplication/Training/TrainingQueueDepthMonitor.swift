import Foundation
import Logging
import QuerentCore
import ServiceLifecycle

/// Samples the training queue's pending jobs (waiting, in flight, or delayed for retry) every
/// `interval` into the gauge `querent_training_queue_depth`, the signal to scale trainers on.
/// Runs until graceful shutdown.
public struct TrainingQueueDepthMonitor: Service {
    let queue: any JobQueue
    let interval: Duration
    let logger: Logger

    public init(queue: any JobQueue, interval: Duration = .seconds(5), logger: Logger) {
        self.queue = queue
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        var warned = false
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                QuerentMetrics.trainingQueueDepth(try await queue.pendingCount())
                warned = false
            } catch is CancellationError {
                return
            } catch {
                if !warned { logger.warning("cannot read the training queue depth", metadata: ["error": "\(error)"]) }
                warned = true
            }
            do {
                let interval = self.interval
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
