import Foundation
import QuerentCore

/// A calendar date range a question names in words: "on 10 March 2025", "between 1 June 2023
/// and 31 December 2023", "from 29 November to 2 December", "before March 3, 2024", "in March
/// 2024". Its words
/// are dates, not values: "June" is no first name here.
package struct DateExpression: Sendable, Hashable {
    /// The tokens of the phrase, the preposition included.
    package var range: ClosedRange<Int>
    /// The first day in the range (ISO `YYYY-MM-DD`), nil when open to the past.
    package var from: String?
    /// The first day after the range (ISO, exclusive), nil when open to the future.
    package var until: String?

    /// Month names and their common abbreviations (general English).
    package static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6,
        "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
        "nov": 11, "december": 12, "dec": 12,
    ]

    /// One day written with its month's name, before the words around it are read.
    struct Day {
        var range: ClosedRange<Int>
        var month: Int
        var day: Int
        var year: Int?
    }

    /// The date phrases of a question, in order.
    package static func find(in tokens: [QuestionToken]) -> [DateExpression] {
        let days = self.days(in: tokens)
        let inDays = Set(days.flatMap { Array($0.range) })
        let whole = months(in: tokens).filter { !$0.range.contains(where: inDays.contains) }
        guard !days.isEmpty else { return whole }
        // a day without its year takes the question's only year ("from 29 November to 2 December 2024")
        let years = Set(days.compactMap(\.year) + tokens.compactMap { token in token.number.flatMap { isYear(token, $0) ? Int($0) : nil } })
        var result: [DateExpression] = []
        var index = 0
        while index < days.count {
            let first = days[index]
            guard let start = iso(first, years: years) else {
                index += 1
                continue
            }
            let before = first.range.lowerBound - 1
            let word = before >= 0 ? tokens[before].lower : ""
            // a second day closing a range: "between A and B", "from A to B"
            if index + 1 < days.count, let end = iso(days[index + 1], years: years),
                days[index + 1].range.lowerBound == first.range.upperBound + 2,
                ["and", "to", "until", "till", "through", "thru", "-"].contains(tokens[first.range.upperBound + 1].lower),
                ["between", "from"].contains(word)
            {
                result.append(DateExpression(range: before...days[index + 1].range.upperBound, from: start, until: next(end)))
                index += 2
                continue
            }
            let phrase = before >= 0 && prepositions.contains(word) ? before...first.range.upperBound : first.range
            switch word {
            case "before": result.append(DateExpression(range: phrase, from: nil, until: start))
            case "after": result.append(DateExpression(range: phrase, from: next(start), until: nil))
            case "since", "from": result.append(DateExpression(range: phrase, from: start, until: nil))
            case "until", "till", "through", "by": result.append(DateExpression(range: phrase, from: nil, until: next(start)))
            default: result.append(DateExpression(range: phrase, from: start, until: next(start)))
            }
            index += 1
        }
        return (result + whole).sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// "in March 2024", "since May 2023", "before June 2025": a whole month named with its year.
    static func months(in tokens: [QuestionToken]) -> [DateExpression] {
        tokens.indices.dropLast().compactMap { position -> DateExpression? in
            guard let month = months[tokens[position].lower], let year = tokens[position + 1].number, isYear(tokens[position + 1], year)
            else { return nil }
            let start = String(format: "%04d-%02d-01", Int(year), month)
            let end = month == 12 ? String(format: "%04d-01-01", Int(year) + 1) : String(format: "%04d-%02d-01", Int(year), month + 1)
            let word = position > 0 ? tokens[position - 1].lower : ""
            let phrase = prepositions.union(["in", "during"]).contains(word) ? (position - 1)...(position + 1) : position...(position + 1)
            switch word {
            case "before": return DateExpression(range: phrase, from: nil, until: start)
            case "after": return DateExpression(range: phrase, from: end, until: nil)
            case "since", "from": return DateExpression(range: phrase, from: start, until: nil)
            case "until", "till", "through", "by": return DateExpression(range: phrase, from: nil, until: end)
            default: return DateExpression(range: phrase, from: start, until: end)
            }
        }
    }

    static let prepositions: Set<String> = ["on", "before", "after", "since", "from", "until", "till", "through", "by"]

    /// "10 March 2025", "10th of March", "March 10, 2025", "March 10": a day of a named month.
    static func days(in tokens: [QuestionToken]) -> [Day] {
        var result: [Day] = []
        var position = 0
        while position < tokens.count {
            defer { position += 1 }
            guard let month = months[tokens[position].lower] else { continue }
            // "10 March", "10th of March"
            var dayPosition: Int?
            if position >= 1, isDay(tokens[position - 1]) {
                dayPosition = position - 1
            } else if position >= 2, tokens[position - 1].lower == "of", isDay(tokens[position - 2]) {
                dayPosition = position - 2
            }
            if let dayPosition, let day = tokens[dayPosition].number {
                var end = position
                var year: Int?
                if end + 1 < tokens.count, let value = tokens[end + 1].number, isYear(tokens[end + 1], value) {
                    year = Int(value)
                    end += 1
                }
                result.append(Day(range: dayPosition...end, month: month, day: Int(day), year: year))
                position = end
                continue
            }
            // "March 10", "March 10, 2025"
            if position + 1 < tokens.count, isDay(tokens[position + 1]), let day = tokens[position + 1].number {
                var end = position + 1
                var year: Int?
                var next = end + 1
                if next < tokens.count, tokens[next].text == "," { next += 1 }
                if next < tokens.count, let value = tokens[next].number, isYear(tokens[next], value) {
                    year = Int(value)
                    end = next
                }
                // "may 3" is a month only with a year or a preposition before it
                if tokens[position].lower == "may", year == nil,
                    !(position > 0 && prepositions.union(["between", "and", "to"]).contains(tokens[position - 1].lower))
                {
                    continue
                }
                result.append(Day(range: position...end, month: month, day: Int(day), year: year))
                position = end
            }
        }
        return result
    }

    /// A day of the month written in digits ("10", "10th").
    static func isDay(_ token: QuestionToken) -> Bool {
        guard let value = token.number, value == value.rounded(), (1...31).contains(value) else { return false }
        return token.text.first?.isNumber == true
    }

    static func isYear(_ token: QuestionToken, _ value: Double) -> Bool {
        token.kind == .number && value == value.rounded() && (1000...2200).contains(value)
    }

    /// The ISO text of a day, its year given or the question's only year; nil when the day
    /// does not exist or the year is unknown.
    static func iso(_ day: Day, years: Set<Int>) -> String? {
        guard let year = day.year ?? (years.count == 1 ? years.first : nil) else { return nil }
        let number = CivilCalendar.dayNumber(year: year, month: day.month, day: day.day)
        guard CivilCalendar.date(ofDay: number) == (year, day.month, day.day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, day.month, day.day)
    }

    /// The day after an ISO day.
    static func next(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        let date = CivilCalendar.date(ofDay: CivilCalendar.dayNumber(year: parts[0], month: parts[1], day: parts[2]) + 1)
        return String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
    }
}
