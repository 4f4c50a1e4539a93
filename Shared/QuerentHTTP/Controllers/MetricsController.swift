import Hummingbird
import Metrics
import Prometheus
import QuerentApplication
import QuerentCore
import Synchronization

/// Prometheus metrics: the process-wide registry and the `/metrics` route.
public enum PrometheusMetrics {
    private static let bootstrapped = Mutex(false)

    /// The registry every metric of this process is recorded in.
    public static let registry = PrometheusCollectorRegistry()

    /// Installs the Prometheus factory as the `MetricsSystem` backend once per process.
    public static func bootstrap() {
        bootstrapped.withLock { done in
            guard !done else { return }
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.durationHistogramBuckets.merge(QuerentMetrics.durationBuckets) { _, new in new }
            factory.valueHistogramBuckets.merge(QuerentMetrics.valueBuckets) { _, new in new }
            MetricsSystem.bootstrap(factory)
            done = true
        }
    }

    /// Adds `GET /metrics` in the Prometheus text format.
    public static func addRoute(to router: Router<some RequestContext>) {
        router.get("/metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer))
            )
        }
    }
}
