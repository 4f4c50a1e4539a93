import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where the package and its built executables are.
public enum PackageLayout {
    /// The package root, found from this file's path (`Shared/QuerentTesting/ProcessHarness.swift`).
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The directory of the built executables: `QUERENT_BIN`, else `<root>/.build/debug`.
    public static var binDirectory: URL {
        if let bin = TestEnvironment.values["QUERENT_BIN"], !bin.isEmpty {
            return bin.hasPrefix("/") ? URL(fileURLWithPath: bin) : root.appendingPathComponent(bin)
        }
        return root.appendingPathComponent(".build/debug")
    }

    /// The path of a built executable.
    /// - Throws: ``IntegrationUnavailable`` when it has not been built.
    public static func executable(_ name: String) throws -> String {
        let path = binDirectory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw IntegrationUnavailable("\(path) does not exist; run `swift build` before `swift test --skip-build`")
        }
        return path
    }
}

/// One child process started by a ``ProcessHarness``, with its output in a log file.
public final class ServiceProcess: @unchecked Sendable {
    public let name: String
    /// The port it was told to listen on (`PORT`), if any.
    public let port: Int?
    public let logPath: String
    private let process: Process

    init(name: String, port: Int?, logPath: String, process: Process) {
        self.name = name
        self.port = port
        self.logPath = logPath
        self.process = process
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port ?? 0)" }

    /// Sends a signal to the process.
    public func signal(_ signal: Int32) {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, signal)
    }

    /// SIGKILL, then waits until the process is gone.
    public func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits until the process exited; returns how (`exit` status or the signal number).
    public func waitForExit(timeout: Duration) async throws -> (reason: Process.TerminationReason, status: Int32) {
        try await Polling.until("\(name) (pid \(pid)) exits", timeout: timeout, detail: { self.logTail() }) { !self.process.isRunning }
        return (process.terminationReason, process.terminationStatus)
    }

    /// Everything the process wrote to stdout and stderr so far.
    public func output() -> String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// The last lines of ``output()``, labelled with the process name.
    public func logTail(lines: Int = 30) -> String {
        "--- \(name) (pid \(pid), \(isRunning ? "running" : "exited")) ---\n"
            + output().split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}

/// Launches service executables (`trainer-service`, …) as child processes with an explicit
/// environment, and kills every one of them in ``stopAll()``: call it (or use
/// ``withProcessHarness(_:)``) so no process outlives its test, passing or failing.
public final class ProcessHarness: @unchecked Sendable {
    public let directory: TemporaryDirectory
    private let lock = NSLock()
    private var processes: [ServiceProcess] = []

    public init() throws {
        directory = try TemporaryDirectory(prefix: "querent-processes")
    }

    deinit { stopAll() }

    /// Variables every child inherits from the test process; nothing else leaks in (in
    /// particular not the developer's `QUERENT_METADATA_URL` or `REDIS_URL`).
    public static let inheritedVariables = ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "LD_LIBRARY_PATH"]

    /// Starts `executable` with `environment` (plus ``inheritedVariables`` and `PORT` when
    /// `port` is given); its stdout and stderr go to `<directory>/<name>.log`.
    public func launch(
        _ executable: String,
        name: String,
        port: Int? = nil,
        arguments: [String] = [],
        environment: [String: String]
    ) throws -> ServiceProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var values: [String: String] = [:]
        let parent = ProcessInfo.processInfo.environment
        for key in Self.inheritedVariables { if let value = parent[key] { values[key] = value } }
        values.merge(environment) { _, new in new }
        if let port { values["PORT"] = String(port) }
        process.environment = values
        let logPath = directory.path("\(name).log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logPath) else {
            throw IntegrationUnavailable("cannot write \(logPath)")
        }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        let child = ServiceProcess(name: name, port: port, logPath: logPath, process: process)
        lock.withLock { processes.append(child) }
        return child
    }

    /// Every process launched so far.
    public var all: [ServiceProcess] { lock.withLock { processes } }

    /// Kills (SIGKILL) every process still running and waits for each.
    public func stopAll() {
        for process in all { process.kill() }
    }

    /// The log tails of every process, for failure messages.
    public func logTails(lines: Int = 30) -> String {
        all.map { $0.logTail(lines: lines) }.joined(separator: "\n")
    }
}

/// Runs `body` with a fresh ``ProcessHarness`` and always kills its processes afterwards.
/// When `body` throws, the error is wrapped with the log tails of every process.
public func withProcessHarness<T>(_ body: (ProcessHarness) async throws -> T) async throws -> T {
    let harness = try ProcessHarness()
    do {
        let value = try await body(harness)
        harness.stopAll()
        return value
    } catch {
        harness.stopAll()
        throw ProcessHarnessFailure(underlying: error, logs: harness.logTails())
    }
}

/// An error from a test body, with the log tails of the processes it ran.
public struct ProcessHarnessFailure: Error, CustomStringConvertible {
    public var underlying: any Error
    public var logs: String
    public var description: String { "\(underlying)\n\(logs)" }
}
