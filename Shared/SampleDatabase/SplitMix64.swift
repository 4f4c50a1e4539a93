/// A small seeded pseudo-random generator (SplitMix64) with integer-only helpers.
///
/// The sample data must be identical on every run and platform, so nothing here uses the
/// system generator, floating point, or the standard library's `random(in:using:)`, whose
/// algorithm is not guaranteed to stay the same across toolchains.
public struct SplitMix64: Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (`bound` > 0), by multiply-high reduction.
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A value in `range`.
    public mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + next(below: range.count)
    }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool {
        next(below: 100) < percent
    }

    /// One element of a non-empty collection, uniformly.
    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[next(below: elements.count)]
    }

    /// One value, chosen with probability proportional to its integer weight.
    public mutating func weighted<Value>(_ choices: [(value: Value, weight: Int)]) -> Value {
        var remaining = next(below: choices.reduce(0) { $0 + $1.weight })
        for choice in choices {
            if remaining < choice.weight { return choice.value }
            remaining -= choice.weight
        }
        return choices[choices.count - 1].value
    }
}
