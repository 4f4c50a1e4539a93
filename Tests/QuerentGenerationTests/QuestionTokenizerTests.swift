import QuerentSchemaLinking
import Testing

/// How questions are cut into tokens: codes, possessives, numbers.
@Suite struct QuestionTokenizerTests {
    @Test func capitalCodesWithHyphensStayOneValue() {
        let tokens = QuestionTokenizer.tokenize("What is the price of ECG-01 and INV-2024-0012, the top-5 e-mail lists?")
        let quoted = tokens.filter { $0.kind == .quoted }.map(\.text)
        #expect(quoted == ["ECG-01", "INV-2024-0012"])
        // lower-case words joined by a hyphen are words and numbers, not codes
        #expect(tokens.contains { $0.kind == .word && $0.text == "top" })
        #expect(tokens.contains { $0.kind == .number && $0.number == 5 })
        #expect(tokens.contains { $0.kind == .word && $0.text == "mail" })
    }

    @Test func possessiveEndingsAreMarkedOnTheOwner() {
        let tokens = QuestionTokenizer.tokenize("What is Kenji Sato's email and the students' grades?")
        #expect(tokens.first { $0.text == "Sato" }?.possessive == true)
        #expect(tokens.first { $0.text == "students" }?.possessive == true)
        #expect(tokens.first { $0.text == "Kenji" }?.possessive == false)
        #expect(tokens.first { $0.text == "email" }?.possessive == false)
    }

    @Test func aMonthWithItsYearIsAWholeMonth() {
        func dates(_ question: String) -> [String] {
            DateExpression.find(in: QuestionTokenizer.tokenize(question)).map { "\($0.from ?? "…")..\($0.until ?? "…")" }
        }
        #expect(dates("How many orders shipped in March 2024?") == ["2024-03-01..2024-04-01"])
        #expect(dates("Invoices issued in December 2024") == ["2024-12-01..2025-01-01"])
        #expect(dates("Customers who joined before June 2025 or after May 2023") == ["…..2025-06-01", "2023-06-01..…"])
        #expect(dates("Orders between 1 June and 31 December 2023") == ["2023-06-01..2024-01-01"])
        #expect(dates("What may 2 cost?").isEmpty)
    }

    @Test func phrasalVerbsReadAsTheirNoun() {
        // "never logged in" names a `last_login_at` column
        #expect(Lexicon.root("logged") == Lexicon.root("login"))
        #expect(Lexicon.root("shipped") == Lexicon.root("ship"))
    }
}
