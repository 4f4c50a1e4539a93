import Foundation

/// Units of time as questions and column names spell them ("hrs", "minutes", `duration_ms`),
/// read from the naming conventions, and their length in seconds.
public enum DurationUnits {
    /// The canonical unit a word names (`milliseconds`, `seconds`, `minutes`, `hours`, `days`),
    /// or nil.
    public static func unit(named word: String) -> String? {
        NamingConventions.standard.durationUnits[word.lowercased()]
    }

    /// How many seconds one `unit` lasts, for the canonical units; nil for others.
    public static func seconds(in unit: String) -> Double? {
        ["milliseconds": 0.001, "seconds": 1, "minutes": 60, "hours": 3_600, "days": 86_400, "weeks": 604_800][unit]
    }
}
