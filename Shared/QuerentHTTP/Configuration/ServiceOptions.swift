import ArgumentParser
import Foundation
import Logging

/// The options every Querent executable shares. Each falls back to an environment variable,
/// then to a default; secrets come from the environment only (see ``ServiceEnvironment``).
public struct ServiceOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Interface to listen on (env HOST, default 127.0.0.1).")
    public var hostname: String?

    @Option(name: .long, help: "Port to listen on (env PORT).")
    public var port: Int?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical (env LOG_LEVEL, default info).")
    public var logLevel: String?

    public init() {}

    /// The interface, resolved.
    public func resolvedHostname(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        hostname ?? environment["HOST"] ?? "127.0.0.1"
    }

    /// The port, resolved against `defaultPort`.
    public func resolvedPort(default defaultPort: Int, environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        port ?? environment["PORT"].flatMap(Int.init) ?? defaultPort
    }

    /// The root logger of the process, named after the service.
    public func makeLogger(label: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = (logLevel ?? environment["LOG_LEVEL"]).flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        return logger
    }
}
