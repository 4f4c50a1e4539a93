import Foundation
import QuerentIO
import QuerentTesting
import Testing

/// The client subcommands of the built `querent` (`sources`, `tables`, `schema`, `train`, `ask`,
/// `sql`, `history`, `examples`) against a `querent serve` the suite starts on a free port with a
/// fresh home; the token is the default one the CLI signs with that home's secret.
@Suite("querent client commands", .serialized, .liveQuerent)
struct QuerentCLITests {
    @Test func sourcesListShowsTheSample() async throws {
        let run = try await CLI.run("sources", "list")
        #expect(run.status == 0, "\(run)")
        let line = try #require(run.lines.first { $0.contains(" sample ") }, "\(run)")
        #expect(line.contains("sqlite") && line.contains("sample.sqlite"))
        #expect(run.lines.first?.hasPrefix("id ") == true)
    }

    @Test func sourcesAddTestRemoveRoundTrip() async throws {
        let sample = try LiveQuerent.require().home + "/sample.sqlite"
        let test = try await CLI.run("sources", "test", "--dialect", "sqlite", "--connection", sample)
        #expect(test.status == 0 && test.stdout.hasPrefix("ok: "), "\(test)")
        let add = try await CLI.run("sources", "add", "--name", "copy", "--dialect", "sqlite", "--connection", sample)
        #expect(add.status == 0 && add.stdout.hasPrefix("added copy (sqlite"), "\(add)")
        #expect(try await CLI.run("sources", "list").lines.contains { $0.contains(" copy ") })
        let remove = try await CLI.run("sources", "remove", "copy")
        #expect(remove.status == 0 && remove.stdout.hasPrefix("removed copy"), "\(remove)")
        #expect(try await CLI.run("sources", "list").lines.allSatisfy { !$0.contains(" copy ") })
        let again = try await CLI.run("sources", "remove", "copy")
        #expect(again.status == 1 && again.stderr.contains("(not_found)"), "\(again)")
    }

