import Foundation
import QuerentCore

/// One element of a statement's parenthesis tree: a token, or a bracketed group.
enum SQLElement: Sendable {
    case token(SQLToken)
    case group(SQLGroup)

    var token: SQLToken? {
        if case .token(let token) = self { return token }
        return nil
    }

    var group: SQLGroup? {
        if case .group(let group) = self { return group }
        return nil
    }

    /// Whether the element is the unquoted keyword `keyword`.
    func isKeyword(_ keyword: String) -> Bool { token?.isKeyword(keyword) == true }

    /// Whether the element is the punctuation or operator `text`.
    func isSymbol(_ text: String) -> Bool { token?.isSymbol(text) == true }
}

/// The tokens between a pair of parentheses (or, in Postgres, square brackets), with nested
/// pairs as sub-groups; the statement itself is the outermost group.
struct SQLGroup: Sendable {
    /// `(` or `[`; empty for the statement itself.
    var opener: String
    var elements: [SQLElement]

    /// The deepest nesting accepted. Deeper statements are refused rather than risking the
    /// stack (every consumer of the tree recurses once per level).
    static let maxDepth = 64

    /// Builds the tree of `tokens` without recursion.
    /// - Throws: ``ServiceError`` `.unsafeQuery` for unbalanced or too deeply nested brackets.
    static func build(_ tokens: [SQLToken]) throws -> SQLGroup {
        var stack: [SQLGroup] = [SQLGroup(opener: "", elements: [])]
        for token in tokens {
            if token.kind == .punctuation, token.value == "(" || token.value == "[" {
                guard stack.count <= maxDepth else {
                    throw ServiceError(.unsafeQuery, "parentheses are nested too deeply (more than \(maxDepth) levels)")
                }
                stack.append(SQLGroup(opener: token.value, elements: []))
            } else if token.kind == .punctuation, token.value == ")" || token.value == "]" {
                let expected = token.value == ")" ? "(" : "["
                guard stack.count > 1, stack[stack.count - 1].opener == expected else {
                    throw ServiceError(.unsafeQuery, "unbalanced parentheses: unexpected '\(token.value)' at position \(token.range.lowerBound + 1)")
                }
                let group = stack.removeLast()
                stack[stack.count - 1].elements.append(.group(group))
            } else {
                stack[stack.count - 1].elements.append(.token(token))
            }
        }
        guard stack.count == 1 else {
            throw ServiceError(.unsafeQuery, "unbalanced parentheses: a '\(stack[stack.count - 1].opener)' is never closed")
        }
        return stack[0]
    }
}
