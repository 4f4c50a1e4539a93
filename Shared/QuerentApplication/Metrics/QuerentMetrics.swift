import Foundation
import Metrics
import QuerentCore

/// The operational metrics Querent records through swift-metrics (exported by every service
/// at `GET /metrics` in the Prometheus text format). Names and label sets are fixed here so
/// dashboards, alerts and the HPA can rely on them:
///
/// | metric | type | labels | recorded by |
/// |---|---|---|---|
/// | `querent_training_queue_depth` | gauge | `queue` | trainer (``TrainingQueueDepthMonitor``) |
/// | `querent_training_job_duration_seconds` | histogram | `consumer`, `job`, `outcome` | trainer (``TrainingWorker``) |
/// | `querent_training_jobs_completed_total` | counter | `consumer` | trainer |
/// | `querent_training_jobs_failed_total` | counter | `consumer`, `action` (`retry`, `dead_letter`) | trainer |
/// | `querent_query_duration_seconds` | histogram | `generator`, `outcome` | query pipeline |
/// | `querent_generator_confidence` | histogram | `generator` | query pipeline |
///
/// Without a metrics backend (unit tests) every call is a no-op.
public enum QuerentMetrics {
    public static let trainingQueueDepth = "querent_training_queue_depth"
    public static let trainingJobDuration = "querent_training_job_duration_seconds"
    public static let trainingJobsCompleted = "querent_training_jobs_completed_total"
    public static let trainingJobsFailed = "querent_training_jobs_failed_total"
    public static let queryDuration = "querent_query_duration_seconds"
    public static let generatorConfidence = "querent_generator_confidence"

    /// Histogram buckets of the duration metrics (the backend's defaults stop at 10 s).
    public static let durationBuckets: [String: [Duration]] = [
        trainingJobDuration: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300].map { Duration.milliseconds(Int64($0 * 1000)) },
        queryDuration: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60].map { Duration.microseconds(Int64($0 * 1_000_000)) },
    ]

    /// Histogram buckets of the value metrics (confidence is in 0…1).
    public static let valueBuckets: [String: [Double]] = [
        generatorConfidence: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0]
    ]

    /// How a training job ended.
    public enum JobOutcome: String, Sendable {
        case completed
        case failed
    }

    /// Records one finished training job: its duration, and the completed or failed counter.
    /// - Parameter action: for a failure, what the queue decided (`retry` or `dead_letter`).
    public static func trainingJobFinished(
        _ job: TrainingJob,
        consumer: String,
        outcome: JobOutcome,
        since start: ContinuousClock.Instant,
        action: JobRetryPolicy.Action? = nil
    ) {
        let elapsed = ContinuousClock.now - start
        Timer(label: trainingJobDuration, dimensions: [("consumer", consumer), ("job", job.name), ("outcome", outcome.rawValue)])
            .record(duration: elapsed)
        switch outcome {
        case .completed:
            Counter(label: trainingJobsCompleted, dimensions: [("consumer", consumer)]).increment()
        case .failed:
            let name: String
            switch action {
            case .retry: name = "retry"
            case .deadLetter, nil: name = "dead_letter"
            }
            Counter(label: trainingJobsFailed, dimensions: [("consumer", consumer), ("action", name)]).increment()
        }
    }

    /// Records the pending jobs of the training queue.
    public static func trainingQueueDepth(_ depth: Int, queue: String = TrainingJob.queueName) {
        Gauge(label: trainingQueueDepth, dimensions: [("queue", queue)]).record(depth)
    }

    /// Records one answered question (or statement): how long the pipeline took and, when a
    /// generator produced SQL, its confidence.
    /// - Parameters:
    ///   - generator: `builtin`, `llm` or `sql` (hand-written).
    ///   - outcome: `success`, `refused` (safety gate / untrained table), `failed` (execution error) or `error`.
    public static func queryFinished(generator: String, outcome: String, duration: Duration, confidence: Double?) {
        Timer(label: queryDuration, dimensions: [("generator", generator), ("outcome", outcome)])
            .record(duration: duration)
        if let confidence, confidence.isFinite {
            Recorder(label: generatorConfidence, dimensions: [("generator", generator)], aggregate: true).record(confidence)
        }
    }
}
