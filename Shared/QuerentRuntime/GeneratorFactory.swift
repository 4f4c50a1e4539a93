import Foundation
import QuerentCore
import QuerentHTTPClient

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

    /// `QUERENT_GENERATOR` when set and available, else `llm` when configured, else `builtin`.
    public static func defaultName(environment: [String: String], available: [any SQLGenerator]) -> String {
        let names = available.map(\.name)
        if let wanted = environment["QUERENT_GENERATOR"], names.contains(wanted) { return wanted }
        return "builtin"
    }
}
