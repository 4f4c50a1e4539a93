import Foundation
import QuerentCore
import QuerentHTTPClient
import QuerentTesting

#if canImport(Glibc)
import Glibc
#endif

/// The whole native topology (`deploy/local-stack.sh start`): a private Postgres and Redis,
/// schema-service, two trainer-service replicas, query-service and the nginx gateway, in a
/// private run directory on free ports, so it never touches the Postgres and Redis the test
/// command started. ``stop()`` (always call it) runs `local-stack.sh stop`.
final class WorkflowStack: @unchecked Sendable {
    let directory: TemporaryDirectory
    let runDirectory: String
    let pgPort: Int
    let redisPort: Int
    let schemaPort: Int
    let trainerPort: Int
    let queryPort: Int
    let gatewayPort: Int
    let trainers: Int
    private(set) var started = false

    /// The script every operation runs.
    static var script: String { PackageLayout.root.appendingPathComponent("deploy/local-stack.sh").path }

    init(trainers: Int = 2) throws {
        directory = try TemporaryDirectory(prefix: "querent-stack")
        // The cluster runs as an unprivileged OS user when the tests run as root: it must be
        // able to reach the run directory.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        runDirectory = directory.path("run")
        self.trainers = trainers
        var taken = Set<Int>()
        func port(alsoFree offsets: [Int] = []) throws -> Int {
            for _ in 0..<50 {
                let candidate = try FreePort.allocate()
                let all = [candidate] + offsets.map { candidate + $0 }
                if all.allSatisfy({ $0 < 65_000 && !taken.contains($0) && Self.isFree($0) }) {
                    taken.formUnion(all)
                    return candidate
                }
            }
            throw IntegrationUnavailable("no free port found for the workflow stack")
        }
        pgPort = try port()
        redisPort = try port()
        schemaPort = try port()
        trainerPort = try port(alsoFree: (1..<max(trainers, 1)).map { 100 * $0 })
        queryPort = try port()
        gatewayPort = try port()
    }

    /// Trainer replica `index`'s own port (health, metrics): `QUERENT_TRAINER_PORT + 100·index`.
    func trainerPort(_ index: Int) -> Int { trainerPort + 100 * index }

    var gatewayURL: String { "http://127.0.0.1:\(gatewayPort)" }
    var apiURL: String { gatewayURL + "/api/v1/sources/database" }
    /// The private Postgres, as its `querent` role (which may create databases).
    var postgresAdminURL: String { "postgres://querent:querent@127.0.0.1:\(pgPort)/querent" }
    var logDirectory: String { runDirectory + "/logs" }

    /// The environment of every `local-stack.sh` call: only this stack's settings, nothing of
    /// the developer's or the test command's stack.
    func environment(extra: [String: String] = [:]) -> [String: String] {
        var values: [String: String] = [:]
        let parent = ProcessInfo.processInfo.environment
        for key in ["PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "LD_LIBRARY_PATH", "QUERENT_PG_BINDIR", "QUERENT_NGINX"] {
            if let value = parent[key] { values[key] = value }
        }
        values.merge([
            "QUERENT_RUN_DIR": runDirectory,
            "QUERENT_PG_PORT": String(pgPort),
            "QUERENT_REDIS_PORT": String(redisPort),
            "QUERENT_SCHEMA_PORT": String(schemaPort),
            "QUERENT_TRAINER_PORT": String(trainerPort),
            "QUERENT_QUERY_PORT": String(queryPort),
            "QUERENT_GATEWAY_PORT": String(gatewayPort),
            "QUERENT_TRAINERS": String(trainers),
            "QUERENT_STACK_SERVICES": "1",
            "QUERENT_STACK_TIMEOUT": "90",
            "QUERENT_BIN": PackageLayout.binDirectory.path,
            "QUERENT_JWT_SECRET": TestTokens.secret,
            "QUERENT_SECRET_KEY": "workflow-test-secret-key-0123456789",
            "LOG_LEVEL": "info",
        ]) { _, new in new }
        values.merge(extra) { _, new in new }
        return values
    }

    /// `local-stack.sh start`; throws with the script's output when it fails.
    func start(extra: [String: String] = [:]) async throws {
        for executable in ["schema-service", "trainer-service", "query-service"] {
            _ = try PackageLayout.executable(executable)
        }
        started = true
        let (status, output) = try await Self.run([Self.script, "start"], environment: environment(extra: extra), timeout: .seconds(300))
        guard status == 0 else {
            throw IntegrationUnavailable("local-stack.sh start failed (exit \(status)):\n\(output)\n\(logTails())")
        }
    }

    /// `local-stack.sh status`: exit status and report.
    func status() async throws -> (Int32, String) {
        try await Self.run([Self.script, "status"], environment: environment(), timeout: .seconds(60))
    }

    /// `local-stack.sh stop`, when ``start(extra:)`` was called; never throws.
    func stop() async {
        guard started else { return }
        started = false
        _ = try? await Self.run([Self.script, "stop"], environment: environment(), timeout: .seconds(120))
    }

