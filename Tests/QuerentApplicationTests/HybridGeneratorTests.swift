import Foundation
import QuerentTesting
import Testing

@testable import QuerentApplication
@testable import QuerentCore
@testable import QuerentGeneration
@testable import QuerentLLMGeneration

/// The `hybrid` generator over the sample database with a scripted model: the built-in answer
/// stands when confident, otherwise execution chooses between it and the model's.
@Suite struct HybridGeneratorTests {
    static let question = "How many orders were cancelled?"
    static let countSQL = "SELECT count(*) FROM orders WHERE status = 'cancelled'"

    func harness(replies: [ScriptedChatModel.Reply], threshold: Double) async throws -> (QueryHarness, ScriptedChatModel, String) {
        let model = ScriptedChatModel(replies)
        let harness = try await QueryHarness(generators: [BuiltinSQLGenerator(), LLMSQLGenerator(model: model)], hybridThreshold: threshold)
        return (harness, model, try await harness.registerSample())
    }

    func ask(_ harness: QueryHarness, _ source: String, _ question: String = question, execute: Bool = true) async throws -> QueryAnswer {
        try await harness.pipeline.ask(
            question: question,
            sourceId: source,
            tenant: QueryHarness.tenant,
            generator: "hybrid",
            execute: execute,
            logger: harness.logger
        )
    }