    @Test func sourcesAddReportsAConnectionFailure() async throws {
        let run = try await CLI.run("sources", "add", "--name", "gone", "--dialect", "sqlite", "--connection", "/nonexistent/x.sqlite")
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.contains("("), "\(run)")
        #expect(run.stdout.isEmpty)
    }

    @Test func tablesListsOrders() async throws {
        let run = try await CLI.run("tables", "sample")
        #expect(run.status == 0, "\(run)")
        let orders = try #require(run.lines.first { $0.hasPrefix("orders ") }, "\(run)")
        #expect(orders.contains("table") && orders.hasSuffix("yes"))
        let csv = try await CLI.run("tables", "sample", "--format", "csv")
        #expect(csv.lines.first == "table,kind,rows,trained")
        #expect(csv.lines.contains { $0.hasPrefix("orders,table,") })
    }

    @Test func schemaShowsColumnsAndForeignKeys() async throws {
        let run = try await CLI.run("schema", "sample", "orders")
        #expect(run.status == 0, "\(run)")
        #expect(run.lines.first?.hasPrefix("orders (table") == true, "\(run)")
        #expect(run.lines.contains { $0.hasPrefix("customer_id ") && $0.contains("customers.id") }, "\(run)")
        #expect(run.lines.contains { $0.hasPrefix("id ") && $0.contains("PK") }, "\(run)")
        let missing = try await CLI.run("schema", "sample", "no_such_table")
        #expect(missing.status == 1 && missing.stderr.contains("no_such_table"), "\(missing)")
    }

    @Test func askPrintsTheSQLItsConfidenceAndTheCount() async throws {
        let expected = try await Self.orderCount()
        let run = try await CLI.run("ask", "--source", "sample", "How many orders are there?")
        #expect(run.status == 0, "\(run)")
        #expect(run.lines.first?.hasPrefix("SQL:") == true && run.stdout.contains("FROM orders"), "\(run)")
        #expect(run.lines.contains { $0.hasPrefix("Confidence:") && Double($0.dropFirst(11).trimmingCharacters(in: .whitespaces)) != nil }, "\(run)")
        #expect(run.lines.contains { $0.trimmingCharacters(in: .whitespaces) == expected }, "\(run)")
        #expect(run.lines.last?.hasPrefix("(1 row, ") == true, "\(run)")
        // The only source is the default.
        let implicit = try await CLI.run("ask", "How", "many", "orders", "are", "there?")
        #expect(implicit.status == 0 && implicit.lines.contains { $0.trimmingCharacters(in: .whitespaces) == expected }, "\(implicit)")
    }

    @Test func askFormatsCSVAndJSON() async throws {
        let expected = try await Self.orderCount()
        let csv = try await CLI.run("ask", "--source", "sample", "How many orders are there?", "--format", "csv")
        #expect(csv.status == 0 && csv.lines.count == 2 && csv.lines[1] == expected, "\(csv)")
        let json = try await CLI.run("ask", "--source", "sample", "How many orders are there?", "--format", "json")
        #expect(json.status == 0, "\(json)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json)")
        let generation = try #require(answer["generation"] as? [String: Any])
        #expect((generation["sql"] as? String)?.contains("FROM orders") == true)
        let result = try #require(answer["result"] as? [String: Any])
        #expect(result["row_count"] as? Int == 1 && result["success"] as? Bool == true)
    }

    @Test func askSQLOnlyAndNoExecute() async throws {
        let sqlOnly = try await CLI.run("ask", "--source", "sample", "--sql-only", "How many orders are there?")
        #expect(sqlOnly.status == 0 && sqlOnly.lines.count == 1 && sqlOnly.stdout.hasPrefix("SELECT"), "\(sqlOnly)")
        let noExecute = try await CLI.run("ask", "--source", "sample", "--no-execute", "How many orders are there?")
        #expect(noExecute.status == 0 && noExecute.stdout.contains("SQL:") && noExecute.stdout.contains("Confidence:"), "\(noExecute)")
        // No result: no blank line, table or row count after the SQL, confidence and explanation.
        #expect(noExecute.stdout.split(separator: "\n").count == 3 && !noExecute.lines.contains { $0.hasPrefix("(") }, "\(noExecute)")
        let conflict = try await CLI.run("ask", "--no-execute", "--format", "csv", "How many orders are there?")
        #expect(conflict.status == 64, "\(conflict)")
    }

    @Test func sqlRunsASelectAndRefusesAHostileStatement() async throws {
        let run = try await CLI.run("sql", "sample", "SELECT status, count(*) AS n FROM orders GROUP BY status ORDER BY status")
        #expect(run.status == 0 && run.lines.first?.hasPrefix("status") == true, "\(run)")
        #expect(run.lines.contains { $0.hasPrefix("cancelled ") }, "\(run)")
        let hostile = try await CLI.run("sql", "sample", "DELETE FROM orders")
        #expect(hostile.status == 1, "\(hostile)")
        #expect(hostile.stderr.hasPrefix("error: ") && hostile.stderr.contains("DELETE"), "\(hostile)")
        #expect(hostile.stdout.isEmpty, "\(hostile)")
        #expect(try await Self.orderCount() != "0")
    }

    @Test func anUnknownSourceExitsWithTheAPIMessage() async throws {
        for arguments in [["tables", "nosuch"], ["sql", "nosuch", "SELECT 1"], ["history", "nosuch"], ["ask", "--source", "nosuch", "hi"]] {
            let run = try await CLI.run(arguments)
            #expect(run.status == 1, "\(arguments): \(run)")
            #expect(run.stderr.contains("nosuch") && run.stderr.contains("(not_found)"), "\(arguments): \(run)")
        }
    }

    @Test func trainFollowsATrainedTableTo100Percent() async throws {
        let run = try await CLI.run("train", "sample", "orders")
        #expect(run.status == 0, "\(run)")
        #expect(run.lines.contains { $0.hasPrefix("orders ") && $0.contains("100%") && $0.hasSuffix("complete") }, "\(run)")
        #expect(run.lines.last == "1 trained, 0 failed", "\(run)")
        // Not a terminal: plain lines, no carriage returns or escape sequences.
        #expect(!run.stdout.contains("\r") && !run.stdout.contains("\u{1B}"))
        let unknown = try await CLI.run("train", "sample", "no_such_table")
        #expect(unknown.status == 1 && unknown.stderr.contains("no_such_table"), "\(unknown)")
        let usage = try await CLI.run("train", "sample")
        #expect(usage.status == 64, "\(usage)")
    }

    @Test func historyListsWhatRan() async throws {
        let sql = "SELECT count(*) AS history_probe FROM customers"
        #expect(try await CLI.run("sql", "sample", sql).status == 0)
        let run = try await CLI.run("history", "sample", "--limit", "5")
        #expect(run.status == 0 && run.lines.first?.hasPrefix("id ") == true, "\(run)")
        #expect(run.lines.contains { $0.contains(sql) && $0.contains(" sql ") }, "\(run)")
        let json = try await CLI.run("history", "sample", "--limit", "1", "--format", "json")
        let page = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json)")
        #expect((page["history"] as? [Any])?.count == 1)
    }

    @Test func examplesAddListRemoveRoundTrip() async throws {
        let question = "How many cancelled orders are on record?"
        let add = try await CLI.run(
            "examples",
            "add",
            "--source",
            "sample",
            "--question",
            question,
            "--sql",
            "SELECT count(*) FROM orders WHERE status = 'cancelled'"
        )
        #expect(add.status == 0 && add.stdout.hasPrefix("added example "), "\(add)")
        let id = try #require(add.stdout.split(separator: " ").dropFirst(2).first.map(String.init), "\(add)")
        let list = try await CLI.run("examples", "list", "--source", "sample")
        #expect(list.status == 0 && list.lines.contains { $0.hasPrefix(id) && $0.contains(question) }, "\(list)")
        let remove = try await CLI.run("examples", "remove", "--source", "sample", id)
        #expect(remove.status == 0 && remove.stdout == "removed example \(id)\n", "\(remove)")
        #expect(try await CLI.run("examples", "list", "--source", "sample").lines.allSatisfy { !$0.hasPrefix(id) })
        let refused = try await CLI.run("examples", "add", "--source", "sample", "--question", "drop it", "--sql", "DROP TABLE orders")
        #expect(refused.status == 1 && refused.stderr.hasPrefix("error: "), "\(refused)")
    }

    @Test func tokensAndUnreachableServers() async throws {
        let server = try LiveQuerent.require()
        // No home to sign with and no token: the API's 401 message.
        let elsewhere = try TemporaryDirectory(prefix: "querent-cli-nohome")
        let anonymous = try await CLI.run(["sources", "list"], home: elsewhere.path)
        #expect(anonymous.status == 1 && anonymous.stderr.contains("(unauthorized)"), "\(anonymous)")
        let explicit = try await CLI.run(["sources", "list", "--token", server.token], home: elsewhere.path)
        #expect(explicit.status == 0 && explicit.stdout.contains(" sample "), "\(explicit)")
        let environment = try await CLI.run(["sources", "list"], home: elsewhere.path, extra: ["QUERENT_TOKEN": server.token])
        #expect(environment.status == 0, "\(environment)")
        let unreachable = try await CLI.run(["sources", "list", "--url", "http://127.0.0.1:1"])
        #expect(unreachable.status == 3 && unreachable.stderr.contains("cannot reach"), "\(unreachable)")
    }

    @Test(arguments: [
        ["sources"], ["sources", "list"], ["sources", "add"], ["sources", "test"], ["sources", "remove"], ["tables"], ["schema"], ["train"],
        ["ask"], ["sql"], ["history"], ["examples"], ["examples", "add"], ["examples", "list"], ["examples", "remove"],
    ])
    func helpHasAnExample(_ command: [String]) async throws {
        let run = try await CLI.run(command + ["--help"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Example") && run.stdout.contains("querent \(command[0])"), "\(run)")
        #expect(run.stdout.contains("--url") || command == ["sources"] || command == ["examples"], "\(run)")
    }

    @Test func completionScriptsNameTheCommands() async throws {
        for shell in ["bash", "zsh", "fish"] {
            let run = try await CLI.run("--generate-completion-script", shell)
            #expect(run.status == 0, "\(shell): \(run)")
            for command in ["sources", "tables", "schema", "train", "ask", "sql", "history", "examples"] {
                #expect(run.stdout.contains(command), "\(shell) completion lacks \(command)")
            }
        }
    }

    /// `SELECT count(*) FROM orders` through `querent sql`, as text.
    static func orderCount() async throws -> String {
        let run = try await CLI.run("sql", "sample", "SELECT count(*) AS n FROM orders", "--format", "csv")
        #expect(run.status == 0 && run.lines.count == 2, "\(run)")
        return run.lines.last ?? ""
    }
}
