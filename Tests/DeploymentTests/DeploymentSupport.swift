import Foundation
import QuerentCore
import QuerentTesting
import Yams

/// Files of the repository, read by the deployment and contract tests.
enum Repository {
    static var root: URL { PackageLayout.root }

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    /// The files of a directory (not recursive), sorted.
    static func files(in relative: String, suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path(relative)).filter { $0.hasSuffix(suffix) }.sorted()
    }
}

/// A YAML or JSON document that is not what a test expects.
struct DocumentError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// YAML as ``JSONValue`` trees (Yams resolves plain scalars with the YAML core schema;
/// quoted scalars stay strings).
enum YAMLDocument {
    static func load(_ relative: String) throws -> JSONValue {
        let text = try Repository.text(relative)
        guard let value = try Yams.load(yaml: text) else { throw DocumentError("\(relative) is empty") }
        return try convert(value, at: relative)
    }

    static func loadAll(_ relative: String) throws -> [JSONValue] {
        var documents: [JSONValue] = []
        for document in try Yams.load_all(yaml: try Repository.text(relative)) {
            documents.append(try convert(document, at: relative))
        }
        return documents
    }

    static func convert(_ value: Any, at path: String) throws -> JSONValue {
        switch value {
        case is NSNull: return .null
        case let bool as Bool: return .bool(bool)
        case let int as Int: return .int(Int64(int))
        case let double as Double: return .double(double)
        case let string as String: return .string(string)
        case let array as [Any]: return .array(try array.enumerated().map { try convert($1, at: "\(path)[\($0)]") })
        case let mapping as [AnyHashable: Any]:
            var object: [String: JSONValue] = [:]
            for (key, element) in mapping {
                let name = "\(key.base)"
                object[name] = try convert(element, at: "\(path).\(name)")
            }
            return .object(object)
        default:
            throw DocumentError("\(path): a \(type(of: value)) has no JSON form (quote timestamps and other special scalars)")
        }
    }
}

extension JSONValue {
    subscript(_ key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    var stringValue: String? {
        switch self {
        case .string(let text): return text
        case .int(let value): return String(value)
        default: return nil
        }
    }

    var intValue: Int? {
        switch self {
        case .int(let value): return Int(value)
        case .string(let text): return Int(text)
        default: return nil
        }
    }

    /// Follows `a.b.c` through objects.
    func at(_ dotted: String) -> JSONValue? {
        var current: JSONValue? = self
        for part in dotted.split(separator: ".") { current = current?[String(part)] }
        return current
    }
}

/// A route as `METHOD /normalised/path`, path parameters written `{}` whatever their name,
/// no empty segments (so `/api/v1/sources/database/` and `…/database` agree).
struct RouteKey: Hashable, Comparable, CustomStringConvertible {
    var method: String
    var path: String

    init(_ method: String, _ path: String) {
        self.method = method.uppercased()
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let segments = bare.split(separator: "/").map { segment -> String in
            segment.hasPrefix(":") || (segment.hasPrefix("{") && segment.hasSuffix("}")) ? "{}" : String(segment)
        }
        self.path = "/" + segments.joined(separator: "/")
    }

    var description: String { "\(method) \(path)" }

    static func < (lhs: RouteKey, rhs: RouteKey) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }
}

/// The OpenAPI document: its operations and which service owns each path
/// (`x-querent-services`).
struct OpenAPIContract {
    let document: JSONValue

    static func load() throws -> OpenAPIContract { OpenAPIContract(document: try YAMLDocument.load("proto-docs/openapi.yaml")) }

    static let methods = ["get", "put", "post", "delete", "patch", "head", "options"]