    @Test func isOfferedOnlyWithBothGenerators() async throws {
        let (harness, _, _) = try await harness(replies: [], threshold: 0.6)
        #expect(harness.pipeline.generatorNames == ["builtin", "hybrid", "llm"])
        let builtinOnly = try await QueryHarness()
        #expect(builtinOnly.pipeline.generatorNames == ["builtin"])
        let source = try await builtinOnly.registerSample(training: ["orders"])
        await #expect(throws: ServiceError.self) {
            try await builtinOnly.pipeline.ask(
                question: Self.question,
                sourceId: source,
                tenant: QueryHarness.tenant,
                generator: "hybrid",
                logger: builtinOnly.logger
            )
        }
    }

    @Test func aConfidentBuiltinAnswerStandsWithoutAskingTheModel() async throws {
        let (harness, model, source) = try await harness(replies: [], threshold: 0.05)
        let answer = try await ask(harness, source)
        #expect(model.asked.isEmpty)
        #expect(answer.generation.generator == "hybrid")
        #expect(answer.generation.explanation.contains("confident"))
        #expect(answer.result?.success == true)
        let history = try await harness.pipeline.history(sourceId: source, tenant: QueryHarness.tenant, before: nil, limit: 5)
        #expect(history.map(\.generator) == ["hybrid"])
    }

    @Test func answersThatAgreeRaiseTheConfidence() async throws {
        let (harness, model, source) = try await harness(replies: [.text("```sql\n\(Self.countSQL)\n```")], threshold: 1.01)
        let builtin = try await harness.pipeline.ask(
            question: Self.question,
            sourceId: source,
            tenant: QueryHarness.tenant,
            generator: "builtin",
            logger: harness.logger
        )
        let answer = try await ask(harness, source)
        #expect(model.asked.count == 1)
        #expect(answer.generation.explanation.contains("same result"))
        #expect(answer.generation.confidence > builtin.generation.confidence)
        #expect(answer.result?.success == true)
    }

    @Test func aDifferentModelAnswerKeepsTheBuiltinOneWithLowConfidence() async throws {
        let modelSQL = "SELECT status, count(*) AS n FROM orders GROUP BY status"
        let (harness, model, source) = try await harness(replies: [.text("```sql\n\(modelSQL)\n```")], threshold: 1.01)
        let answer = try await ask(harness, source)
        #expect(model.asked.count == 1)
        #expect(!answer.generation.sql.contains("GROUP BY"))
        #expect(answer.generation.confidence <= 0.5, "disagreement caps the confidence")
        #expect(answer.generation.explanation.contains("different rows"))
    }

    @Test func theModelAnswersWhatTheBuiltinGeneratorCannot() async throws {
        let modelSQL = "SELECT count(*) AS n FROM orders WHERE status = 'cancelled'"
        let (harness, model, source) = try await harness(replies: [.text("```sql\n\(modelSQL)\n```")], threshold: 1.01)
        let answer = try await ask(harness, source, "zzz qqq xyzzy?")
        #expect(model.asked.count == 1)
        #expect(answer.generation.sql.contains("cancelled"))
        #expect(answer.result?.success == true)
        #expect(answer.generation.explanation.contains("model's was taken"), "\(answer.generation.explanation)")
    }

    @Test func aFailingModelFallsBackToTheBuiltinAnswer() async throws {
        // three wrong replies: the first answer and both corrections name a missing column
        let wrong = Array(repeating: ScriptedChatModel.Reply.text("```sql\nSELECT count(*) FROM orders WHERE state = 'x'\n```"), count: 3)
        let (harness, model, source) = try await harness(replies: wrong, threshold: 1.01)
        let answer = try await ask(harness, source)
        #expect(model.asked.count == 3, "the first try and two corrections")
        #expect(answer.generation.sql.localizedCaseInsensitiveContains("cancelled"))
        #expect(answer.result?.success == true)
        #expect(answer.generation.explanation.contains("built-in answer was kept"))
        // the correction told the model where the column it missed is not
        let correction = try #require(model.asked.last?.last?.content)
        #expect(correction.contains("No table has a column named state"), "\(correction)")
    }

    @Test func anUnreachableModelKeepsTheBuiltinAnswer() async throws {
        let (harness, _, source) = try await harness(replies: [.failure(ServiceError(.unavailable, "connection refused"))], threshold: 1.01)
        let answer = try await ask(harness, source)
        #expect(answer.result?.success == true)
        #expect(answer.generation.explanation.contains("could not be reached"))
    }

    @Test func selectionRules() {
        typealias Outcome = HybridSelection.Outcome
        let rows: [[JSONValue]] = [[.int(1)]]
        let other: [[JSONValue]] = [[.int(2)]]
        func outcome(_ confidence: Double, ran: Bool = true, rows: [[JSONValue]]?) -> Outcome {
            Outcome(confidence: confidence, ran: ran, hasRows: ran && !(rows ?? []).isEmpty, rows: rows)
        }
        // agreement: the model's, confidence above both
        let agree = HybridSelection.choose(rule: outcome(0.5, rows: rows), model: outcome(0.7, rows: [[.double(1.0)]]), executed: true)
        #expect(agree.pickModel && agree.confidence > 0.7)
        // both return different rows: the built-in one, capped
        let differ = HybridSelection.choose(rule: outcome(0.55, rows: rows), model: outcome(0.75, rows: other), executed: true)
        #expect(!differ.pickModel && differ.confidence == 0.5)
        // only the built-in one returns rows
        let ruleOnly = HybridSelection.choose(rule: outcome(0.5, rows: rows), model: outcome(0.75, ran: false, rows: nil), executed: true)
        #expect(!ruleOnly.pickModel && ruleOnly.confidence <= 0.5)
        let modelEmpty = HybridSelection.choose(rule: outcome(0.5, rows: rows), model: outcome(0.75, rows: []), executed: true)
        #expect(!modelEmpty.pickModel && modelEmpty.note.contains("no rows"))
        // only the model returns rows
        #expect(HybridSelection.choose(rule: outcome(0.5, rows: []), model: outcome(0.75, rows: rows), executed: true).pickModel)
        // neither: an empty model result beats a failure of both
        #expect(HybridSelection.choose(rule: outcome(0.5, ran: false, rows: nil), model: outcome(0.75, rows: []), executed: true).pickModel)
        #expect(!HybridSelection.choose(rule: outcome(0.5, rows: []), model: outcome(0.75, ran: false, rows: nil), executed: true).pickModel)
        // not executed: the sounder-looking answer
        #expect(HybridSelection.choose(rule: outcome(0.4, rows: nil), model: outcome(0.75, rows: nil), executed: false).pickModel)
        #expect(!HybridSelection.choose(rule: outcome(0.4, rows: nil), model: outcome(0.05, rows: nil), executed: false).pickModel)
    }
}
