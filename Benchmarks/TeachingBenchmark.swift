import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentRuntime
import QuerentTeaching

/// `querent-bench teaching [--examples 1000] [--rounds 20]`
///
/// What taught examples cost a question: over the trained SQLite sample, asks the query
/// benchmark's questions (generation and the gate, `execute: false`, in-process) with no
/// examples, then teaches `--examples` verified examples through the real knowledge service and
/// training pipeline (distinct questions with their own literals, so retrieval has that many to
/// rank), and asks the same questions again, plus paraphrases of taught examples that the
/// example answerer serves. Prints p50/p95 of each run and the extra at p95 (goal ≤ 5 ms at
/// 1,000 examples).
enum TeachingBenchmark {
    static let usage = "querent-bench teaching [--examples 1000] [--rounds 20]"

    static func run(_ arguments: [String]) async throws {
        let options = BenchmarkArguments(arguments)
        let count = options.int("--examples") ?? 1_000
        let rounds = options.int("--rounds") ?? 20
        var logger = Logger(label: "querent-bench")
        logger.logLevel = .error

        let sample = try await TrainedSample(logger: logger)
        let (dependencies, source, tenant) = (sample.dependencies, sample.source, sample.tenant)
        let training = dependencies.trainingPipeline()
        let pipeline = dependencies.queryPipeline()

        func latencies(_ questions: [String]) async throws -> (p50: Double, p95: Double, fromExamples: Int) {
            var values: [Double] = []
            var fromExamples = 0
            for _ in 0..<rounds {
                for question in questions {
                    let begin = ContinuousClock.now
                    let answer = try await pipeline.ask(question: question, sourceId: source.id, tenant: tenant, execute: false, logger: logger)
                    values.append(TrainingBenchmark.seconds(ContinuousClock.now - begin) * 1_000)
                    if answer.generation.explanation.hasPrefix("Answered from the taught example") { fromExamples += 1 }
                }
            }
            values.sort()
            func percentile(_ p: Double) -> Double { values[min(values.count - 1, Int(Double(values.count) * p))] }
            return (percentile(0.5), percentile(0.95), fromExamples / rounds)
        }

        let before = try await latencies(QueryBenchmark.questions)
        let knowledge = dependencies.knowledge()
        let taughtStarted = ContinuousClock.now
        for index in 0..<count {
            let (question, sql) = lesson(index)
            let example = try await knowledge.addExample(question: question, sql: sql, sourceId: source.id, tenant: tenant)
            try await training.run(
                TrainingJob(sourceId: source.id, tableName: "", tenant: tenant, trainingType: .example, exampleId: example.id),
                logger: logger
            )
        }
        let teaching = TrainingBenchmark.seconds(ContinuousClock.now - taughtStarted)
        await dependencies.contexts.invalidate(sourceId: source.id, tenant: tenant)
        let after = try await latencies(QueryBenchmark.questions)
        let paraphrases = (0..<8).map { paraphrase(($0 * 97) % count) }
        let served = try await latencies(paraphrases)

        // the two stages examples add: the vector search over them and the example answerer
        let material = try await dependencies.contexts.teaching(sourceId: source.id, tenant: tenant)
        let tables = try await dependencies.retriever().retrieve(question: QueryBenchmark.questions[0], sourceId: source.id, tenant: tenant)
        var search = Duration.zero
        var answering = Duration.zero
        for _ in 0..<rounds {
            for question in QueryBenchmark.questions {
                var begin = ContinuousClock.now
                let similar = try await dependencies.vectors.searchExamples(query: question, sourceId: source.id, tenant: tenant, limit: 20)
                search += ContinuousClock.now - begin
                let ids = Set(similar.compactMap(\.metadata.exampleId))
                let matches = material.examples.filter { ids.contains($0.id) }.prefix(5).map { ExampleMatch(example: $0, score: 0.5) }
                begin = ContinuousClock.now
                _ = ExampleAnswerer().answer(question, examples: Array(matches), tables: tables)
                answering += ContinuousClock.now - begin
            }
        }
        let calls = Double(rounds * QueryBenchmark.questions.count)
        await sample.remove()

        print(String(format: "taught %d examples in %.1f s (checked, run once, embedded)", count, teaching))
        print(String(format: "%d questions × %d rounds, execute: false, in-process", QueryBenchmark.questions.count, rounds))
        print(String(format: "  no examples:        p50 %.2f ms  p95 %.2f ms", before.p50, before.p95))
        print(String(format: "  %d examples:      p50 %.2f ms  p95 %.2f ms", count, after.p50, after.p95))
        print(
            String(
                format: "  paraphrases of taught examples: p50 %.2f ms  p95 %.2f ms, %d of 8 served from an example",
                served.p50,
                served.p95,
                served.fromExamples
            )
        )
        print(String(format: "  extra per question at p95: %.2f ms (goal ≤ 5)", after.p95 - before.p95))
        print(
            String(
                format: "  stages, mean: example vector search %.2f ms, example answerer (5 candidates) %.2f ms",
                TrainingBenchmark.seconds(search) * 1_000 / calls,
                TrainingBenchmark.seconds(answering) * 1_000 / calls
            )
        )
    }

    static let countries = ["Germany", "France", "Spain", "Italy", "Portugal", "Sweden", "Poland", "Austria", "Belgium", "Denmark"]

    /// The `index`th taught example: questions with their own literals over the sample schema.
    static func lesson(_ index: Int) -> (question: String, sql: String) {
        let country = countries[index % countries.count]
        let number = 10 + index
        switch index % 4 {
        case 0:
            return (
                "How many customers from \(country) have id above \(number)?",
                "SELECT COUNT(*) FROM customers WHERE country = '\(country)' AND id > \(number)"
            )
        case 1: return ("Which products cost more than \(number) dollars?", "SELECT name FROM products WHERE unit_price > \(number)")
        case 2:
            return (
                "How many orders shipped to \(country) have id below \(number)?",
                "SELECT COUNT(*) FROM orders WHERE ship_country = '\(country)' AND id < \(number)"
            )
        default:
            return (
                "List the suppliers in \(country) with id under \(number)",
                "SELECT company_name FROM suppliers WHERE country = '\(country)' AND id < \(number)"
            )
        }
    }

    /// A paraphrase of the `index`th example with another number.
    static func paraphrase(_ index: Int) -> String {
        let country = countries[(index + 1) % countries.count]
        let number = 5 + index
        switch index % 4 {
        case 0: return "Count the customers from \(country) whose id is above \(number)."
        case 1: return "Show the products that cost more than \(number) dollars."
        case 2: return "Number of orders shipped to \(country) with id below \(number)?"
        default: return "Show the suppliers in \(country) with id under \(number)."
        }
    }
}