    /// Path → owners.
    var owners: [String: [String]] {
        var result: [String: [String]] = [:]
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            result[path] = (item["x-querent-services"]?.arrayValue ?? []).compactMap(\.stringValue)
        }
        return result
    }

    /// Every operation of the paths `service` owns.
    func operations(of service: String) -> Set<RouteKey> {
        var keys = Set<RouteKey>()
        for (path, item) in document["paths"]?.objectValue ?? [:] where owners[path]?.contains(service) == true {
            for method in Self.methods where item[method] != nil { keys.insert(RouteKey(method, path)) }
        }
        return keys
    }

    /// Every operation, with the path as written.
    var allOperations: [(key: RouteKey, path: String, operation: JSONValue)] {
        var result: [(key: RouteKey, path: String, operation: JSONValue)] = []
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for method in Self.methods {
                if let operation = item[method] { result.append((RouteKey(method, path), path, operation)) }
            }
        }
        return result.sorted { $0.key < $1.key }
    }

    /// The property names of `components.schemas.<name>`.
    func properties(of schema: String) -> Set<String>? {
        document.at("components.schemas.\(schema).properties")?.objectValue.map { Set($0.keys) }
    }
}

/// The messages of the `.proto` files: name (nested ones as `Outer.Inner`) → JSON names of
/// their fields (oneof members included), and the REST routes written above each RPC.
struct ProtoContract {
    var messages: [String: Set<String>] = [:]
    /// Service name → routes of its RPCs (`REST: METHOD /path` comments).
    var restRoutes: [String: Set<RouteKey>] = [:]
    /// File → services it declares.
    var services: [String: [String]] = [:]

    static func load(_ files: [String]) throws -> ProtoContract {
        var contract = ProtoContract()
        for file in files { try contract.parse(file) }
        return contract
    }

    private mutating func parse(_ file: String) throws {
        let text = try Repository.text("proto-docs/" + file)
        var stack: [(kind: String, name: String)] = []
        var lastRoutes: [RouteKey] = []
        let field = try NSRegularExpression(
            pattern: #"^\s*(?:optional\s+|repeated\s+)?(?:map\s*<[^>]+>|[\w.]+)\s+(\w+)\s*=\s*\d+\s*(?:\[\s*json_name\s*=\s*"([^"]+)"\s*\])?\s*;"#
        )
        let rest = try NSRegularExpression(pattern: #"REST:\s*(GET|POST|PUT|DELETE|PATCH)\s+(/\S+)"#)
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let range = NSRange(line.startIndex..., in: line)
            if let match = rest.firstMatch(in: line, range: range), let method = Range(match.range(at: 1), in: line),
                let path = Range(match.range(at: 2), in: line)
            {
                lastRoutes.append(RouteKey(String(line[method]), String(line[path])))
                continue
            }
            let code = line.components(separatedBy: "//")[0].trimmingCharacters(in: .whitespaces)
            if code.isEmpty { continue }
            let words = code.split(whereSeparator: { $0 == " " || $0 == "{" || $0 == "}" }).map(String.init)
            if words.first == "message", words.count >= 2, code.hasSuffix("{}") {
                messages[(stack.filter { $0.kind == "message" }.map(\.name) + [words[1]]).joined(separator: "."), default: []] = []
                continue
            }
            if let first = words.first, ["message", "service", "oneof", "enum"].contains(first), code.hasSuffix("{"), words.count >= 2 {
                stack.append((first, words[1]))
                if first == "message" { messages[qualifiedMessageName(stack), default: []] = messages[qualifiedMessageName(stack)] ?? [] }
                if first == "service" { services[file, default: []].append(words[1]) }
                continue
            }
            if code.hasPrefix("}") {
                _ = stack.popLast()
                continue
            }
            if code.hasPrefix("rpc "), let service = stack.last(where: { $0.kind == "service" })?.name {
                restRoutes[service, default: []].formUnion(lastRoutes)
                lastRoutes = []
                continue
            }
            guard stack.last?.kind == "message" || stack.last?.kind == "oneof",
                let match = field.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)),
                let nameRange = Range(match.range(at: 1), in: code)
            else { continue }
            let name = Range(match.range(at: 2), in: code).map { String(code[$0]) } ?? String(code[nameRange])
            messages[qualifiedMessageName(stack), default: []].insert(name)
        }
    }

    private func qualifiedMessageName(_ stack: [(kind: String, name: String)]) -> String {
        stack.filter { $0.kind == "message" }.map(\.name).joined(separator: ".")
    }
}

