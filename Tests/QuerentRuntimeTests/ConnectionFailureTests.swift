import Foundation
import Glibc
import QuerentCore
import QuerentExpectations
import QuerentRuntime
import QuerentTesting
import Testing

/// Connecting through ``DriverConnector``: every failure is a ``ServiceError`` with a clear
/// reason (`.connectionFailed`, or `.badRequest` for unusable input) that never holds the password.
@Suite struct ConnectionFailureTests {
    let connector = DriverConnector()

    /// Connects and returns the error, checking that no part of `password` leaks through the
    /// message, the description or the debug description (which includes the underlying error).
    func failure(
        _ dialect: Dialect,
        _ spec: ConnectionSpec,
        password: String?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> ServiceError? {
        let error = await serviceError({ try await connector.connect(dialect: dialect, spec: spec) }, sourceLocation: sourceLocation)
        if let error, let password {
            for text in [error.message, String(describing: error), String(reflecting: error)] {
                #expect(!text.contains(password), "the password leaked: \(text)", sourceLocation: sourceLocation)
            }
        }
        return error
    }

    @Test func unknownHost() async throws {
        let password = "Unkn0wn-Host-pw"
        let error = await failure(.postgres, ConnectionSpec(url: "postgres://app:\(password)@nonexistent.invalid:5432/shop"), password: password)
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("nonexistent.invalid") == true)
        #expect(error?.message.contains("could not translate host name") == true)
    }

    @Test func refusedPort() async throws {
        let password = "Refused-Port-pw"
        let error = await failure(.postgres, ConnectionSpec(url: "postgres://app:\(password)@127.0.0.1:1/shop"), password: password)
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("refused") == true)
        // Discrete fields behave the same.
        let fields = await failure(
            .postgres,
            ConnectionSpec(host: "127.0.0.1", port: 1, database: "shop", user: "app", password: password),
            password: password
        )
        #expect(fields?.code == .connectionFailed)
        #expect(fields?.message.contains("refused") == true)
    }

    /// A server that accepts the connection and then never answers is given up after the
    /// connect timeout, as `connection_failed`, not waited on.
    @Test(.timeLimit(.minutes(1))) func aServerThatNeverAnswersFailsAtTheConnectTimeout() async throws {
        let silent = try SilentListener()
        defer { silent.close() }
        let connector = DriverConnector(connectTimeout: 1)
        let password = "Silent-Server-pw"
        let error = await serviceError {
            try await connector.connect(dialect: .postgres, spec: ConnectionSpec(url: "postgres://app:\(password)@127.0.0.1:\(silent.port)/shop"))
        }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("timeout") == true, "\(error?.message ?? "")")
        #expect(error.map { !String(reflecting: $0).contains(password) } ?? true)
    }

    @Test(arguments: [
        "postgres://app:Malformed-Port-pw@127.0.0.1:notaport/shop",
        "postgres://app:Malformed-Port-pw@[::1/shop",
        "postgres://app:Bad%zzMalformed-Port-pw@127.0.0.1/shop",
        "postgres://app:Malformed-Port-pw@127.0.0.1/shop?sslmode=sometimes",
        "host=127.0.0.1 password=Malformed-Port-pw dbname",
        "not a url at all password=Malformed-Port-pw",
    ])
    func malformedURL(url: String) async throws {
        let error = await failure(.postgres, ConnectionSpec(url: url), password: "Malformed-Port-pw")
        #expect(error?.code == .connectionFailed || error?.code == .badRequest)
        #expect(error?.message.isEmpty == false)
        #expect(error.map { !$0.message.contains("zz") } ?? true, "the percent-encoded password leaked: \(error?.message ?? "")")
    }

    @Test func unusableSpecsAreBadRequests() async throws {
        #expect(await failure(.postgres, ConnectionSpec(), password: nil)?.code == .badRequest)
        #expect(await failure(.postgres, ConnectionSpec(url: "   "), password: nil)?.code == .badRequest)
        #expect(await failure(.sqlite, ConnectionSpec(), password: nil)?.code == .badRequest)
        #expect(await failure(.sqlite, ConnectionSpec(path: ""), password: nil)?.code == .badRequest)
    }

    @Test func missingSQLiteFile() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("missing.sqlite")
        for spec in [
            ConnectionSpec(path: path), ConnectionSpec(url: path), ConnectionSpec(url: "sqlite://" + path), ConnectionSpec(url: "file:" + path),
        ] {
            let error = await failure(.sqlite, spec, password: nil)
            #expect(error?.code == .connectionFailed)
            #expect(error?.message == "SQLite file not found: \(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func sqliteURLFormsOpen() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("fixture.sqlite")
        try Fixture.createSQLite(at: path)
        for spec in [ConnectionSpec(path: path), ConnectionSpec(url: "sqlite://" + path), ConnectionSpec(url: "file:" + path)] {
            let count = try await connector.withDriver(dialect: .sqlite, spec: spec) { try await $0.listTables().count }
            #expect(count == Fixture.sqliteRelations.count)
            #expect(connector.summary(dialect: .sqlite, spec: spec) == path)
        }
    }

    // MARK: - Against the test Postgres

    @Test(.enabled(if: TestEnvironment.postgresEnabled, "needs Postgres"))
    func wrongPassword() async throws {
        let url = try TestEnvironment.requirePostgresURL()
        var components = try #require(URLComponents(string: url))
        let password = "Wr0ng-Pa55word-for-test"
        components.password = password
        let spec = ConnectionSpec(url: try #require(components.string))
        do {
            let driver = try await connector.connect(dialect: .postgres, spec: spec)
            await driver.close()
            Issue.record(
                "the test Postgres accepted a wrong password: it uses trust authentication; deploy/local-stack.sh must use scram-sha-256 for host connections"
            )
        } catch let error as ServiceError {
            #expect(error.code == .connectionFailed)
            #expect(error.message.contains("password authentication failed"))
            for text in [error.message, String(describing: error), String(reflecting: error)] { #expect(!text.contains(password)) }
        }
    }

    @Test(.enabled(if: TestEnvironment.postgresEnabled, "needs Postgres"))
    func unknownDatabase() async throws {
        let url = try TestEnvironment.requirePostgresURL()
        let spec = ConnectionSpec(url: try ScratchDatabase.url(url, database: "no_such_database_here"))
        let error = await failure(.postgres, spec, password: nil)
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("no_such_database_here") == true, "\(error?.message ?? "")")
    }

    @Test(.enabled(if: TestEnvironment.postgresEnabled, "needs Postgres"))
    func goodConnectionOpensReadOnly() async throws {
        let url = try TestEnvironment.requirePostgresURL()
        try await connector.withDriver(dialect: .postgres, spec: ConnectionSpec(url: url)) { driver async throws in
            #expect(driver.dialect == .postgres)
            let rows = try await driver.execute(
                "SELECT current_setting('default_transaction_read_only') AS ro, current_setting('TimeZone') AS tz",
                limits: .standard
            )
            #expect(rows.rows == [[.string("on"), .string("UTC")]])
        }
    }
}

/// A TCP socket on 127.0.0.1 that listens and never accepts: the kernel completes connections
/// into its backlog, and nothing ever answers them.
struct SilentListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        guard descriptor >= 0, bound == 0, listen(descriptor, 16) == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
