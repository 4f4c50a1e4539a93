import ArgumentParser
import Foundation
import QuerentCore

/// `querent train SOURCE [TABLE…|--all]`: queues training and follows it live.
struct TrainCommand: APICommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train tables of a source and follow their progress until each is done.",
        discussion: """
            Shows one progress line per table (stage and percent), redrawn in place on a terminal and \
            printed as plain lines otherwise. Exits 1 when any table failed.

            Examples:
              querent train sample orders customers
              querent train shop --all
            \(CLIHelp.footer)
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The source: its id or name.")
    var source: String

    @Argument(help: "Tables to train (canonical names).")
    var tables: [String] = []

    @Flag(help: "Train every table and view of the source.")
    var all = false

    @Option(help: "Stop waiting after this many seconds.")
    var timeout = 600

    func validate() throws {
        guard tables.isEmpty == all else { throw ValidationError("name the tables to train, or pass --all (not both)") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    /// A training event (`training-events`) or a status (`training-status`) of one job.
    struct Update: Decodable {
        var jobId: String?
        var tableName: String
        var state: String?
        var stage: String?
        var progress: Int?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case state, stage, progress, error
            case jobId = "job_id"
            case tableName = "table_name"
        }
    }

    struct Jobs: Decodable {
        struct Job: Decodable {
            var table: String
            var jobId: String
            enum CodingKeys: String, CodingKey {
                case table
                case jobId = "job_id"
            }
        }
        var jobs: [Job]
    }

    func run(_ api: APIClient) async throws {
        let sourceId = try await api.sourceId(source)
        var names = tables
        if all {
            names = try await api.get(APIClient.sourcesPath(sourceId, "tables"), as: TablesCommand.List.self).tables.map(\.name)
            guard !names.isEmpty else { throw CLIError(message: "source '\(source)' has no tables") }
        }
        // Subscribe before queueing, so no event of these jobs is missed.
        let events = try await api.events(APIClient.sourcesPath(sourceId, "training-events"), timeout: .seconds(timeout))
        let jobs: Jobs = try await api.post(APIClient.sourcesPath(sourceId, "train"), ["tables": names])
        var board = ProgressBoard(jobs: jobs.jobs.map { ($0.table, $0.jobId) }, redraw: Terminal.isInteractive)
        board.draw()

        let (updates, sink) = AsyncStream<Update>.makeStream()
        let ids = Set(jobs.jobs.map(\.jobId))
        let watchers = [
            Task {
                for try await payload in events {
                    if let update = try? JSONDecoder().decode(Update.self, from: Data(payload.utf8)) { sink.yield(update) }
                }
            },
            // The status route as a fallback, should an event be lost.
            Task {
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(2))
                    for job in jobs.jobs {
                        let path = APIClient.sourcesPath(sourceId, "tables", job.table, "training-status")
                        if let status = try? await api.get(path, as: Update.self) { sink.yield(status) }
                    }
                }
            },
            Task {
                try await Task.sleep(for: .seconds(timeout))
                sink.finish()
            },
        ]
        for await update in updates where update.jobId.map(ids.contains) == true {
            if board.apply(update) { board.draw() }
            if board.isFinished { break }
        }
        for watcher in watchers { watcher.cancel() }
        board.finish()

        let failed = board.rows.filter { $0.state == "failed" }.count
        let unfinished = board.rows.filter { $0.state != "failed" && $0.state != "completed" }.count
        print("\(board.rows.count - failed - unfinished) trained, \(failed) failed" + (unfinished > 0 ? ", \(unfinished) still running" : ""))
        if failed > 0 || unfinished > 0 { throw ExitCode(CLIError.failed) }
    }
}

/// The progress lines of `querent train`, one per table.
struct ProgressBoard {
    struct Row {
        var table: String
        var jobId: String
        var state = "queued"
        var stage = "queued"
        var progress = 0
        var error: String?
    }

    private(set) var rows: [Row]
    /// Redraw the lines in place (a terminal) instead of printing each change.
    let redraw: Bool
    private var drawn = false
    private var changed: Set<Int> = []

    init(jobs: [(table: String, jobId: String)], redraw: Bool) {
        rows = jobs.map { Row(table: $0.table, jobId: $0.jobId) }
        self.redraw = redraw
        changed = Set(rows.indices)
    }

    var isFinished: Bool { rows.allSatisfy { $0.state == "completed" || $0.state == "failed" } }

    /// Applies an update of one of the jobs; whether a line changed. A finished line stays as it is.
    mutating func apply(_ update: TrainCommand.Update) -> Bool {
        guard let index = rows.firstIndex(where: { $0.jobId == update.jobId }), rows[index].state != "completed", rows[index].state != "failed"
        else { return false }
        var row = rows[index]
        row.state = update.state ?? row.state
        row.stage = update.stage ?? row.stage
        row.progress = update.state == "completed" ? 100 : update.progress ?? row.progress
        row.error = update.error ?? row.error
        guard row.state != rows[index].state || row.stage != rows[index].stage || row.progress != rows[index].progress else { return false }
        rows[index] = row
        changed.insert(index)
        return true
    }

    private func line(_ row: Row) -> String {
        let width = rows.map(\.table.count).max() ?? 0
        let filled = row.progress / 5
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled) + "]"
        let percent = String(row.progress).leftPadded(to: 3)
        var text = "\(row.table.padding(toLength: width, withPad: " ", startingAt: 0))  \(bar) \(percent)%  \(row.stage)"
        if row.state == "failed", let error = row.error { text += ": \(error)" }
        return text
    }

    /// On a terminal, rewrites every line in place; otherwise prints the lines that changed.
    mutating func draw() {
        if redraw {
            var text = drawn ? "\u{1B}[\(rows.count)A" : ""
            for row in rows { text += "\r\u{1B}[2K" + line(row) + "\n" }
            Terminal.write(text)
            drawn = true
        } else {
            for index in changed.sorted() { Terminal.write(line(rows[index]) + "\n") }
        }
        changed = []
    }

    /// The final state of every line, drawn once more on a terminal.
    mutating func finish() {
        if redraw { draw() }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
