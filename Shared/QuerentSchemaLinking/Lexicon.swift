import Foundation
import QuerentCore

/// The word knowledge the built-in generator links with: stemming, irregular plurals,
/// synonyms, abbreviations, acronyms, typo tolerance and nationality adjectives.
///
/// Everything here is general English or general database-naming convention; nothing is
/// keyed to a particular schema.
package enum Lexicon {
    /// Lower-cased, singular, without common verb endings.
    package static func stem(_ word: String) -> String {
        stems.value(for: word) { computeStem(word) }
    }

    private static let stems = Memo<String, String>(capacity: 100_000)

    private static func computeStem(_ word: String) -> String {
        let lower = word.lowercased()
        if let irregular = irregularSingulars[lower] { return irregular }
        guard lower.count > 3, lower.allSatisfy(\.isLetter) else { return lower }
        if lower.hasSuffix("ies") && lower.count > 4 { return String(lower.dropLast(3)) + "y" }
        if lower.hasSuffix("sses") || lower.hasSuffix("uses") { return String(lower.dropLast(2)) }
        for suffix in ["ches", "shes", "xes", "zes"] where lower.hasSuffix(suffix) { return String(lower.dropLast(2)) }
        if lower.hasSuffix("ss") || lower.hasSuffix("us") || lower.hasSuffix("is") || lower.hasSuffix("ous") { return lower }
        if lower.hasSuffix("s") && !lower.hasSuffix("ss") { return String(lower.dropLast()) }
        return lower
    }

    /// A stronger normalization used to compare words: ``stem(_:)`` plus verb endings
    /// (-ing, -ed, -er only when the rest is still a word-like stem).
    package static func root(_ word: String) -> String {
        var base = stem(word)
        if let irregular = irregularVerbs[base] { return irregular }
        guard base.count > 4 else { return base }
        if base.hasSuffix("ing") && base.count > 5 {
            base = String(base.dropLast(3))
            if base.count >= 3, let last = base.last, base.dropLast().last == last, !"lsz".contains(last) { base.removeLast() }
            return base
        }
        if base.hasSuffix("ied") { return String(base.dropLast(3)) + "y" }
        if base.hasSuffix("ed") && !base.hasSuffix("eed") {
            base = String(base.dropLast(2))
            if base.count >= 3, let last = base.last, base.dropLast().last == last, !"lsz".contains(last) { base.removeLast() }
            return base
        }
        return base
    }

    /// Canonical synonym of a word (after ``root(_:)``), or the root itself.
    package static func canonical(_ word: String) -> String {
        let lower = word.lowercased()
        if let value = synonymMap[lower] { return value }
        let rooted = root(lower)
        return synonymMap[rooted] ?? rooted
    }

    /// How well an identifier word matches a question word, 0…1.
    ///
    /// 1 for the same root or synonym; 0.85 for a typo (one edit in a long word) or a
    /// nationality adjective of a place; 0.8 for an abbreviation (`desc` → description,
    /// `cont` → continent); 0 otherwise.
    package static func similarity(identifier: String, question: String) -> Double {
        similarities.value(for: WordPair(identifier: identifier, question: question)) {
            computeSimilarity(identifier: identifier, question: question)
        }
    }

    /// The pairs already compared: the same schema words meet the same question words on
    /// every request, and comparing them is the linker's main cost.
    private static let similarities = Memo<WordPair, Double>(capacity: 200_000)

    private struct WordPair: Hashable, Sendable {
        package var identifier: String
        package var question: String
    }

    private static func computeSimilarity(identifier: String, question: String) -> Double {
        let a = identifier.lowercased()
        let b = question.lowercased()
        if a == b { return 1 }
        let ra = root(a)
        let rb = root(b)
        if ra == rb { return 1 }
        if canonical(a) == canonical(b) { return 0.95 }
        if let expansions = abbreviations[a], expansions.contains(rb) || expansions.contains(b) { return 0.9 }
        // "leaving" ~ "leave": a dropped final e
        if ra + "e" == rb || rb + "e" == ra { return 0.95 }
        if a.count >= 3, b.count > a.count, b.hasPrefix(a), a.allSatisfy(\.isLetter), !commonShortWords.contains(a) {
            // an abbreviation: "cont" for "continent", "indep" for "independence"
            return a.count >= 4 || b.count <= 8 ? 0.8 : 0.7
        }
        if a.count >= 5, b.count >= 5, editDistance(ra, rb, limit: 1) <= 1 { return 0.85 }
        if a.count >= 8, b.count >= 8, editDistance(ra, rb, limit: 2) <= 2 { return 0.8 }
        return 0
    }

    /// Levenshtein distance with transpositions, stopping early past `limit`.
    package static func editDistance(_ lhs: String, _ rhs: String, limit: Int) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            previousPrevious = previous
            previous = current
        }
        return previous[b.count]
    }

    /// The lower-cased letters and digits of `text` only: "Asia-Pacific" → "asiapacific".
    package static func compact(_ text: String) -> String {
        if text.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }) { return text }
        return String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// Whether a question word names an amount of money earned or spent ("revenue", "sales",
    /// "spending"), which schemas store as amounts, totals or prices rather than by that name.
    package static func isMoneyMeasure(_ word: String) -> Bool {
        moneyMeasureWords.contains(stem(word))
    }

    /// Singular forms of the money-measure words.
    package static let moneyMeasureWords: Set<String> = ["revenue", "sale", "income", "turnover", "earning", "spending", "taking", "proceed"]

    /// Column words (singular) that hold money, most specific first.
    package static let moneyColumnWords = ["revenue", "sale", "total", "amount", "paid", "payment", "value", "price"]

    /// Place names for nationality adjectives ("French" → France); the value matcher tries them.
    package static func places(forAdjective word: String) -> [String] {
        demonyms[word.lowercased()] ?? []
    }

    // MARK: - Tables

    package static let irregularSingulars: [String: String] = [
        "people": "person", "ids": "id", "pcs": "pc", "persons": "person", "men": "man", "women": "woman", "children": "child", "mice": "mouse",
        "geese": "goose", "feet": "foot", "teeth": "tooth", "data": "data", "criteria": "criterion", "media": "media",
        "indices": "index", "matrices": "matrix", "analyses": "analysis", "theses": "thesis", "crises": "crisis",
        "series": "series", "species": "species", "news": "news", "staff": "staff", "aircraft": "aircraft",
        "status": "status", "address": "address", "business": "business", "class": "class", "boss": "boss",
        "gas": "gas", "bus": "bus", "campus": "campus", "census": "census", "virus": "virus", "bonus": "bonus",
        "has": "has", "was": "was", "is": "is", "this": "this", "its": "its", "does": "do", "goes": "go",
        "lives": "live", "leaves": "leave", "wives": "wife", "knives": "knife", "shelves": "shelf",
        "salaries": "salary", "movies": "movie", "cookies": "cookie", "ties": "tie", "dies": "die",
        "lies": "lie", "pies": "pie",
    ]

    package static let irregularVerbs: [String: String] = [
        "born": "birth", "bought": "buy", "sold": "sell", "made": "make", "built": "build", "won": "win", "taught": "teach",
        "spoke": "speak", "spoken": "speak", "wrote": "write", "written": "write", "gave": "give", "given": "give",
        "took": "take", "taken": "take", "held": "hold", "led": "lead", "lost": "lose", "paid": "pay", "sent": "send",
        "spent": "spend", "began": "begin", "begun": "begin", "ran": "run", "flew": "fly", "flown": "fly", "drove": "drive",
        "driven": "drive", "chose": "choose", "chosen": "choose", "got": "get", "gotten": "get", "left": "leave",
        "met": "meet", "sang": "sing", "sung": "sing", "grew": "grow", "grown": "grow", "saw": "see", "seen": "see",
        "did": "do", "done": "do", "had": "have", "went": "go", "gone": "go", "came": "come", "knew": "know",
        "known": "know", "thought": "think", "brought": "bring", "caught": "catch", "fought": "fight", "found": "find",
        "founded": "found", "kept": "keep", "stood": "stand", "worn": "wear", "wore": "wear", "hired": "hire",
        "produced": "produce", "produces": "produce", "producing": "produce", "lived": "live", "living": "live",
        "scored": "score", "scoring": "score", "died": "die", "dying": "die", "located": "locate", "ranked": "rank",
        "ranking": "rank", "rated": "rate", "rating": "rate", "used": "use", "using": "use", "released": "release",
        "releasing": "release", "registered": "register", "registering": "register", "enrolled": "enroll",
        "enrolling": "enroll", "enrolment": "enroll", "enrollment": "enroll", "enrolments": "enroll",
        "enrollments": "enroll", "arrived": "arrive", "arriving": "arrive", "arrival": "arrive", "departed": "depart",
        "departing": "depart", "departure": "depart", "served": "serve", "serving": "serve", "based": "base",
        "named": "name", "titled": "title", "created": "create", "creating": "create", "owned": "own", "owner": "own",
        "owning": "own", "managed": "manage", "managing": "manage", "employed": "employ", "working": "work",
        "worked": "work", "played": "play", "playing": "play", "shipped": "ship", "shipping": "ship", "ordered": "order",
        "ordering": "order", "awarded": "award", "attended": "attend", "visited": "visit",
        "participated": "participate", "participating": "participate", "participant": "participate", "published": "publish",
        "directed": "direct", "director": "direct", "stored": "store", "priced": "price", "rented": "rent",
        "performed": "perform", "performing": "perform", "performance": "perform", "performer": "perform",
    ]

    /// Groups of words that mean the same thing in a database question (first is canonical).
    package static let synonymGroups: [[String]] = [
        ["customer", "client", "buyer", "purchaser", "shopper", "consumer"],
        ["product", "item", "article", "goods", "merchandise"],
        ["employee", "staff", "worker", "personnel", "employ"],
        ["price", "cost"],
        ["revenue", "income", "earning", "turnover"],
        ["city", "town"],
        ["country", "nation", "nationality", "citizenship"],
        ["category", "genre"],
        ["supplier", "vendor", "provider"],
        ["payment", "pay"],
        ["quantity", "qty"],
        ["manager", "boss", "supervisor", "manage"],
        ["salary", "wage"],
        ["stock", "inventory"],
        ["phone", "telephone", "mobile", "cell"],
        ["birth", "birthday", "birthdate", "dob"],
        ["student", "pupil", "learner"],
        ["teacher", "instructor", "professor", "lecturer", "teach"],
        ["identifier", "id", "ids"],
        ["name", "title", "call", "named"],
        ["year", "annual", "yearly"],
        ["number", "num", "nr", "count"],
        ["description", "desc", "describe", "described", "describes", "describing", "detail"],
        ["address", "addr"],
        ["amount", "amt"],
        ["percentage", "percent", "pct"],
        ["average", "avg", "mean"],
        ["date", "day", "dt", "time"],
        ["location", "place", "locate"],
        ["gender", "sex"],
        ["destination", "dest", "arrive", "arrival", "land", "landing"],
        ["source", "src", "origin", "depart", "departure", "leave", "leaving"],
        ["document", "doc"],
        ["capacity", "cap"],
        ["picture", "photo", "image"],
        ["film", "movie"],
        ["song", "track"],
        ["car", "automobile", "vehicle"],
        ["speed", "velocity"],
        ["government", "govern"],
        ["language", "lang", "speak"],
        ["enroll", "register", "registration"],
        ["sale", "sell"],
        ["win", "winner"],
        ["author", "writer", "write"],
        ["organization", "organisation", "org"],
        ["statement", "stmt"],
        ["maker", "manufacturer", "producer"],
        ["weight", "weigh"],
        ["height", "tall"],
        ["age", "old"],
        ["hometown", "home_town"],
    ]

    package static let synonymMap: [String: String] = {
        var map: [String: String] = [:]
        for group in synonymGroups {
            let canonical = group[0]
            for word in group { map[word] = canonical }
        }
        return map
    }()

    /// Common abbreviations in column names and what they stand for.
    package static let abbreviations: [String: Set<String>] = [
        "qty": ["quantity"], "amt": ["amount"], "num": ["number"], "no": ["number"], "nr": ["number"], "nbr": ["number"],
        "desc": ["description", "describe"], "dept": ["department"], "emp": ["employee"], "mgr": ["manager"],
        "addr": ["address"], "dob": ["birth", "birthday"], "pct": ["percentage", "percent"], "avg": ["average"],
        "max": ["maximum"], "min": ["minimum"], "dt": ["date"], "yr": ["year"], "src": ["source"], "dest": ["destination"],
        "cust": ["customer"], "prod": ["product"], "cat": ["category"], "loc": ["location"], "org": ["organization"],
        "govt": ["government"], "gov": ["government"], "intl": ["international"], "info": ["information"],
        "id": ["identifier"], "ids": ["identifier"], "fname": ["first"], "lname": ["last"], "pos": ["position"],
        "stu": ["student"], "lang": ["language"], "ctry": ["country"], "cnt": ["count", "number"], "tel": ["telephone", "phone"],
        "hp": ["horsepower"],
    ]

    /// Short words that are real words, not abbreviations of longer ones.
    package static let commonShortWords: Set<String> = [
        "age", "art", "car", "cat", "dog", "day", "end", "fee", "job", "key", "law", "map", "man", "pet", "sex", "tax",
        "top", "war", "way", "win", "year", "name", "type", "code", "date", "city", "rank", "rate", "role", "size", "team",
        "time", "area", "line", "unit", "cost", "star", "home", "room", "song", "show", "ship", "port", "air", "sea",
        "bed", "bus", "fan", "gas", "hour", "kind", "game", "goal", "hall", "head", "mark", "note", "part", "plan",
        "race", "road", "seat", "side", "site", "test", "tour", "town", "view", "work", "zone", "last", "first",
        "low", "high", "max", "min", "all", "new", "old", "num", "per", "and", "for", "the", "our", "out",
    ]

    /// Nationality and regional adjectives to place names.
    package static let demonyms: [String: [String]] = [
        "american": ["usa", "us", "united states", "america", "north america"], "french": ["france"],
        "german": ["germany"], "british": ["uk", "united kingdom", "britain", "great britain", "england"],
        "english": ["england", "uk", "united kingdom"], "chinese": ["china"], "japanese": ["japan"],
        "spanish": ["spain"], "italian": ["italy"], "dutch": ["netherlands", "holland"], "russian": ["russia"],
        "canadian": ["canada"], "mexican": ["mexico"], "brazilian": ["brazil"], "indian": ["india"],
        "australian": ["australia"], "korean": ["korea", "south korea"], "swedish": ["sweden"], "swiss": ["switzerland"],
        "irish": ["ireland"], "scottish": ["scotland"], "welsh": ["wales"], "polish": ["poland"], "greek": ["greece"],
        "turkish": ["turkey"], "portuguese": ["portugal"], "belgian": ["belgium"], "austrian": ["austria"],
        "norwegian": ["norway"], "danish": ["denmark"], "finnish": ["finland"], "argentinian": ["argentina"],
        "argentine": ["argentina"], "chilean": ["chile"], "egyptian": ["egypt"], "israeli": ["israel"],
        "european": ["europe"], "asian": ["asia"], "african": ["africa"], "latin": ["latin america"],
        "hungarian": ["hungary"], "czech": ["czech republic", "czechia"], "ukrainian": ["ukraine"],
        "vietnamese": ["vietnam"], "thai": ["thailand"], "filipino": ["philippines"], "indonesian": ["indonesia"],
        "pakistani": ["pakistan"], "iranian": ["iran"], "iraqi": ["iraq"], "saudi": ["saudi arabia"],
        "nigerian": ["nigeria"], "kenyan": ["kenya"], "colombian": ["colombia"], "peruvian": ["peru"],
        "venezuelan": ["venezuela"], "cuban": ["cuba"], "jamaican": ["jamaica"], "romanian": ["romania"],
        "bulgarian": ["bulgaria"], "serbian": ["serbia"], "croatian": ["croatia"], "slovak": ["slovakia"],
        "zealander": ["new zealand"], "oceanian": ["oceania"],
    ]
}
