import Foundation

/// Converts between `Date` and the text forms metadata stores use for timestamps.
///
/// Both directions are plain arithmetic on the proleptic Gregorian calendar in UTC: every
/// metadata read and history write goes through here, and a date formatter per call cost
/// more than the query it served.
public enum Timestamp {
    /// ISO-8601 with milliseconds and `Z`: `2026-11-25T14:52:45.123Z`.
    public static func format(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1_000).rounded())
        let (days, dayMilliseconds) = floorDivision(totalMilliseconds, 86_400_000)
        let (year, month, day) = CivilCalendar.date(ofDay: Int(days))
        let seconds = dayMilliseconds / 1_000
        func pad<Value: BinaryInteger>(_ value: Value, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(seconds / 3_600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(dayMilliseconds % 1_000, 3))Z"
    }

    /// Parses ISO-8601 (`T` or space between date and time, optional fraction, `Z` or an
    /// offset such as `+00`, `+0530` or `-05:00`, none meaning UTC), as ISO-8601 writers and
    /// Postgres' `timestamptz` text produce.
    public static func parse(_ text: String) -> Date? {
        var reader = Reader(Array(text.trimmingCharacters(in: .whitespaces).utf8))
        guard let year = reader.number(digits: 4), reader.skip("-"), let month = reader.number(digits: 2), reader.skip("-"),
            let day = reader.number(digits: 2), reader.skip("T") || reader.skip("t") || reader.skip(" "),
            let hour = reader.number(digits: 2), reader.skip(":"), let minute = reader.number(digits: 2), reader.skip(":"),
            let second = reader.number(digits: 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var fraction = 0.0
        if reader.skip(".") {
            var scale = 0.1
            var digits = 0
            while let digit = reader.digit() {
                fraction += Double(digit) * scale
                scale /= 10
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        var offsetSeconds: Int64 = 0
        if reader.skip("Z") || reader.skip("z") || reader.atEnd {
            offsetSeconds = 0
        } else {
            let sign: Int64 = reader.skip("+") ? 1 : (reader.skip("-") ? -1 : 0)
            guard sign != 0, let hours = reader.number(digits: 2) else { return nil }
            _ = reader.skip(":")
            let minutes = reader.number(digits: 2) ?? 0
            offsetSeconds = sign * (hours * 3_600 + minutes * 60)
        }
        guard reader.atEnd else { return nil }
        let dayNumber = Int64(CivilCalendar.dayNumber(year: Int(year), month: Int(month), day: Int(day)))
        let seconds = dayNumber * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value >= 0 ? value / divisor : (value - divisor + 1) / divisor
        return (quotient, value - quotient * divisor)
    }

    /// Reads ASCII digits and separators from the front of the text.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }

        mutating func skip(_ character: Character) -> Bool {
            guard position < bytes.count, let ascii = character.asciiValue, bytes[position] == ascii else { return false }
            position += 1
            return true
        }

        mutating func digit() -> Int64? {
            guard position < bytes.count, (48...57).contains(bytes[position]) else { return nil }
            position += 1
            return Int64(bytes[position - 1] - 48)
        }

        mutating func number(digits: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<digits {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }
    }
}
