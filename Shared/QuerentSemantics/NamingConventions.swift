import Foundation
import QuerentCore

/// The general English words and database naming conventions the semantic model is derived
/// with, read once from `Resources/conventions.json` (data, not code).
struct NamingConventions: Decodable, Sendable {
    var personWords: Set<String>
    var firstNameColumns: [String]
    var lastNameColumns: [String]
    var labelColumns: [String]
    var measureKinds: [String: Set<String>]
    var durationUnits: [String: String]
    var notMeasureWords: Set<String>
    var heldQuantityWords: Set<String>
    /// Words of a date column that marks when a row stopped being current (`termination_date`).
    var endDateWords: Set<String>
    /// Last words of a validity range's closing column (`effective_to`, `valid_until`).
    var endDateSuffixes: Set<String>
    var dateTypes: Set<String>
    var dateWords: Set<String>
    var booleanTypes: Set<String>
    var booleanPrefixes: Set<String>
    var roleColumns: [String: String]
    var revenueTables: Set<String>
    var revenueSynonyms: [String]
    var wideValueColumns: Set<String>

    enum CodingKeys: String, CodingKey {
        case personWords = "person_words"
        case firstNameColumns = "first_name_columns"
        case lastNameColumns = "last_name_columns"
        case labelColumns = "label_columns"
        case measureKinds = "measure_kinds"
        case durationUnits = "duration_units"
        case notMeasureWords = "not_measure_words"
        case heldQuantityWords = "held_quantity_words"
        case endDateWords = "end_date_words"
        case endDateSuffixes = "end_date_suffixes"
        case dateTypes = "date_types"
        case dateWords = "date_words"
        case booleanTypes = "boolean_types"
        case booleanPrefixes = "boolean_prefixes"
        case roleColumns = "role_columns"
        case revenueTables = "revenue_tables"
        case revenueSynonyms = "revenue_synonyms"
        case wideValueColumns = "wide_value_columns"
    }

    /// The bundled conventions.
    static let standard: NamingConventions = BundledData.load(NamingConventions.self, named: "conventions", in: .module, module: "QuerentSemantics")

    /// The words of an identifier, lower-cased (`OrderDate` → `order date`, `unit_price` →
    /// `unit price`): the same split the business context uses.
    static func words(_ identifier: String) -> [String] {
        BusinessContextGenerator.words(in: identifier)
    }

    /// The singular of an English plural noun, by the common rules (`categories` → `category`,
    /// `boxes` → `box`, `people` → `person`); other words are returned as they are.
    static func singular(_ word: String) -> String {
        let irregular = [
            "people": "person", "children": "child", "men": "man", "women": "woman", "staff": "staff", "data": "data", "series": "series",
        ]
        if let value = irregular[word] { return value }
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        for suffix in ["sses", "xes", "ches", "shes", "zes"] where word.hasSuffix(suffix) { return String(word.dropLast(2)) }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("s"), word.count > 3 { return String(word.dropLast()) }
        return word
    }
}
