import Logging
import Synchronization

/// Collects every log event in memory so tests can inspect what a component logged.
///
/// Never bootstraps `LoggingSystem`: build a `Logger` with ``logger(label:level:)`` and pass it
/// to the component (Hummingbird `Application(logger:)`, a service, …).
public final class LogCapture: Sendable {
    /// One captured event, flattened to text.
    public struct Entry: Sendable, CustomStringConvertible {
        public var label: String
        public var level: Logger.Level
        public var message: String
        /// Handler metadata, provider metadata and call-site metadata, merged, values as text.
        public var metadata: [String: String]
        /// `String(reflecting:)` of the event's error, if one was attached.
        public var error: String?

        public var description: String {
            var text = "[\(level)] \(label): \(message)"
            for key in metadata.keys.sorted() { text += " \(key)=\(metadata[key]!)" }
            if let error { text += " error=\(error)" }
            return text
        }
    }

    private let storage = Mutex<[Entry]>([])

    public init() {}

    /// A logger whose events land in this capture.
    public func logger(label: String = "test", level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label) { label in CapturingLogHandler(label: label, capture: self) }
        logger.logLevel = level
        return logger
    }

    public var entries: [Entry] { storage.withLock { $0 } }

    /// Every entry, one per line: what a test searches for leaked secrets.
    public var text: String { entries.map(\.description).joined(separator: "\n") }

    /// Entries whose message is exactly `message`.
    public func entries(withMessage message: String) -> [Entry] { entries.filter { $0.message == message } }

    public func removeAll() { storage.withLock { $0.removeAll() } }

    fileprivate func append(_ entry: Entry) { storage.withLock { $0.append(entry) } }
}

struct CapturingLogHandler: LogHandler {
    let label: String
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    init(label: String, capture: LogCapture) {
        self.label = label
        self.capture = capture
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let given = event.metadata { merged.merge(given) { _, new in new } }
        capture.append(
            LogCapture.Entry(
                label: label,
                level: event.level,
                message: event.message.description,
                metadata: merged.mapValues { $0.description },
                error: event.error.map { String(reflecting: $0) }
            )
        )
    }
}

/// A quiet logger for servers under test: critical events only.
public func quietLogger(_ label: String = "test") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .critical
    return logger
}
