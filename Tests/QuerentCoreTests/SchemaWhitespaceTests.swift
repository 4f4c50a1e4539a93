import QuerentCore
import Testing

/// The server trims what the OpenAPI document's `\S` patterns call whitespace, and no more.
@Suite struct SchemaWhitespaceTests {
    @Test func trimsJSONSchemaWhitespaceOnly() {
        #expect("  revenue\t\n".trimmingSchemaWhitespace() == "revenue")
        #expect("\u{3000}\u{A0}\u{2007}".trimmingSchemaWhitespace().isEmpty, "whitespace to ECMAScript and Python alike")
        // Some reading of `\S` matches U+0085, U+FEFF and U+200B: a text made of them is not blank.
        #expect("\u{85}".trimmingSchemaWhitespace() == "\u{85}")
        #expect("\u{FEFF}".trimmingSchemaWhitespace() == "\u{FEFF}")
        #expect("\u{200B}".trimmingSchemaWhitespace() == "\u{200B}")
    }
}
