import Foundation
import QuerentCore

/// Where the integration tests find their services, read from the environment that
/// `eval "$(bash deploy/local-stack.sh env)"` sets up.
///
/// | variable | meaning |
/// |---|---|
/// | `QUERENT_TEST_POSTGRES_URL` | URL of a Postgres 15 database whose role may `CREATE DATABASE` |
/// | `POSTGRES_HOSTNAME`, `POSTGRES_PORT`, `POSTGRES_USER`, `POSTGRES_PASSWORD`, `POSTGRES_DB` | the same, in parts |
/// | `QUERENT_REQUIRE_INTEGRATION=1` | integration tests run even without the variables above, and fail |
///
/// Integration suites use `.enabled(if: TestEnvironment.postgresEnabled)`: they run when
/// Postgres is configured *or* required, so a required-but-missing Postgres is a failure
/// (``requirePostgresURL()`` throws), never a silent skip.
public enum TestEnvironment {
    public static var values: [String: String] { ProcessInfo.processInfo.environment }

    /// True when `QUERENT_REQUIRE_INTEGRATION` is `1`/`true`/`yes`.
    public static var integrationRequired: Bool {
        guard let value = values["QUERENT_REQUIRE_INTEGRATION"]?.lowercased() else { return false }
        return ["1", "true", "yes"].contains(value)
    }

    /// The Postgres URL configured for tests, if any.
    public static var postgresURL: String? {
        if let url = values["QUERENT_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        guard let host = values["POSTGRES_HOSTNAME"], !host.isEmpty else { return nil }
        var components = URLComponents()
        components.scheme = "postgres"
        components.host = host
        components.port = values["POSTGRES_PORT"].flatMap(Int.init) ?? 5432
        components.user = values["POSTGRES_USER"] ?? "postgres"
        components.password = values["POSTGRES_PASSWORD"]
        components.path = "/" + (values["POSTGRES_DB"] ?? components.user ?? "postgres")
        return components.string
    }

    /// Whether Postgres integration tests should run: configured, or required.
    public static var postgresEnabled: Bool { postgresURL != nil || integrationRequired }

    /// The configured Postgres URL.
    /// - Throws: ``IntegrationUnavailable`` when none is configured (a test failure, by design).
    public static func requirePostgresURL() throws -> String {
        guard let url = postgresURL else {
            throw IntegrationUnavailable(
                "Postgres is required (QUERENT_REQUIRE_INTEGRATION=1) but neither QUERENT_TEST_POSTGRES_URL nor POSTGRES_HOSTNAME is set; "
                    + "run `bash deploy/local-stack.sh up && eval \"$(bash deploy/local-stack.sh env)\"`"
            )
        }
        return url
    }
}

extension TestEnvironment {
    /// The MySQL/MariaDB URL configured for tests (`QUERENT_TEST_MYSQL_URL`; its user may
    /// create databases), if any.
    public static var mysqlURL: String? {
        guard let url = values["QUERENT_TEST_MYSQL_URL"], !url.isEmpty else { return nil }
        return url
    }

    /// Whether MySQL integration tests should run: configured, or required.
    public static var mysqlEnabled: Bool { mysqlURL != nil || integrationRequired }

    /// The configured MySQL URL.
    /// - Throws: ``IntegrationUnavailable`` when none is configured (a test failure, by design).
    public static func requireMySQLURL() throws -> String {
        guard let url = mysqlURL else {
            throw IntegrationUnavailable(
                "MariaDB is required (QUERENT_REQUIRE_INTEGRATION=1) but QUERENT_TEST_MYSQL_URL is not set; "
                    + "run `QUERENT_STACK_MYSQL=1 bash deploy/local-stack.sh up && eval \"$(bash deploy/local-stack.sh env)\"`"
            )
        }
        return url
    }
}

/// A required integration dependency is not configured.
public struct IntegrationUnavailable: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
