import Foundation

extension QueryPlanner {
    /// A ranking word: its direction and, for adjectives that imply a column ("youngest"),
    /// the column words it implies with the direction for each.
    struct Superlative {
        var descending: Bool
        var hints: [(word: String, descending: Bool)] = []
        /// True for words that can also be an aggregate in the head ("maximum capacity").
        var aggregate: Bool = true
    }

    static let superlativeWords: [String: Superlative] = [
        "most": Superlative(descending: true), "least": Superlative(descending: false),
        "fewest": Superlative(descending: false), "highest": Superlative(descending: true),
        "largest": Superlative(descending: true, hints: [("size", true), ("area", true), ("capacity", true), ("population", true)]),
        "biggest": Superlative(descending: true, hints: [("size", true), ("area", true), ("capacity", true), ("population", true)]),
        "greatest": Superlative(descending: true), "maximum": Superlative(descending: true), "max": Superlative(descending: true),
        "top": Superlative(descending: true), "lowest": Superlative(descending: false),
        "smallest": Superlative(descending: false, hints: [("size", false), ("area", false), ("capacity", false), ("population", false)]),
        "minimum": Superlative(descending: false), "min": Superlative(descending: false),
        "youngest": Superlative(descending: false, hints: [("age", false), ("birth", true), ("dob", true)]),
        "oldest": Superlative(descending: true, hints: [("age", true), ("birth", false), ("dob", false)]),
        "tallest": Superlative(descending: true, hints: [("height", true)]),
        "shortest": Superlative(descending: false, hints: [("height", false), ("length", false), ("duration", false)], aggregate: false),
        "heaviest": Superlative(descending: true, hints: [("weight", true)]),
        "lightest": Superlative(descending: false, hints: [("weight", false)]),
        "longest": Superlative(descending: true, hints: [("length", true), ("duration", true), ("time", true)]),
        "earliest": Superlative(descending: false, hints: [("date", false), ("year", false), ("time", false)]),
        "latest": Superlative(descending: true, hints: [("date", true), ("year", true), ("time", true)]),
        "newest": Superlative(descending: true, hints: [("date", true), ("year", true)]),
        "recent": Superlative(descending: true, hints: [("date", true), ("year", true), ("time", true)], aggregate: false),
        "recently": Superlative(descending: true, hints: [("date", true), ("year", true), ("time", true)], aggregate: false),
        "cheapest": Superlative(descending: false, hints: [("price", false), ("cost", false), ("fee", false)], aggregate: false),
        "expensive": Superlative(descending: true, hints: [("price", true), ("cost", true), ("fee", true)], aggregate: false),
        "richest": Superlative(
            descending: true,
            hints: [("worth", true), ("wealth", true), ("money", true), ("income", true), ("salary", true)],
            aggregate: false
        ),
        "fastest": Superlative(descending: true, hints: [("speed", true)], aggregate: false),
        "slowest": Superlative(descending: false, hints: [("speed", false)], aggregate: false),
        "best": Superlative(descending: true, hints: [("rating", true), ("score", true), ("rank", false)], aggregate: false),
        "worst": Superlative(descending: false, hints: [("rating", false), ("score", false), ("rank", true)], aggregate: false),
        "populous": Superlative(descending: true, hints: [("population", true)], aggregate: false),
        "first": Superlative(
            descending: false,
            hints: [("date", false), ("year", false), ("time", false), ("start", false), ("created", false)],
            aggregate: false
        ),
        "last": Superlative(
            descending: true,
            hints: [("date", true), ("year", true), ("time", true), ("start", true), ("created", true)],
            aggregate: false
        ),
        "populated": Superlative(descending: true, hints: [("population", true)], aggregate: false),
    ]

    /// Comparison phrases, longest first, with the operator they mean and the columns an
    /// adjective implies ("older than" → age).
    struct Comparison {
        var words: [String]
        var op: QueryPlan.Operator
        var hints: [String] = []
        /// Dates and years compare by time ("after 2013").
        var temporal = false
    }

