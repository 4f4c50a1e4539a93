import Foundation
import QuerentCore
import QuerentTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `querent mcp` as an MCP client launches it: a home `querent serve` prepared (sample
/// registered and trained), then a scripted client over the child's stdin and stdout.
@Suite(.serialized) struct MCPStdioTests {
    /// A child `querent mcp`, read line by line on a thread of its own.
    final class StdioServer: @unchecked Sendable {
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        let errors: String
        private let lock = NSLock()
        private var lines: [String] = []
        private var buffer = Data()
        private var nextId: Int64 = 0

        init(arguments: [String], errorLog: String) throws {
            process.executableURL = URL(fileURLWithPath: try PackageLayout.executable("querent"))
            process.arguments = ["mcp"] + arguments
            var environment: [String: String] = [:]
            for key in ProcessHarness.inheritedVariables { environment[key] = ProcessInfo.processInfo.environment[key] }
            process.environment = environment.compactMapValues { $0 }
            process.standardInput = input
            process.standardOutput = output
            _ = FileManager.default.createFile(atPath: errorLog, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: errorLog)
            errors = errorLog
            output.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let data = handle.availableData
                guard let self, !data.isEmpty else { return }
                self.lock.withLock {
                    self.buffer.append(data)
                    while let newline = self.buffer.firstIndex(of: 0x0A) {
                        self.lines.append(String(decoding: self.buffer[..<newline], as: UTF8.self))
                        self.buffer.removeSubrange(...newline)
                    }
                }
            }
            try process.run()
        }

        func send(_ line: String) {
            input.fileHandleForWriting.write(Data((line + "\n").utf8))
        }

        /// The next line of stdout (each must be one JSON-RPC message).
        func nextLine(timeout: Duration = .seconds(30)) async throws -> String {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let line = lock.withLock({ lines.isEmpty ? nil : lines.removeFirst() }) { return line }
                try await Task.sleep(for: .milliseconds(10))
            }
            throw TimeoutError(description: "no answer from querent mcp; stderr:\n\((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")")
        }

        func request(_ method: String, _ params: JSONValue) async throws -> JSONValue {
            nextId += 1
            let id = nextId
            let message: JSONValue = .object(["jsonrpc": .string("2.0"), "id": .int(id), "method": .string(method), "params": params])
            send(String(decoding: try JSONEncoder.querent.encode(message), as: UTF8.self))
            let line = try await nextLine()
            let response = try #require(JSONValue.parse(line), "not JSON on stdout: \(line)")
            #expect(response["id"] == .int(id) && response["jsonrpc"] == .string("2.0"), "\(response)")
            return response
        }

        func stop() async throws -> Int32 {
            try? input.fileHandleForWriting.close()
            try await Polling.until("querent mcp exits at end of input", timeout: .seconds(20)) { !self.process.isRunning }
            output.fileHandleForReading.readabilityHandler = nil
            return process.terminationStatus
        }

        deinit {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }

    struct TimeoutError: Error, CustomStringConvertible { var description: String }

    /// Runs `querent serve --home` until its banner (sample trained), then stops it; returns the
    /// banner's token.
    static func prepareHome(_ home: String, harness: ProcessHarness) async throws -> String {
        let serve = try harness.launch(
            try PackageLayout.executable("querent"),
            name: "querent-serve",
            arguments: ["serve", "--home", home, "--port", "0", "--hostname", "127.0.0.1"],
            environment: [:]
        )
        try await Polling.until("querent serve prints its token", timeout: .seconds(120), detail: { serve.logTail() }) {
            serve.output().contains("export TOKEN=")
        }
        let token = try #require(
            serve.output().split(separator: "\n").first { $0.contains("export TOKEN=") }?.split(separator: "=", maxSplits: 1).last
        )
        serve.signal(SIGTERM)
        _ = try await serve.waitForExit(timeout: .seconds(30))
        return String(token)
    }

    @Test func aScriptedClientUsesEveryToolAndResource() async throws {
        try await withProcessHarness { harness in
            let home = harness.directory.path("home")
            let token = try await Self.prepareHome(home, harness: harness)

            let server = try StdioServer(arguments: ["--home", home], errorLog: harness.directory.path("mcp.log"))
            try await MCPConversation(request: server.request) { method in
                server.send(#"{"jsonrpc":"2.0","method":"\#(method)"}"#)
            }.run()
            // Lines that are not messages get JSON-RPC errors; the server keeps going.
            server.send("{not json")
            #expect(JSONValue.parse(try await server.nextLine())?["error"]?["code"] == .int(-32700))
            server.send(#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#)
            #expect(JSONValue.parse(try await server.nextLine())?["error"]?["code"] == .int(-32600))
            server.send(#"{"jsonrpc":"1.0","id":7,"method":"ping"}"#)
            let invalid = JSONValue.parse(try await server.nextLine())
            #expect(invalid?["error"]?["code"] == .int(-32600) && invalid?["id"] == .int(7))
            #expect(try await server.request("ping", .object([:]))["result"] == .object([:]))
            #expect(try await server.stop() == 0)

            // --token: the token's tenant (the demo tenant here), checked with the home's secret.
            let withToken = try StdioServer(arguments: ["--home", home, "--token", token], errorLog: harness.directory.path("mcp-token.log"))
            let initialized = try await withToken.request(
                "initialize",
                .object([
                    "protocolVersion": .string("1999-01-01"), "capabilities": .object([:]),
                    "clientInfo": .object(["name": .string("t"), "version": .string("1")]),
                ])
            )
            #expect(initialized["result"]?["protocolVersion"] == .string("2025-11-25"), "an unknown version gets the newest")
            let sources = try await withToken.request("tools/call", .object(["name": .string("list_sources"), "arguments": .object([:])]))
            #expect(sources["result"]?["structuredContent"]?["sources"]?.array?.first?["name"] == .string("sample"), "\(sources)")
            #expect(try await withToken.stop() == 0)

            let forged = try StdioServer(
                arguments: ["--home", home, "--token", TestTokens.forged(for: Tenant(userId: "demo", agentId: "default"))],
                errorLog: harness.directory.path("mcp-forged.log")
            )
            #expect(try await forged.stop() != 0, "a token the home did not sign is refused")
        }
    }
}
