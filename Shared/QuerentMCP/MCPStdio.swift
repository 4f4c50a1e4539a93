import Foundation

/// The stdio transport: one JSON-RPC message per line on stdin, one per line on stdout;
/// nothing else is written to stdout (logs go to stderr).
public enum MCPStdio {
    /// Answers every line of `lines` in turn, writing each response as one line, until the
    /// input ends.
    public static func serve(_ connection: MCPConnection, lines: AsyncStream<String>, write: @Sendable (Data) -> Void) async {
        for await line in lines {
            let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { continue }
            if let response = await connection.receive(Data(text.utf8)) {
                write(response + Data("\n".utf8))
            }
        }
    }

    /// The lines of standard input, read on a thread of their own (a blocking read must not
    /// hold a thread of the cooperative pool); the stream ends at end of input.
    public static func standardInputLines() -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                while let line = readLine(strippingNewline: true) { continuation.yield(line) }
                continuation.finish()
            }
            thread.start()
        }
    }

    /// Writes to standard output at once (no buffering: the client waits for the line).
    @Sendable public static func writeStandardOutput(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }
}
