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

    @Test(arguments: ["", "yesterday", "2026-13-45T99:99:99Z", "2026-11-25X14:52:45Z"])
    func rejectsGarbage(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
