import Foundation

extension CharacterSet {
    /// The characters every reading of a schema's `\s` counts as whitespace (ECMAScript's, as JSON
    /// Schema specifies, and Python's, as validators written in it use): the OpenAPI document's
    /// `\S` patterns say a text field needs one character outside `\s`, so the server trims only
    /// these. (Foundation's `whitespacesAndNewlines` has more, such as U+0085; ECMAScript also
    /// counts U+FEFF, Python does not.)
    public static let schemaWhitespace = CharacterSet(
        charactersIn: "\u{09}\u{0A}\u{0B}\u{0C}\u{0D}\u{20}\u{A0}\u{1680}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}"
    ).union(CharacterSet(charactersIn: "\u{2000}"..."\u{200A}"))
}

extension String {
    /// The text without leading and trailing ``Foundation/CharacterSet/schemaWhitespace``.
    public func trimmingSchemaWhitespace() -> String {
        trimmingCharacters(in: .schemaWhitespace)
    }
}
