import Foundation

/// Splits a question into ``QuestionToken``s: quoted literals stay whole, numbers are parsed
/// (digits, "1,000", "3.5", number words like "two"), identifiers written with underscores
/// are split into words, and possessive endings are dropped.
package enum QuestionTokenizer {
    /// The tokens of `question`, in order.
    package static func tokenize(_ question: String) -> [QuestionToken] {
        let text = normalizeQuotes(question)
        let characters = Array(text)
        var tokens: [QuestionToken] = []
        var index = 0
        var sawWord = false

        func append(_ kind: QuestionToken.Kind, _ value: String, number: Double? = nil, capitalized: Bool = false) {
            tokens.append(QuestionToken(kind: kind, text: value, index: tokens.count, capitalized: capitalized, number: number))
        }

        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
                continue
            }
            if character == "'" || character == "\"" {
                if let end = closingQuote(characters, from: index) {
                    let inner = String(characters[(index + 1)..<end]).trimmingCharacters(in: .whitespaces)
                    if !inner.isEmpty { append(.quoted, inner) }
                    index = end + 1
                    sawWord = true
                    continue
                }
                index += 1
                continue
            }
            if character.isNumber {
                var end = index
                var literal = ""
                while end < characters.count {
                    let c = characters[end]
                    if c.isNumber {
                        literal.append(c)
                        end += 1
                    } else if c == "." || c == ",", end + 1 < characters.count, characters[end + 1].isNumber,
                        c == "." || isThousandsGroup(characters, at: end + 1)
                    {
                        if c == "." { literal.append(c) }
                        end += 1
                    } else {
                        break
                    }
                }
                // "09700166582": a leading zero means a code, keep it as text.
                if end < characters.count, characters[end].isLetter || characters[end] == "_" {
                    // "1970s", "3rd", "A1b": a word that starts with digits.
                    var word = literal
                    while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" {
                        word.append(characters[end])
                        end += 1
                    }
                    let ordinal = ordinalValue(word)
                    append(ordinal == nil ? .word : .number, word, number: ordinal)
                } else if literal.count > 1 && literal.hasPrefix("0") && !literal.hasPrefix("0.") {
                    append(.quoted, literal)
                } else {
                    append(.number, literal, number: Double(literal))
                }
                index = end
                sawWord = true
                continue
            }
            if character.isLetter, let end = codeEnd(characters, from: index) {
                // "ECG-01", "INV-2024-0012": a code, one value.
                append(.quoted, String(characters[index..<end]))
                index = end
                sawWord = true
                continue
            }
            if character.isLetter || character == "_" {
                var end = index
                var word = ""
                var possessive = false
                while end < characters.count {
                    let c = characters[end]
                    if c.isLetter || c.isNumber || c == "_" {
                        word.append(c)
                        end += 1
                    } else if c == "'", end + 1 < characters.count, characters[end + 1].isLetter, !word.isEmpty {
                        // Kyle's, don't, shouldn't
                        let rest = String(characters[(end + 1)...].prefix(while: { $0.isLetter })).lowercased()
                        if rest == "s" {
                            end += 2
                            possessive = true
                            break
                        } else if rest == "t" && word.lowercased().hasSuffix("n") {
                            word.removeLast()
                            append(.word, word, capitalized: sawWord && word.first?.isUppercase == true)
                            word = "not"
                            end += 2
                            break
                        } else if ["re", "ve", "ll", "d", "m"].contains(rest) {
                            end += 1 + rest.count
                            break
                        } else {
                            word.append(c)
                            end += 1
                        }
                    } else {
                        break
                    }
                }
                // identifiers with underscores: one word per part
                let parts = word.split(separator: "_").map(String.init).filter { !$0.isEmpty }
                for part in parts {
                    let capital = sawWord && part.first?.isUppercase == true
                    let previous = tokens.last?.lower ?? ""
                    let recent = tokens.suffix(4).map(\.lower)
                    let pronoun =
                        (part.lowercased() == "one" && ["the", "this", "that", "each", "which", "every", "any", "no"].contains(previous))
                        || (part.lowercased() == "single"
                            && !recent.contains(where: { ["only", "than", "least", "most", "exactly", "just"].contains($0) }))
                    if let value = numberWords[part.lowercased()], !pronoun {
                        append(.number, part, number: value)
                    } else {
                        append(.word, part, capitalized: capital)
                    }
                }
                if end < characters.count, characters[end] == "'", end + 1 < characters.count, !characters[end + 1].isLetter {
                    end += 1  // plural possessive: students'
                    possessive = true
                } else if end == characters.count - 1, characters[end] == "'" {
                    end += 1
                }
                if possessive, !parts.isEmpty { tokens[tokens.count - 1].possessive = true }
                index = end
                sawWord = true
                continue
            }
            switch character {
            case "-":
                // a minus sign before a number, otherwise a word separator
                if index + 1 < characters.count, characters[index + 1].isNumber,
                    index == 0 || characters[index - 1].isWhitespace
                {
                    index += 1
                    // parse the number through the loop, then negate it
                    var end = index
                    var literal = ""
                    while end < characters.count, characters[end].isNumber || characters[end] == "." {
                        literal.append(characters[end])
                        end += 1
                    }
                    append(.number, "-" + literal, number: Double(literal).map { -$0 })
                    index = max(end, index)
                } else {
                    index += 1
                }
            case ",", "?", ".", "!", ";", ":", "(", ")", "%", "=", "<", ">", "&", "/", "$", "€", "£":
                append(.punctuation, String(character))
                index += 1
            default:
                index += 1
            }
        }
        return tokens
    }

    /// The last token of a possessive name starting at `start` ("Kenji Sato's": capitalized
    /// words or a quoted literal, up to four, the last with a possessive ending, and something
    /// after it); nil otherwise.
    package static func namedOwnerEnd(_ tokens: [QuestionToken], from start: Int) -> Int? {
        guard let owner = (start..<min(tokens.count - 1, start + 4)).first(where: { tokens[$0].possessive }),
            tokens[start...owner].allSatisfy({ $0.capitalized || $0.kind == .quoted })
        else { return nil }
        return owner
    }

    /// Replaces typographic quotes and TeX-style ``…'' with plain ones.
    package static func normalizeQuotes(_ text: String) -> String {
        var result = text
        for (from, to) in [
            ("``", "\""), ("''", "\""), ("\u{201C}", "\""), ("\u{201D}", "\""), ("\u{2018}", "'"), ("\u{2019}", "'"), ("\u{00B4}", "'"),
        ] {
            result = result.replacingOccurrences(of: from, with: to)
        }
        return result
    }

    /// The index of the quote closing the one at `start`, when `start` opens a literal.
    private static func closingQuote(_ characters: [Character], from start: Int) -> Int? {
        let quote = characters[start]
        // an opening quote starts a word: beginning, after a space or an opening bracket
        if start > 0 {
            let previous = characters[start - 1]
            guard previous.isWhitespace || previous == "(" || previous == "[" || previous == "," || previous == ":" else { return nil }
        }
        var index = start + 1
        while index < characters.count {
            if characters[index] == quote {
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                if next.isWhitespace || next.isPunctuation || next == "?" {
                    // "students' pets" is not a literal: a closing quote right after letters
                    // that started with a letter and the opening at a word start is fine.
                    return index > start + 1 ? index : nil
                }
            }
            index += 1
        }
        return nil
    }

    /// The end of a code starting at `start`: capital letters and digits joined by hyphens,
    /// with at least one digit and one hyphen ("ECG-01", "SKU-88-A"); nil for words such as
    /// "top-5" or "e-mail".
    private static func codeEnd(_ characters: [Character], from start: Int) -> Int? {
        var end = start
        while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "-" {
            end += 1
        }
        while end > start, characters[end - 1] == "-" { end -= 1 }
        let code = characters[start..<end]
        guard code.contains("-"), code.contains(where: \.isNumber), !code.contains(where: \.isLowercase),
            !code.contains(where: { $0.isLetter && !$0.isASCII })
        else { return nil }
        return end
    }

    private static func isThousandsGroup(_ characters: [Character], at index: Int) -> Bool {
        guard index + 2 < characters.count else { return false }
        let group = characters[index...(index + 2)]
        guard group.allSatisfy(\.isNumber) else { return false }
        return index + 3 >= characters.count || !characters[index + 3].isNumber
    }

    private static func ordinalValue(_ word: String) -> Double? {
        let lower = word.lowercased()
        for suffix in ["st", "nd", "rd", "th"] where lower.hasSuffix(suffix) {
            return Double(lower.dropLast(2))
        }
        return nil
    }

    /// Number words read as numbers.
    package static let numberWords: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
        "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "dozen": 12, "single": 1,
    ]
}
