import Foundation
import QuerentCore

/// Keeps drivers to customer databases open between requests and jobs, one per source, so a
/// trainer does not reconnect for every table. A driver idle longer than `idleTimeout` is
/// closed; a source whose connection details change gets a new driver.
public actor DriverCache {
    private struct Entry {
        var key: String
        var driver: Task<any DatabaseDriver, any Error>
        var lastUsed: ContinuousClock.Instant
    }

    private let connector: any DatabaseConnector
    private let idleTimeout: Duration
    private var entries: [String: Entry] = [:]

    public init(connector: any DatabaseConnector, idleTimeout: Duration = .seconds(60)) {
        self.connector = connector
        self.idleTimeout = idleTimeout
    }

    /// The open driver for `sourceId`, connecting when there is none.
    /// - Parameters:
    ///   - key: identifies the connection details (the sealed connection), so new details
    ///     replace the old driver.
    ///   - spec: the connection details, asked for only when a driver has to be connected.
    func driver(
        sourceId: String,
        key: String,
        dialect: Dialect,
        spec: @Sendable () throws -> ConnectionSpec
    ) async throws -> any DatabaseDriver {
        let now = ContinuousClock.now
        await closeIdle(now: now)
        if let entry = entries[sourceId], entry.key == key {
            entries[sourceId]?.lastUsed = now
            return try await entry.driver.value
        }
        let spec = try spec()
        if let stale = entries.removeValue(forKey: sourceId) { await Self.close(stale) }
        let connector = connector
        let task = Task { try await connector.connect(dialect: dialect, spec: spec) }
        entries[sourceId] = Entry(key: key, driver: task, lastUsed: now)
        do {
            return try await task.value
        } catch {
            if entries[sourceId]?.key == key { entries[sourceId] = nil }
            throw error
        }
    }

    /// Closes and forgets the driver of `sourceId` (the source was deleted).
    public func evict(_ sourceId: String) async {
        if let entry = entries.removeValue(forKey: sourceId) { await Self.close(entry) }
    }

    /// Closes every driver.
    public func closeAll() async {
        let all = entries.values
        entries.removeAll()
        for entry in all { await Self.close(entry) }
    }

    private func closeIdle(now: ContinuousClock.Instant) async {
        let idle = entries.filter { now - $0.value.lastUsed > idleTimeout }
        for (sourceId, entry) in idle {
            entries[sourceId] = nil
            await Self.close(entry)
        }
    }

    private static func close(_ entry: Entry) async {
        if let driver = try? await entry.driver.value { await driver.close() }
    }
}
