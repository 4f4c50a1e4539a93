import Foundation
import QuerentCore

/// How a generator without a model uses what a source was taught: a matching example answers
/// the question outright (``ExampleAnswerer``); otherwise the generator's own answer gets the
/// glossary's named filters the question uses (``NamedFilterInjector``).
public enum TaughtAnswers {
    /// The answer to `request`: from a taught example when one matches, else `generate`'s with
    /// the named filters of `model` applied.
    public static func answer(
        _ request: GenerationRequest,
        model: SemanticModel?,
        generator: String,
        generate: (GenerationRequest) -> SQLGenerationResult
    ) -> SQLGenerationResult {
        if let examples = request.teaching?.examples, !examples.isEmpty,
            var taught = ExampleAnswerer().answer(request.question, examples: examples, tables: request.tables)
        {
            taught.generator = generator
            return taught
        }
        let filters = NamedFilterInjector.used(model?.filters ?? [], in: request.question)
        guard !filters.isEmpty else { return generate(request) }
        // the filter stands for the term's words: the generator does not read them as values too
        var reduced = request
        reduced.question = NamedFilterInjector.removingTerms(of: filters, from: request.question)
        var result = generate(reduced)
        guard !result.sql.isEmpty else { return result }
        let (sql, applied) = NamedFilterInjector.apply(filters, question: request.question, to: result.sql)
        if !applied.isEmpty {
            result.sql = sql
            result.explanation += " Applied the glossary's " + applied.map { "\"\($0)\"" }.joined(separator: ", ") + "."
        }
        return result
    }
}