    /// The last lines of every component's log, for failure messages.
    func logTails(lines: Int = 25) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: logDirectory))?.sorted() ?? []
        return names.filter { $0.hasSuffix(".log") }.map { name in
            let text = (try? String(contentsOfFile: logDirectory + "/" + name, encoding: .utf8)) ?? ""
            return "--- \(name) ---\n" + text.split(separator: "\n").suffix(lines).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The whole log of one component (`gateway`, `schema-service`, `trainer-service-1`, …).
    func log(_ name: String) -> String {
        (try? String(contentsOfFile: logDirectory + "/\(name).log", encoding: .utf8)) ?? ""
    }

    /// Runs `bash <arguments>` to completion (bounded by `timeout`), returning its exit
    /// status and combined output.
    static func run(_ arguments: [String], environment: [String: String], timeout: Duration) async throws -> (Int32, String) {
        let output = try TemporaryDirectory(prefix: "querent-script")
        let logPath = output.path("output.log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logPath) else { throw IntegrationUnavailable("cannot write \(logPath)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        do {
            try await Polling.until("`bash \(arguments.joined(separator: " "))` finishes", timeout: timeout, interval: .milliseconds(100)) {
                !process.isRunning
            }
        } catch {
            process.terminate()
            throw IntegrationUnavailable("\(error)\n" + ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""))
        }
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }

    /// Whether nothing listens on (and nothing has bound) 127.0.0.1:`port`.
    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}

/// JSON over HTTP against the gateway, as one tenant.
struct WorkflowClient: Sendable {
    let base: String
    let token: String
    let http = HTTPClient()

    struct Reply: Sendable {
        var status: Int
        var body: Data
        var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    func call(
        _ method: String,
        _ path: String,
        json: JSONValue? = nil,
        requestId: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> Reply {
        var headers = ["Authorization": "Bearer \(token)", "Accept": "application/json"]
        if let requestId { headers["X-Request-Id"] = requestId }
        var body: Data?
        if let json {
            headers["Content-Type"] = "application/json"
            body = try JSONEncoder().encode(json)
        }
        let response = try await http.send(method: method, url: base + path, headers: headers, body: body, timeout: timeout)
        return Reply(status: response.status, body: response.body)
    }

    /// Calls and requires `expected`; returns the JSON body.
    func expect(_ expected: Int, _ method: String, _ path: String, json: JSONValue? = nil, requestId: String? = nil) async throws -> JSONValue {
        let reply = try await call(method, path, json: json, requestId: requestId)
        guard reply.status == expected else {
            throw WorkflowFailure("\(method) \(path): expected \(expected), got \(reply.status): \(reply.text)")
        }
        return reply.json ?? .null
    }
}

/// A failed expectation of the workflow, with what was seen.
struct WorkflowFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Reads Server-Sent Events from a stream of body pieces: `(event, data)` pairs.
struct WorkflowEventStream {
    private var pending = Data()
    private var event: String?
    private var data: [String] = []

    mutating func feed(_ chunk: Data) -> [(event: String, data: String)] {
        pending.append(chunk)
        var out: [(event: String, data: String)] = []
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = pending[pending.startIndex..<newline]
            pending = Data(pending[pending.index(after: newline)...])
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let text = String(decoding: line, as: UTF8.self)
            if text.isEmpty {
                if !data.isEmpty { out.append((event ?? "message", data.joined(separator: "\n"))) }
                event = nil
                data = []
            } else if text.hasPrefix(":") {
                continue
            } else if text.hasPrefix("event:") {
                event = text.dropFirst(6).trimmingCharacters(in: .whitespaces)
            } else if text.hasPrefix("data:") {
                let payload = text.dropFirst(5)
                data.append(String(payload.hasPrefix(" ") ? payload.dropFirst() : payload))
            }
        }
        return out
    }
}

/// Prometheus text format: the value of each sample, by metric name and labels.
struct WorkflowMetrics {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    let samples: [Sample]

    init(_ text: String) {
        var samples: [Sample] = []
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var name = line
            var labels: [String: String] = [:]
            var rest = ""
            if let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}") {
                name = String(line[..<open])
                for pair in line[line.index(after: open)..<close].split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else { continue }
                    labels[String(parts[0]).trimmingCharacters(in: .whitespaces)] = String(parts[1]).trimmingCharacters(
                        in: CharacterSet(charactersIn: "\" ")
                    )
                }
                rest = String(line[line.index(after: close)...])
            } else if let space = line.firstIndex(of: " ") {
                name = String(line[..<space])
                rest = String(line[space...])
            }
            guard let value = rest.split(separator: " ").first.flatMap({ Double($0) }) else { continue }
            samples.append(Sample(name: name, labels: labels, value: value))
        }
        self.samples = samples
    }

    /// The sum of every sample of `name` (over all label sets).
    func total(_ name: String) -> Double {
        samples.filter { $0.name == name }.reduce(0) { $0 + $1.value }
    }

    func contains(_ name: String) -> Bool { samples.contains { $0.name == name } }
}

extension JSONValue {
    /// The member `key` of an object.
    func field(_ key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var elements: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    var string: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    var bool: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// A number, whatever its JSON form (numeric columns may arrive as strings).
    var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .string(let text): return Double(text)
        default: return nil
        }
    }

    /// A comparable text form of a scalar: numbers rounded to cents (`3`, `3.0` and `"3.00"` agree).
    var normalizedText: String {
        if let number {
            let rounded = (number * 100).rounded() / 100
            return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
        }
        switch self {
        case .string(let text): return text
        case .bool(let value): return String(value)
        case .null: return "null"
        default: return "\(self)"
        }
    }
}
