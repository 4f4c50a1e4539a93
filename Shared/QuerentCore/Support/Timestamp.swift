import Foundation

/// Converts between `Date` and the text forms metadata stores use for timestamps.
public enum Timestamp {
    /// ISO-8601 with milliseconds and `Z`: `2026-11-25T14:52:45.123Z`.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Parses ISO-8601 and Postgres' `2026-11-25 14:52:45.123456+00` forms.
    public static func parse(_ text: String) -> Date? {
        var value = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "T")
        // Normalize the zone: "+00" → "+00:00", "Z" stays.
        if let zoneStart = value.lastIndex(where: { $0 == "+" || $0 == "-" }), value.distance(from: zoneStart, to: value.endIndex) == 3,
           value[..<zoneStart].contains("T")
        {
            value += ":00"
        } else if !value.hasSuffix("Z") && !value.dropFirst(10).contains("+") && !value.dropFirst(10).contains("-") {
            value += "Z"
        }
        // Fractions of more than 3 digits are cut to milliseconds.
        if let dot = value.firstIndex(of: ".") {
            let digits = value[value.index(after: dot)...].prefix(while: \.isNumber)
            let rest = value[value.index(after: dot)...].dropFirst(digits.count)
            value = String(value[..<dot]) + "." + String(digits.prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0) + rest
        }
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: value) { return date }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        return plain.date(from: value)
    }
}
