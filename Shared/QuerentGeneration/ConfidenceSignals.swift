import Foundation

/// What the planner noticed while reading a question, used to score its confidence.
struct ConfidenceSignals: Sendable {
    var countQuestion = false
    var guessedSubject = false
    var linkedValues = 0
    var weakLinks = 0
    var guessedLiterals = 0
    var unplacedLiterals = 0
    var subqueries = 0
    var havingCount = false
    var defaultProjection = false
    var implicitGroup = false
    var grouped = false
    var setOperation = false
    var joins = 0
    var unreachable = false
    /// A money word ("revenue") was read as a money column no word names; caps the confidence.
    var guessedMeasure = false
}
