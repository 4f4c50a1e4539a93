import Foundation
import QuerentCore
import SampleDatabase

/// The datasets' seeded generator: the sample database's ``SampleDatabase/SplitMix64`` (integer
/// only, identical on every run and platform) with helpers for days and moments.
struct BusinessRandom {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// A value in `0..<bound` (`bound` > 0).
    mutating func below(_ bound: Int) -> Int { generator.next(below: bound) }

    /// A value in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { generator.next(in: range) }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { generator.chance(percent) }

    mutating func pick<Element>(_ elements: [Element]) -> Element { generator.pick(elements) }

    /// One value, with probability proportional to its weight.
    mutating func weighted<Value>(_ choices: [(Value, Int)]) -> Value {
        generator.weighted(choices.map { (value: $0.0, weight: $0.1) })
    }

    /// A day in `range`, uniformly.
    mutating func day(_ range: ClosedRange<Day>) -> Day { Day(number: int(range.lowerBound.number...range.upperBound.number)) }

    /// A moment on `day` between `fromHour`:00 and `toHour`:59:59.
    mutating func moment(on day: Day, fromHour: Int = 8, toHour: Int = 18) -> Moment {
        Moment(day: day, seconds: int(fromHour * 3600...(toHour * 3600 + 3599)))
    }
}

/// A calendar day: days since 1970-01-01 (proleptic Gregorian, no time zone).
struct Day: Comparable, Hashable, Strideable {
    var number: Int

    init(number: Int) { self.number = number }

    init(_ year: Int, _ month: Int, _ day: Int) {
        number = CivilCalendar.dayNumber(year: year, month: month, day: day)
    }

    var components: (year: Int, month: Int, day: Int) { CivilCalendar.date(ofDay: number) }

    var year: Int { components.year }
    var month: Int { components.month }

    /// 0 = Monday … 6 = Sunday.
    var weekday: Int { ((number % 7) + 7 + 3) % 7 }

    var iso: String {
        let (year, month, day) = components
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// The same day of the month `months` later (the day clamped to 28).
    func addingMonths(_ months: Int) -> Day {
        let (year, month, day) = components
        let index = year * 12 + (month - 1) + months
        return Day(index / 12, index % 12 + 1, min(day, 28))
    }

    static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }
    func advanced(by n: Int) -> Day { Day(number: number + n) }
    func distance(to other: Day) -> Int { other.number - number }
}

/// A timestamp without time zone, to the second.
struct Moment: Comparable, Hashable {
    var value: Int

    init(day: Day, seconds: Int) { value = day.number * 86_400 + seconds }
    init(value: Int) { self.value = value }

    var day: Day { Day(number: value >= 0 ? value / 86_400 : (value - 86_399) / 86_400) }
    var secondOfDay: Int { value - day.number * 86_400 }

    var iso: String {
        let seconds = secondOfDay
        return day.iso + " " + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
    }

    func adding(seconds: Int) -> Moment { Moment(value: value + seconds) }
    func adding(minutes: Int) -> Moment { Moment(value: value + minutes * 60) }

    static func < (lhs: Moment, rhs: Moment) -> Bool { lhs.value < rhs.value }
}

/// `value` with leading zeros to `width` digits.
func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}

/// Name pools shared by the datasets.
enum Names {
    static let first = [
        "Ana", "Liam", "Sofia", "Noah", "Mia", "Lucas", "Emma", "Mateo", "Olivia", "Elias", "Amara", "Kenji", "Priya", "Omar", "Chloe",
        "Jonas", "Leila", "Diego", "Hannah", "Ravi", "Ingrid", "Tomas", "Aisha", "Felix", "Yara", "Marco", "Nina", "Samuel", "Zoe",
        "Victor", "Clara", "Hugo", "Isabel", "Daniel", "Freya", "Arjun", "Lena", "Pablo", "Maya", "Oscar", "Elena", "Kofi", "Julia",
        "Tariq", "Grace", "Mikael", "Rosa", "Ethan", "Alma", "Theo", "Sara", "Ivan", "Lucia", "Adam", "Nora", "Rafael", "Ava",
        "Malik", "Ines", "Jakub", "Chiara", "Henrik", "Fatima", "Leo", "Camille", "Yusuf", "Eva", "Kai", "Beatriz", "Anton",
    ]
    static let last = [
        "Ribeiro", "Novak", "Schmidt", "Okafor", "Tanaka", "Martin", "Rossi", "Kowalski", "Haddad", "Larsen", "Fischer", "Moreau",
        "Costa", "Nguyen", "Patel", "Silva", "Jensen", "Dubois", "Murphy", "Kim", "Santos", "Weber", "Ivanova", "Lindqvist",
        "Garcia", "Mensah", "Bauer", "Fontaine", "Yilmaz", "Horvat", "Sato", "Andersen", "Moretti", "Walsh", "Romero", "Chen",
        "Keller", "Nakamura", "Oliveira", "Brennan", "Kovacs", "Hughes", "Petrov", "Nilsson", "Ortiz", "Becker", "Lopez", "Adeyemi",
        "Meyer", "Singh", "Quinn", "Varga", "Reyes", "Holm", "Castillo", "Wagner", "Ferreira", "Young", "Sharma", "Byrne",
    ]
    static let companyHeads = [
        "Blue", "North", "Silver", "Bright", "Red", "Green", "Swift", "Clear", "Iron", "Cedar", "Summit", "Harbor", "Nova", "Pine",
        "Atlas", "Stone", "River", "Golden", "Polar", "Maple", "Lumen", "Vertex", "Orbit", "Coral", "Falcon", "Willow", "Sterling",
        "Echo", "Apex", "Beacon",
    ]
    static let companyTails = [
        "Analytics", "Logistics", "Labs", "Foods", "Health", "Media", "Systems", "Works", "Retail", "Capital", "Studios", "Energy",
        "Dynamics", "Partners", "Supply", "Digital", "Motors", "Textiles", "Learning", "Bank",
    ]

    /// `count` distinct company names "<Head> <Tail>", in a seeded order.
    static func companies(_ count: Int, random: inout BusinessRandom, excluding: Set<String> = []) -> [String] {
        var names: [String] = []
        var seen = excluding
        while names.count < count {
            let name = random.pick(companyHeads) + random.pick(["", "", "", "field", "stone", "way", "point"]) + " " + random.pick(companyTails)
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    /// A full name not yet in `used`.
    static func person(_ random: inout BusinessRandom, used: inout Set<String>) -> (first: String, last: String) {
        while true {
            let first = random.pick(Self.first)
            let last = random.pick(Self.last)
            if used.insert(first + " " + last).inserted { return (first, last) }
        }
    }

    static func emailPart(_ text: String) -> String {
        text.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
