import Foundation
import QuerentCore
import QuerentPostgres
import QuerentTesting
import Testing

/// A suite trait that creates the Postgres introspection fixture once for the whole suite in
/// a scratch database, exposes it through ``current``, and drops it when the suite ends.
struct PostgresFixtureScope: SuiteTrait, TestScoping {
    @TaskLocal static var current: ScratchDatabase?

    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let database = try await Fixture.createPostgres()
        do {
            try await Self.$current.withValue(database) { try await function() }
            await database.drop()
        } catch {
            await database.drop()
            throw error
        }
    }

    /// The suite's fixture database.
    static func database() throws -> ScratchDatabase {
        try #require(current, "the suite needs the .postgresFixture trait")
    }
}

extension Trait where Self == PostgresFixtureScope {
    /// Creates the Postgres fixture once for the suite (see ``PostgresFixtureScope``).
    static var postgresFixture: Self { PostgresFixtureScope() }
}

/// Connects a Postgres driver to `url`, runs `body`, and always closes it.
func withPostgresDriver<T>(_ url: String, maxConnections: Int = 2, _ body: (PostgresDriver) async throws -> T) async throws -> T {
    let driver = try await PostgresDriver.connect(ConnectionSpec(url: url), maxConnections: maxConnections)
    do {
        let value = try await body(driver)
        await driver.close()
        return value
    } catch {
        await driver.close()
        throw error
    }
}
