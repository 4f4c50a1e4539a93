import Hummingbird
import QuerentCore

/// `/health/live` (the process answers) and `/health/ready` (every dependency answers).
public struct HealthController: Sendable {
    /// A named readiness check; it throws when its dependency is unavailable.
    public typealias Check = ReadinessCheck

    private let service: String
    private let checks: [Check]

    public init(service: String, checks: [Check]) {
        self.service = service
        self.checks = checks
    }

    public func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/health/live") { _, _ in Status(status: "ok", service: service, checks: [:]) }
        router.get("/health/ready") { _, _ in try await ready() }
    }

    struct Status: ResponseEncodable {
        var status: String
        var service: String
        var checks: [String: String]
    }

    private func ready() async throws -> EditedResponse<Status> {
        var results: [String: String] = [:]
        await withTaskGroup(of: (String, String).self) { group in
            for check in checks {
                group.addTask {
                    do {
                        try await check.probe()
                        return (check.name, "ok")
                    } catch {
                        return (check.name, "unavailable: \(error)")
                    }
                }
            }
            for await (name, result) in group { results[name] = result }
        }
        let healthy = results.values.allSatisfy { $0 == "ok" }
        return EditedResponse(
            status: healthy ? .ok : .serviceUnavailable,
            response: Status(status: healthy ? "ok" : "unavailable", service: service, checks: results)
        )
    }
}