/// nginx's choice of location for a request path, from `deploy/nginx/nginx.conf`.
struct GatewayRouting {
    struct Location {
        enum Match { case exact, prefix, preferredPrefix, regex }
        var match: Match
        var pattern: String
        var body: String
        var regex: NSRegularExpression?

        /// `schema-service` for `proxy_pass $schema_service;`, `gateway` for a location that
        /// answers itself.
        var target: String {
            if let range = body.range(of: #"proxy_pass\s+\$(\w+)_service\s*;"#, options: .regularExpression) {
                let directive = String(body[range])
                let name = directive.replacingOccurrences(of: #"proxy_pass\s+\$"#, with: "", options: .regularExpression)
                    .replacingOccurrences(of: "_service", with: "").replacingOccurrences(of: ";", with: "")
                    .trimmingCharacters(in: .whitespaces)
                return name.replacingOccurrences(of: "_", with: "-") + "-service"
            }
            return body.contains("proxy_pass") ? "unknown" : "gateway"
        }
    }

    let locations: [Location]
    let text: String

    static func load() throws -> GatewayRouting {
        let raw = try Repository.text("deploy/nginx/nginx.conf")
        let text = raw.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let hash = line.firstIndex(of: "#") else { return String(line) }
            // A '#' inside a quoted string (none today) would need a real tokenizer.
            return String(line[..<hash])
        }.joined(separator: "\n")
        var locations: [Location] = []
        var index = text.startIndex
        while let found = text.range(of: "location ", range: index..<text.endIndex) {
            guard let open = text[found.upperBound...].firstIndex(of: "{") else { break }
            let head = text[found.upperBound..<open].trimmingCharacters(in: .whitespaces)
            var depth = 0
            var close = open
            for position in text[open...].indices {
                if text[position] == "{" { depth += 1 }
                if text[position] == "}" {
                    depth -= 1
                    if depth == 0 {
                        close = position
                        break
                    }
                }
            }
            let body = String(text[text.index(after: open)..<close])
            let parts = head.split(separator: " ", maxSplits: 1).map(String.init)
            var location: Location
            switch parts.first {
            case "=": location = Location(match: .exact, pattern: parts.last ?? "", body: body)
            case "~", "~*":
                location = Location(match: .regex, pattern: parts.last ?? "", body: body)
                location.regex = try NSRegularExpression(pattern: location.pattern, options: parts.first == "~*" ? [.caseInsensitive] : [])
            case "^~": location = Location(match: .preferredPrefix, pattern: parts.last ?? "", body: body)
            default: location = Location(match: .prefix, pattern: head, body: body)
            }
            if !location.pattern.hasPrefix("@") { locations.append(location) }
            index = text.index(after: close)
        }
        return GatewayRouting(locations: locations, text: raw)
    }

    /// The location nginx picks for `uri` (exact, then the longest prefix if `^~`, then the
    /// first matching regex, then the longest prefix).
    func location(for uri: String) -> Location? {
        if let exact = locations.first(where: { $0.match == .exact && $0.pattern == uri }) { return exact }
        let prefixes = locations.filter { ($0.match == .prefix || $0.match == .preferredPrefix) && uri.hasPrefix($0.pattern) }
        let longest = prefixes.max { $0.pattern.count < $1.pattern.count }
        if let longest, longest.match == .preferredPrefix { return longest }
        for location in locations where location.match == .regex {
            if location.regex?.firstMatch(in: uri, range: NSRange(uri.startIndex..., in: uri)) != nil { return location }
        }
        return longest
    }

    /// The service (or `gateway`) answering `uri`.
    func target(for uri: String) -> String { location(for: uri)?.target ?? "none" }
}
