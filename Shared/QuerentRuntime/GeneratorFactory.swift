import Foundation
import QuerentApplication
import QuerentCore
import QuerentGeneration
import QuerentHTTPClient
import QuerentLLMGeneration

/// The SQL generators a process offers: always the built-in one; the LLM one too when
/// `QUERENT_LLM_URL` (with `QUERENT_LLM_MODEL`, `QUERENT_LLM_API_KEY`) names an
/// OpenAI-compatible endpoint.
public enum GeneratorFactory {
    public static func make(environment: [String: String]) throws -> [any SQLGenerator] {
        var generators: [any SQLGenerator] = [BuiltinSQLGenerator()]
        if let model = chatModel(environment: environment) {
            generators.append(LLMSQLGenerator(model: model))
        }
        return generators
    }

    /// The chat model, when one is configured (it also writes the chat's answer text).
    public static func chatModel(environment: [String: String]) -> (any ChatModel)? {
        OpenAIChatModel.Configuration.fromEnvironment(environment).map { OpenAIChatModel(configuration: $0) }
    }

    /// `QUERENT_GENERATOR` when set and available (`builtin`, `llm`, or `hybrid` when a model
    /// is configured), else `hybrid` when a model is configured, else `builtin`.
    public static func defaultName(environment: [String: String], available: [any SQLGenerator]) -> String {
        var names = available.map(\.name)
        if names.contains("llm") { names.append(HybridSelection.name) }
        if let wanted = environment["QUERENT_GENERATOR"], names.contains(wanted) { return wanted }
        return names.contains("llm") ? HybridSelection.name : "builtin"
    }

    /// `QUERENT_HYBRID_THRESHOLD` (0…1): the built-in confidence at which `hybrid` does not ask the model.
    public static func hybridThreshold(environment: [String: String]) -> Double {
        environment["QUERENT_HYBRID_THRESHOLD"].flatMap(Double.init).map { min(1, max(0, $0)) } ?? HybridSelection.defaultThreshold
    }
}
