import QuerentCore

/// The sample data's dates as day numbers (``CivilCalendar``), so no time zone or locale can
/// change the generated data.
enum SampleCalendar {
    /// The day number of `year`-`month`-`day`.
    static func day(year: Int, month: Int, day: Int) -> Int {
        CivilCalendar.dayNumber(year: year, month: month, day: day)
    }

    /// The year, month (1–12) and day of month of a day number.
    static func civil(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        CivilCalendar.date(ofDay: dayNumber)
    }

    /// `YYYY-MM-DD`, the form SQLite's date functions read.
    static func string(_ dayNumber: Int) -> String {
        let date = civil(dayNumber)
        return "\(date.year)-\(twoDigits(date.month))-\(twoDigits(date.day))"
    }

    /// `YYYY-MM-DD HH:MM:SS` for a day number and a second of that day.
    static func string(_ dayNumber: Int, secondOfDay: Int) -> String {
        let hour = secondOfDay / 3600
        let minute = secondOfDay / 60 % 60
        let second = secondOfDay % 60
        return "\(string(dayNumber)) \(twoDigits(hour)):\(twoDigits(minute)):\(twoDigits(second))"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
