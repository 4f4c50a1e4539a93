import Foundation
import QuerentCore

/// Splits text into normalized terms for the built-in embedder: identifiers are split on
/// case changes and underscores, words are lower-cased, stemmed, and mapped through a small
/// synonym table, so `CustomerOrders`, `customer_orders` and "orders of clients" share terms.
public enum TextFeatures {
    /// The normalized terms of `text`, in order.
    public static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var word = ""
        func flush() {
            if !word.isEmpty {
                for part in BusinessContextGenerator.words(in: word) where !part.isEmpty {
                    let term = normalize(part)
                    if !term.isEmpty && !stopWords.contains(term) { terms.append(term) }
                }
            }
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else {
                flush()
            }
        }
        flush()
        return terms
    }

    /// Lower-cases, stems and maps one word to its canonical synonym.
    public static func normalize(_ word: String) -> String {
        let lower = word.lowercased()
        if let canonical = synonyms[lower] { return canonical }
        let stemmed = stem(lower)
        return synonyms[stemmed] ?? stemmed
    }

    /// A light suffix-stripping stemmer (plural and verb endings).
    public static func stem(_ word: String) -> String {
        guard word.count > 3, word.allSatisfy(\.isLetter) else { return word }
        if word.hasSuffix("ies") && word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("sses") { return String(word.dropLast(2)) }
        for suffix in ["ches", "shes", "xes", "zes"] where word.hasSuffix(suffix) { return String(word.dropLast(2)) }
        if word.hasSuffix("ing") && word.count > 5 { return String(word.dropLast(3)) }
        if word.hasSuffix("ed") && word.count > 4 && !word.hasSuffix("eed") { return String(word.dropLast(2)) }
        if word.hasSuffix("s") && !word.hasSuffix("ss") && !word.hasSuffix("us") && !word.hasSuffix("is") { return String(word.dropLast()) }
        return word
    }

    static let stopWords: Set<String> = [
        "the", "a", "an", "of", "in", "on", "for", "to", "and", "or", "by", "with", "what", "which", "who", "how", "many",
        "much", "is", "are", "was", "were", "be", "do", "doe", "did", "show", "me", "list", "give", "all", "each", "every",
        "per", "from", "that", "this", "there", "their", "it", "its", "as", "at", "i", "we", "our", "my", "find", "get",
    ]

    /// Words mapped to one canonical term.
    static let synonyms: [String: String] = {
        let groups: [String: [String]] = [
            "customer": ["customer", "customers", "client", "clients", "buyer", "buyers", "purchaser", "shopper", "consumer"],
            "order": ["order", "orders", "purchase", "purchases", "purchased", "bought", "buy"],
            "product": ["product", "products", "item", "items", "article", "goods", "merchandise", "sku"],
            "employee": ["employee", "employees", "staff", "worker", "workers", "personnel", "rep", "emp"],
            "price": ["price", "prices", "cost", "costs", "priced"],
            "revenue": ["revenue", "income", "earnings", "turnover", "sales"],
            "city": ["city", "cities", "town", "towns"],
            "country": ["country", "countries", "nation", "nations", "nationality"],
            "category": ["category", "categories", "genre", "genres", "kind"],
            "supplier": ["supplier", "suppliers", "vendor", "vendors", "provider", "providers"],
            "payment": ["payment", "payments", "paid", "pay", "transaction", "transactions"],
            "shipment": ["shipment", "shipments", "shipping", "shipped", "delivery", "deliveries", "dispatch"],
            "quantity": ["quantity", "qty", "quantities", "units"],
            "manager": ["manager", "managers", "boss", "supervisor", "supervisors", "manage", "manages", "managed"],
            "salary": ["salary", "salaries", "wage", "wages"],
            "stock": ["stock", "inventory", "stocked"],
            "phone": ["phone", "telephone", "mobile", "cell"],
            "birth": ["birth", "born", "birthday", "birthdate", "dob"],
            "student": ["student", "students", "pupil", "pupils", "learner"],
            "teacher": ["teacher", "teachers", "instructor", "instructors", "professor", "lecturer"],
            "identifier": ["id", "ids", "identifier", "key"],
            "name": ["name", "names", "title", "called", "named"],
            "year": ["year", "years", "annual", "yearly"],
            "amount": ["amount", "amounts", "total", "totals", "sum"],
            "number": ["number", "count", "num", "no"],
        ]
        var map: [String: String] = [:]
        for (canonical, words) in groups {
            for word in words { map[word] = canonical }
        }
        return map
    }()
}
