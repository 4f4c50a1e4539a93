import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where the integration tests find Redis, read from the environment that
/// `eval "$(bash deploy/local-stack.sh env)"` sets up (`REDIS_URL`, or `REDIS_HOSTNAME` and
/// `REDIS_PORT`).
///
/// Like ``TestEnvironment`` for Postgres: suites use `.enabled(if: RedisTestEnvironment.enabled)`,
/// so they run when Redis is configured *or* required (`QUERENT_REQUIRE_INTEGRATION=1`), and a
/// required-but-missing Redis fails (``requireURL()`` throws) instead of skipping.
public enum RedisTestEnvironment {
    /// The configured Redis URL, if any.
    public static var url: String? {
        let values = TestEnvironment.values
        if let host = values["REDIS_HOSTNAME"], !host.isEmpty {
            return "redis://\(host):\(values["REDIS_PORT"].flatMap(Int.init) ?? 6379)"
        }
        if let url = values["REDIS_URL"], !url.isEmpty { return url }
        return nil
    }

    /// Whether Redis integration tests should run: configured, or required.
    public static var enabled: Bool { url != nil || TestEnvironment.integrationRequired }

    /// Whether tests needing both Postgres and Redis should run.
    public static var postgresAndRedisEnabled: Bool {
        (url != nil && TestEnvironment.postgresURL != nil) || TestEnvironment.integrationRequired
    }

    /// The configured Redis URL.
    /// - Throws: ``IntegrationUnavailable`` when none is configured (a test failure, by design).
    public static func requireURL() throws -> String {
        guard let url else {
            throw IntegrationUnavailable(
                "Redis is required (QUERENT_REQUIRE_INTEGRATION=1) but neither REDIS_HOSTNAME nor REDIS_URL is set; "
                    + "run `bash deploy/local-stack.sh up && eval \"$(bash deploy/local-stack.sh env)\"`"
            )
        }
        return url
    }

    /// A name no other test uses, for queue names and other keys: `<prefix>-<random>`.
    public static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.lowercased().prefix(12))"
    }
}

/// A private `redis-server` process on a free port, with append-only persistence
/// (`--appendonly yes --appendfsync always`) in its own directory, so a test can restart it
/// (``restart()``) without disturbing anyone else and without losing data.
public final class RedisServerProcess: @unchecked Sendable {
    public let port: Int
    public let directory: TemporaryDirectory
    private let lock = NSLock()
    private var process: Process?

    /// `redis://127.0.0.1:<port>`.
    public var url: String { "redis://127.0.0.1:\(port)" }

    /// Starts `redis-server` and waits until it answers `PING`.
    /// - Throws: ``IntegrationUnavailable`` when `redis-server` is not installed or does not start.
    public init(port: Int? = nil) async throws {
        self.port = try port ?? FreePort.allocate()
        directory = try TemporaryDirectory(prefix: "querent-redis")
        try await start()
    }

    deinit { kill() }

    /// The path of a program on `PATH`, or nil.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Starts the server (again) on the same port and directory; returns once it answers `PING`.
    public func start() async throws {
        guard let binary = Self.which("redis-server") else {
            throw IntegrationUnavailable("redis-server is not installed (needed to run a private, restartable Redis)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--dir", directory.path, "--appendonly", "yes",
            "--appendfsync", "always", "--save", "", "--daemonize", "no", "--logfile", directory.path("redis.log"),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        lock.withLock { self.process = process }
        do {
            try await Polling.until("redis-server on port \(port) answers PING", timeout: .seconds(15)) {
                guard process.isRunning else {
                    throw IntegrationUnavailable("redis-server exited at start: \(self.logTail())")
                }
                return self.cli(["PING"]) == "PONG"
            }
        } catch {
            kill()
            throw error
        }
    }

    /// Shuts the server down cleanly (`redis-cli shutdown`: the append-only file is synced) and
    /// waits until its process exited.
    public func shutdown() async throws {
        _ = cli(["SHUTDOWN"])
        let process = lock.withLock { self.process }
        try await Polling.until("redis-server on port \(port) exits after SHUTDOWN", timeout: .seconds(15)) {
            !(process?.isRunning ?? false)
        }
        lock.withLock { self.process = nil }
    }

    /// ``shutdown()`` then ``start()`` on the same port and directory.
    public func restart() async throws {
        try await shutdown()
        try await start()
    }

    /// Kills the server (SIGKILL) if it runs; used for cleanup.
    public func kill() {
        let process = lock.withLock { () -> Process? in
            defer { self.process = nil }
            return self.process
        }
        guard let process, process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Runs `redis-cli -p <port> <arguments>` and returns its trimmed output (nil on failure).
    @discardableResult
    public func cli(_ arguments: [String]) -> String? {
        guard let binary = Self.which("redis-cli") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-h", "127.0.0.1", "-p", String(port)] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The last lines of the server's log.
    public func logTail(lines: Int = 20) -> String {
        let text = (try? String(contentsOfFile: directory.path("redis.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}

/// Free TCP ports on 127.0.0.1.
public enum FreePort {
    /// A port that was free a moment ago (bound to port 0 and released). Another process may
    /// take it in between; the callers start their servers right away.
    public static func allocate() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw IntegrationUnavailable("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw IntegrationUnavailable("bind() failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw IntegrationUnavailable("getsockname() failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
