import QuerentCore

/// How the `hybrid` generator picks between the built-in answer and the model's.
///
/// The built-in generator is fast and its confidence is calibrated (on Spider dev, answers at
/// 0.6 or above are right about 81% of the time, those below about 34%), so a confident
/// built-in answer stands and the model is not asked. Below the threshold both answers run and
/// execution decides: one that returns rows beats one that fails or comes back empty, and two
/// answers with the same rows raise the confidence. When both return different rows the
/// built-in answer is kept with a low confidence: on the questions the built-in generator finds
/// hard, the local 1.5B model was right less often than it (docs/accuracy.md).
public enum HybridSelection {
    /// The generator's name in requests.
    public static let name = "hybrid"
    /// The default threshold (`QUERENT_HYBRID_THRESHOLD`).
    public static let defaultThreshold = 0.6

    /// What is known of one answer after it ran.
    struct Outcome {
        var confidence: Double
        /// Executed without an error.
        var ran: Bool
        /// Executed and returned at least one row.
        var hasRows: Bool
        /// The rows, column order kept (nil when not executed).
        var rows: [[JSONValue]]?
    }

    struct Choice: Equatable {
        var pickModel: Bool
        var confidence: Double
        var note: String
    }

    static func choose(rule: Outcome, model: Outcome, executed: Bool) -> Choice {
        guard executed else {
            return model.confidence >= rule.confidence
                ? Choice(pickModel: true, confidence: model.confidence, note: "The built-in answer was unsure, so the model was asked.")
                : Choice(pickModel: false, confidence: rule.confidence, note: "The model's answer looked less sound than the built-in one.")
        }
        if rule.hasRows, model.hasRows, let ruleRows = rule.rows, let modelRows = model.rows,
            ResultComparer.matches(predicted: modelRows, gold: ruleRows, ordered: false)
        {
            return Choice(
                pickModel: true,
                confidence: min(0.97, max(rule.confidence, model.confidence) + 0.1),
                note: "The built-in generator and the model wrote queries with the same result."
            )
        }
        switch (rule.hasRows, model.hasRows) {
        case (true, true):
            return Choice(
                pickModel: false,
                confidence: min(rule.confidence, 0.5),
                note: "The built-in answer was unsure and the model's query returns different rows; the built-in answer was kept."
            )
        case (false, true):
            return Choice(
                pickModel: true,
                confidence: model.confidence,
                note: "The built-in answer was unsure and returned nothing; the model's was taken."
            )
        case (true, false):
            let why = model.ran ? "returned no rows" : "failed"
            return Choice(
                pickModel: false,
                confidence: min(rule.confidence, 0.5),
                note: "The model's query \(why), so the built-in answer was kept."
            )
        case (false, false):
            if model.ran || !rule.ran {
                return Choice(pickModel: true, confidence: min(model.confidence, 0.4), note: "Neither answer returned rows; the model's was taken.")
            }
            return Choice(
                pickModel: false,
                confidence: min(rule.confidence, 0.3),
                note: "The model's query failed; the built-in answer ran but returned no rows."
            )
        }
    }

    static func confidentNote(_ confidence: Double, threshold: Double) -> String {
        "The built-in generator was confident (\(confidence) ≥ \(threshold)), so the model was not asked."
    }

    static let modelFailedNote = "The model could not be reached, so the built-in answer was kept."
}
