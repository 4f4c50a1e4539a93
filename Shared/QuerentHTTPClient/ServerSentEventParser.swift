import Foundation

/// Splits a Server-Sent Events body, fed in arbitrary pieces, into the payloads of its `data:` lines.
///
/// Lines are cut on bytes, so a piece that ends inside a multi-byte character or mid-line is
/// kept until the rest arrives. Comments (`:`), `event:`/`id:` fields and blank lines are skipped.
struct ServerSentEventParser {
    private var pending = Data()
    /// Everything fed while no `data:` line had been seen, in case the body is not an event stream at all.
    private(set) var unparsed = Data()
    private(set) var sawEvents = false

    /// The payloads of the lines `chunk` completes, in order.
    mutating func feed(_ chunk: Data) -> [String] {
        if !sawEvents { unparsed.append(chunk) }
        pending.append(chunk)
        var payloads: [String] = []
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = pending[pending.startIndex..<newline]
            pending = Data(pending[pending.index(after: newline)...])
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let text = String(decoding: line, as: UTF8.self)
            guard text.hasPrefix("data:") else { continue }
            let payload = text.dropFirst(5)
            payloads.append(String(payload.hasPrefix(" ") ? payload.dropFirst() : payload))
        }
        if !payloads.isEmpty, !sawEvents {
            sawEvents = true
            unparsed = Data()
        }
        return payloads
    }

    /// The payload of a last line the body ended without a newline.
    mutating func finish() -> [String] { feed(Data([UInt8(ascii: "\n")])) }
}
