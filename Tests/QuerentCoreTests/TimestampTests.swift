import Foundation
import QuerentCore
import Testing

@Suite struct TimestampTests {
    /// 2026-11-25T14:52:45.123Z
    static let reference = Date(timeIntervalSince1970: 1_795_618_365.123)

    @Test func formatIsISO8601WithMilliseconds() {
        #expect(Timestamp.format(Self.reference) == "2026-11-25T14:52:45.123Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    }

    @Test(arguments: [
        "2026-11-25T14:52:45.123Z",
        "2026-11-25 14:52:45.123+00",
        "2026-11-25 14:52:45.123456+00",
        "2026-11-25 14:52:45.123+00:00",
        "2026-11-25T16:52:45.123+02:00",
        "2026-11-25 11:52:45.123-03",
        "2026-11-25 14:52:45.123",
        "2026-11-25T14:52:45.1239Z",
    ])
    func parsesBothForms(text: String) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince(Self.reference)) < 0.001)
    }

    @Test func parsesWithoutFraction() throws {
        let date = try #require(Timestamp.parse("2026-11-25 14:52:45+00"))
        #expect(date == Date(timeIntervalSince1970: 1_795_618_365))
        #expect(Timestamp.parse("2026-11-25T14:52:45Z") == date)
        #expect(Timestamp.parse("2026-11-25 14:52:45.5+00") == Date(timeIntervalSince1970: 1_795_618_365.5))
    }

    @Test func roundTrips() throws {
        for offset in [0.0, 0.001, 0.5, 59.999, 86_399.25] {
            let date = Date(timeIntervalSince1970: 1_700_000_000 + offset)
            let parsed = try #require(Timestamp.parse(Timestamp.format(date)))
            #expect(abs(parsed.timeIntervalSince(date)) < 0.0005)
        }
    }

    /// The hand-written calendar arithmetic agrees with Foundation's formatter across
    /// centuries, leap days and dates before 1970.
    @Test func agreesWithFoundationFormatter() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var generator = SystemRandomNumberGenerator()
        let fixed: [Double] = [-2_208_988_800, -86_400.5, -1, 0, 951_782_400, 4_107_542_399.999, 1_582_934_400]
        let random = (0..<500).map { _ in Double(Int64.random(in: -5_000_000_000...8_000_000_000, using: &generator)) / 1_000 * 1_000 + 0.25 }
        for seconds in fixed + random {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.format(date) == formatter.string(from: date))
            let parsed = try #require(Timestamp.parse(formatter.string(from: date)))
            #expect(abs(parsed.timeIntervalSince(date)) < 0.0005)
        }
    }

    @Test(arguments: ["", "yesterday", "2026-11-25T14:52:45.Z", "2026-11-25T14:52:45+5", "2026-13-45T99:99:99Z", "2026-11-25X14:52:45Z"])
    func rejectsGarbage(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
