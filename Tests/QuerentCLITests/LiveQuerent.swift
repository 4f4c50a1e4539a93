import Foundation
import QuerentIO
import QuerentTesting
import Testing

/// A `querent serve` started once for a suite: a fresh home, a free port, the sample trained.
struct LiveQuerent: Sendable {
    @TaskLocal static var current: LiveQuerent?

    let url: String
    let home: String
    /// The demo token the banner printed.
    let token: String

    static func require() throws -> LiveQuerent {
        try #require(current, "the suite needs the .liveQuerent trait")
    }

    /// Starts `querent serve --port 0` and waits for its banner (printed once the sample is trained).
    static func start(_ harness: ProcessHarness) async throws -> LiveQuerent {
        let home = harness.directory.path("home")
        let process = try harness.launch(
            try PackageLayout.executable("querent"),
            name: "querent-serve",
            arguments: ["serve", "--home", home, "--port", "0", "--log-level", "warning"],
            environment: ["QUERENT_RATE_QUERIES_PER_MINUTE": "0", "QUERENT_RATE_TRAINING_PER_MINUTE": "0"]
        )
        let banner = try await Polling.value("querent serve prints its token", timeout: .seconds(120), interval: .milliseconds(200)) {
            () -> (port: String, token: String)? in
            let output = process.output()
            guard process.isRunning else { throw Polling.TimedOut(description: "querent serve exited:\n\(process.logTail())") }
            guard let port = output.firstMatch(of: /ready on http:\/\/127\.0\.0\.1:(\d+)/)?.1,
                let token = output.firstMatch(of: /export TOKEN=(\S+)/)?.1
            else { return nil }
            return (String(port), String(token))
        }
        return LiveQuerent(url: "http://127.0.0.1:\(banner.port)", home: home, token: banner.token)
    }
}

/// Runs ``LiveQuerent`` around a whole suite and stops it afterwards.
struct LiveQuerentScope: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await withProcessHarness { harness in
            let server = try await LiveQuerent.start(harness)
            try await LiveQuerent.$current.withValue(server) { try await function() }
        }
    }
}

extension Trait where Self == LiveQuerentScope {
    /// Starts a `querent serve` once for the suite (see ``LiveQuerent``).
    static var liveQuerent: Self { LiveQuerentScope() }
}

/// Running the built `querent` as a client.
enum CLI {
    struct Run: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    static func run(_ arguments: String...) async throws -> Run {
        try await run(arguments)
    }

    /// Runs `querent arguments` with only `QUERENT_URL` and `QUERENT_HOME` (the suite's server,
    /// or `home`) and `extra` set, on a blocking-I/O thread.
    static func run(_ arguments: [String], home: String? = nil, extra: [String: String] = [:]) async throws -> Run {
        let executable = try PackageLayout.executable("querent")
        var environment: [String: String] = [:]
        let parent = ProcessInfo.processInfo.environment
        for key in ProcessHarness.inheritedVariables { environment[key] = parent[key] }
        if let server = LiveQuerent.current {
            environment["QUERENT_URL"] = server.url
            environment["QUERENT_HOME"] = home ?? server.home
        }
        environment.merge(extra) { _, new in new }
        let output = try TemporaryDirectory(prefix: "querent-cli-run")
        return try await BlockingIO.run { [environment] in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.environment = environment
            FileManager.default.createFile(atPath: output.path("out"), contents: nil)
            FileManager.default.createFile(atPath: output.path("err"), contents: nil)
            process.standardOutput = FileHandle(forWritingAtPath: output.path("out"))
            process.standardError = FileHandle(forWritingAtPath: output.path("err"))
            process.standardInput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            let stdout = try String(contentsOfFile: output.path("out"), encoding: .utf8)
            let stderr = try String(contentsOfFile: output.path("err"), encoding: .utf8)
            return Run(status: process.terminationStatus, stdout: stdout, stderr: stderr)
        }
    }
}