    static let comparisons: [Comparison] = {
        var list: [Comparison] = [
            Comparison(words: ["greater", "than", "or", "equal", "to"], op: .greaterOrEqual),
            Comparison(words: ["more", "than", "or", "equal", "to"], op: .greaterOrEqual),
            Comparison(words: ["larger", "than", "or", "equal", "to"], op: .greaterOrEqual),
            Comparison(words: ["higher", "than", "or", "equal", "to"], op: .greaterOrEqual),
            Comparison(words: ["less", "than", "or", "equal", "to"], op: .lessOrEqual),
            Comparison(words: ["smaller", "than", "or", "equal", "to"], op: .lessOrEqual),
            Comparison(words: ["lower", "than", "or", "equal", "to"], op: .lessOrEqual),
            Comparison(words: ["fewer", "than", "or", "equal", "to"], op: .lessOrEqual),
            Comparison(words: ["no", "less", "than"], op: .greaterOrEqual), Comparison(words: ["not", "less", "than"], op: .greaterOrEqual),
            Comparison(words: ["no", "fewer", "than"], op: .greaterOrEqual), Comparison(words: ["not", "fewer", "than"], op: .greaterOrEqual),
            Comparison(words: ["no", "more", "than"], op: .lessOrEqual), Comparison(words: ["not", "more", "than"], op: .lessOrEqual),
            Comparison(words: ["no", "greater", "than"], op: .lessOrEqual), Comparison(words: ["not", "greater", "than"], op: .lessOrEqual),
            Comparison(words: ["at", "least"], op: .greaterOrEqual), Comparison(words: ["at", "most"], op: .lessOrEqual),
            Comparison(words: ["a", "minimum", "of"], op: .greaterOrEqual), Comparison(words: ["a", "maximum", "of"], op: .lessOrEqual),
            Comparison(words: ["minimum", "of"], op: .greaterOrEqual), Comparison(words: ["maximum", "of"], op: .lessOrEqual),
            Comparison(words: ["up", "to"], op: .lessOrEqual), Comparison(words: ["equal", "to"], op: .equal),
            Comparison(words: ["equals"], op: .equal), Comparison(words: ["exactly"], op: .equal),
            Comparison(words: ["more", "than"], op: .greater), Comparison(words: ["greater", "than"], op: .greater),
            Comparison(words: ["larger", "than"], op: .greater), Comparison(words: ["bigger", "than"], op: .greater),
            Comparison(words: ["higher", "than"], op: .greater), Comparison(words: ["over"], op: .greater),
            Comparison(words: ["above"], op: .greater), Comparison(words: ["exceeding"], op: .greater),
            Comparison(words: ["exceeds"], op: .greater), Comparison(words: ["exceed"], op: .greater),
            Comparison(words: ["beyond"], op: .greater), Comparison(words: ["less", "than"], op: .less),
            Comparison(words: ["fewer", "than"], op: .less), Comparison(words: ["smaller", "than"], op: .less),
            Comparison(words: ["lower", "than"], op: .less), Comparison(words: ["below"], op: .less),
            Comparison(words: ["under"], op: .less), Comparison(words: ["beneath"], op: .less),
            Comparison(words: ["older", "than"], op: .greater, hints: ["age"]),
            Comparison(words: ["younger", "than"], op: .less, hints: ["age"]),
            Comparison(words: ["heavier", "than"], op: .greater, hints: ["weight"]),
            Comparison(words: ["lighter", "than"], op: .less, hints: ["weight"]),
            Comparison(words: ["taller", "than"], op: .greater, hints: ["height"]),
            Comparison(words: ["shorter", "than"], op: .less, hints: ["height", "length"]),
            Comparison(words: ["longer", "than"], op: .greater, hints: ["length", "duration"]),
            Comparison(words: ["cheaper", "than"], op: .less, hints: ["price", "cost"]),
            Comparison(words: ["more", "expensive", "than"], op: .greater, hints: ["price", "cost"]),
            Comparison(words: ["richer", "than"], op: .greater, hints: ["worth", "wealth", "money", "income"]),
            Comparison(words: ["faster", "than"], op: .greater, hints: ["speed"]),
            Comparison(words: ["later", "than"], op: .greater, hints: ["date", "year", "time"], temporal: true),
            Comparison(words: ["earlier", "than"], op: .less, hints: ["date", "year", "time"], temporal: true),
            Comparison(words: ["newer", "than"], op: .greater, hints: ["date", "year"], temporal: true),
            Comparison(words: ["after"], op: .greater, hints: ["date", "year", "time"], temporal: true),
            Comparison(words: ["before"], op: .less, hints: ["date", "year", "time"], temporal: true),
            Comparison(words: ["since"], op: .greaterOrEqual, hints: ["date", "year", "time"], temporal: true),
            Comparison(words: ["prior", "to"], op: .less, hints: ["date", "year", "time"], temporal: true),
            Comparison(words: ["until"], op: .lessOrEqual, hints: ["date", "year", "time"], temporal: true),
            Comparison(words: ["through"], op: .lessOrEqual, hints: ["date", "year", "time"], temporal: true),
            Comparison(words: [">="], op: .greaterOrEqual), Comparison(words: ["<="], op: .lessOrEqual),
            Comparison(words: [">"], op: .greater), Comparison(words: ["<"], op: .less), Comparison(words: ["="], op: .equal),
            Comparison(words: ["more"], op: .greater), Comparison(words: ["greater"], op: .greater),
            Comparison(words: ["larger"], op: .greater), Comparison(words: ["bigger"], op: .greater),
            Comparison(words: ["higher"], op: .greater), Comparison(words: ["less"], op: .less),
            Comparison(words: ["fewer"], op: .less), Comparison(words: ["smaller"], op: .less), Comparison(words: ["lower"], op: .less),
            Comparison(words: ["older"], op: .greater, hints: ["age"]), Comparison(words: ["younger"], op: .less, hints: ["age"]),
            Comparison(words: ["heavier"], op: .greater, hints: ["weight"]), Comparison(words: ["lighter"], op: .less, hints: ["weight"]),
            Comparison(words: ["taller"], op: .greater, hints: ["height"]),
        ]
        list.sort { $0.words.count > $1.words.count }
        return list
    }()

    /// Aggregate words for the head of a question.
    static let aggregateWords: [String: QueryPlan.Aggregate] = [
        "average": .avg, "avg": .avg, "mean": .avg, "total": .sum, "sum": .sum, "combined": .sum, "maximum": .max,
        "max": .max, "minimum": .min, "min": .min, "highest": .max, "largest": .max, "biggest": .max, "greatest": .max,
        "lowest": .min, "smallest": .min, "oldest": .max, "youngest": .min, "longest": .max, "shortest": .min,
        "earliest": .min, "latest": .max, "newest": .max, "tallest": .max, "heaviest": .max, "lightest": .min,
    ]

    /// Nouns that mean a population count when no table holds them.
    static let populationNouns: Set<String> = ["people", "persons", "residents", "inhabitants", "population"]

    /// Words that make a clause negative.
    static let negationWords: Set<String> = ["not", "no", "never", "without", "none", "neither", "nor", "except", "excluding"]
}
