import Foundation
import Testing

/// The module structure, checked against `Package.swift` as it is on disk when the test runs:
///
/// - the Mermaid diagram in `docs/architecture.md` has exactly the dependency arrows between
///   our own targets that `Package.swift` declares, and exactly its non-test targets as nodes;
/// - no product module (a target under `Shared/` or `Services/`; the generated
///   `Generated/` folders excluded) is over 4,000 lines of Swift;
/// - `QuerentCore` imports nothing but Foundation, Synchronization and Crypto, and depends on
///   no other target of ours;
/// - each C module is imported by exactly one Swift file, the type that owns its handle;
/// - a question's longest chain of calls crosses at most 6 module boundaries.
@Suite struct ArchitectureTests {
    static let diagramDocument = "docs/architecture.md"
    static let maxModuleLines = 4_000
    static let generatedDirectories = ["Shared/QuerentHTTP/Generated/", "Shared/QuerentConsole/Generated/"]
    static let coreImports: Set<String> = ["Foundation", "Synchronization", "Crypto"]
    static let coreProducts: Set<String> = ["Crypto"]
    static let cModules = ["CLibpq", "CSQLite", "CHiredis", "CCurl", "CZlib", "CMariaDB"]

    // MARK: - Diagram

    @Test func diagramHasEveryDependencyArrowOfPackageSwift() throws {
        let manifest = try PackageManifest.load()
        let diagram = try MermaidDiagram.load(from: Self.diagramDocument)
        #expect(diagram.unparsedLines.isEmpty, "lines of the diagram this test cannot read: \(diagram.unparsedLines)")

        let declared = manifest.dependencyEdges
        let missing = declared.subtracting(diagram.edges).sorted()
        let extra = diagram.edges.subtracting(declared).sorted()
        #expect(
            missing.isEmpty,
            "arrows in Package.swift missing from the diagram in \(Self.diagramDocument): \(missing.map(\.description).joined(separator: "; "))"
        )
        #expect(
            extra.isEmpty,
            "arrows in the diagram in \(Self.diagramDocument) that Package.swift does not declare: \(extra.map(\.description).joined(separator: "; "))"
        )
    }

    @Test func diagramNodesAreTheNonTestTargets() throws {
        let manifest = try PackageManifest.load()
        let diagram = try MermaidDiagram.load(from: Self.diagramDocument)
        let targets = Set(manifest.targets.filter { !$0.isTest }.map(\.name))
        let missing = targets.subtracting(diagram.nodes).sorted()
        let extra = diagram.nodes.subtracting(targets).sorted()
        #expect(missing.isEmpty, "non-test targets missing from the diagram in \(Self.diagramDocument): \(missing)")
        #expect(extra.isEmpty, "modules in the diagram in \(Self.diagramDocument) that are not non-test targets: \(extra)")
    }

    // MARK: - Size

    @Test func noProductModuleIsOverTheLineLimit() throws {
        let manifest = try PackageManifest.load()
        let modules = manifest.targets.filter { !$0.isTest && $0.kind != "systemLibrary" }
            .filter { $0.path.hasPrefix("Shared/") || $0.path.hasPrefix("Services/") }
        #expect(!modules.isEmpty, "no target under Shared/ or Services/ in Package.swift")
        for module in modules {
            let files = try SourceTree.swiftFiles(under: module.path).filter { file in !Self.generatedDirectories.contains { file.hasPrefix($0) } }
            let lines = try files.reduce(0) { $0 + SourceTree.lineCount(try Repository.text($1)) }
            #expect(lines <= Self.maxModuleLines, "\(module.name) (\(module.path)) has \(lines) lines of Swift, over \(Self.maxModuleLines)")
        }
    }

    // MARK: - QuerentCore

    @Test func coreImportsOnlyFoundationSynchronizationAndCrypto() throws {
        let core = try #require(try PackageManifest.load().target(named: "QuerentCore"))
        let files = try SourceTree.swiftFiles(under: core.path)
        #expect(!files.isEmpty, "no Swift file under \(core.path)")
        var offending: [String] = []
        for file in files {
            for module in SourceTree.importedModules(try Repository.text(file)) where !Self.coreImports.contains(module) {
                offending.append("\(file): import \(module)")
            }
        }
        #expect(offending.isEmpty, "QuerentCore may import only \(Self.coreImports.sorted()): \(offending)")
    }

    @Test func coreDependsOnNoTargetOfOurs() throws {
        let core = try #require(try PackageManifest.load().target(named: "QuerentCore"))
        #expect(core.dependencies.isEmpty, "QuerentCore depends on targets of ours: \(core.dependencies)")
        let products = Set(core.products).subtracting(Self.coreProducts)
        #expect(products.isEmpty, "QuerentCore depends on products other than \(Self.coreProducts.sorted()): \(products.sorted())")
    }

    // MARK: - C modules

    @Test func eachCModuleIsImportedByExactlyOneFile() throws {
        let manifest = try PackageManifest.load()
        let systemLibraries = Set(manifest.targets.filter { $0.kind == "systemLibrary" }.map(\.name))
        #expect(systemLibraries == Set(Self.cModules), "the C system-library targets of Package.swift: \(systemLibraries.sorted())")

        var importers: [String: [String]] = [:]
        for directory in ["Shared", "Services", "Tests", "Benchmarks"] {
            for file in try SourceTree.swiftFiles(under: directory) {
                for module in SourceTree.importedModules(try Repository.text(file)) where systemLibraries.contains(module) {
                    importers[module, default: []].append(file)
                }
            }
        }
        for module in systemLibraries.sorted() {
            let files = importers[module] ?? []
            #expect(files.count == 1, "\(module) must be imported by exactly one Swift file (its owner type); imported by \(files)")
        }
    }

    // MARK: - The question path

    /// The modules a question's calls can pass through: the declared dependencies between our
    /// product modules, plus the calls the use cases make through their ports into what the
    /// composition root hands them (generators, metadata store, drivers, queue, bus), without
    /// the composition root itself (it builds, it is not called per question), the console (it
    /// serves files, a question never passes through it) and Core (its types are used
    /// everywhere; a call into them is not a hop between concerns).
    static let questionEntry = "QueryService"
    static let maxQuestionBoundaries = 6
    static let notOnTheCallPath: Set<String> = ["QuerentRuntime", "QuerentTesting", "QuerentExpectations", "QuerentCore", "QuerentConsole"]
    static let portImplementations = [
        "QuerentGeneration", "QuerentLLMGeneration", "QuerentSQLStore", "QuerentPostgres", "QuerentSQLite", "QuerentRedis", "QuerentInProcess",
        "QuerentHTTPClient", "QuerentMySQL",
    ]

    @Test func theQuestionPathCrossesAtMostSixModuleBoundaries() throws {
        let manifest = try PackageManifest.load()
        var calls: [String: Set<String>] = [:]
        for target in manifest.targets where !target.isTest && target.kind != "systemLibrary" && !Self.notOnTheCallPath.contains(target.name) {
            calls[target.name, default: []].formUnion(target.dependencies.filter { !Self.notOnTheCallPath.contains($0) })
        }
        calls["QuerentApplication", default: []].formUnion(Self.portImplementations)
        var longest: [String: [String]] = [:]
        func chain(from module: String) -> [String] {
            if let known = longest[module] { return known }
            let next = (calls[module] ?? []).filter { manifest.target(named: $0)?.kind != "systemLibrary" }
            let best = next.sorted().map(chain(from:)).max { $0.count < $1.count } ?? []
            longest[module] = [module] + best
            return [module] + best
        }
        let path = chain(from: Self.questionEntry)
        #expect(path.count > 3, "the question path should reach the generators: \(path)")
        #expect(
            path.count - 1 <= Self.maxQuestionBoundaries,
            "a question's longest call chain crosses \(path.count - 1) module boundaries: \(path.joined(separator: " → "))"
        )
    }

    // MARK: - Parsers

    @Test func manifestParserReadsNamesAndOurDependencies() {
        let manifest = PackageManifest(
            text: """
                // .target(name: "Commented", dependencies: ["Nope"]),
                targets: [
                    .systemLibrary(name: "CThing", path: "Shared/CThing", pkgConfig: "thing"),
                    .target(
                        name: "A",
                        dependencies: ["CThing", .product(name: "Crypto", package: "swift-crypto"), .target(name: "B")],
                        path: "Shared/A" // a comment with "quotes"
                    ),
                    .target(name: "B", path: "Shared/B"),
                    .executableTarget(name: "App", dependencies: ["A", "B"], path: "Services/App"),
                    .testTarget(name: "ATests", dependencies: ["A"], path: "Tests/ATests"),
                ]
                """
        )
        #expect(manifest.targets.map(\.name) == ["CThing", "A", "B", "App", "ATests"])
        #expect(manifest.target(named: "A")?.dependencies == ["CThing", "B"])
        #expect(manifest.target(named: "A")?.products == ["Crypto"])
        #expect(manifest.target(named: "A")?.path == "Shared/A")
        #expect(manifest.target(named: "ATests")?.isTest == true)
        #expect(manifest.dependencyEdges == [Edge("A", "CThing"), Edge("A", "B"), Edge("App", "A"), Edge("App", "B")])
    }

    @Test func mermaidParserReadsNodesAndEdges() {
        let diagram = MermaidDiagram(
            block: """
                graph TD
                    %% a comment
                    subgraph core [Core]
                        A
                        B["B module"]
                    end
                    A --> B
                    C[C] --> A
                    D -.- E
                """
        )
        #expect(diagram.nodes == ["A", "B", "C"])
        #expect(diagram.edges == [Edge("A", "B"), Edge("C", "A")])
        #expect(diagram.unparsedLines == ["D -.- E"])
    }

    @Test func importParserReadsEveryForm() {
        let source = """
            import Foundation
            @preconcurrency import NIOCore
            public import struct CFake.Handle
            @_implementationOnly import CShim
            // import Commented
            let text = "import NotAnImport"
            """
        #expect(SourceTree.importedModules(source) == ["Foundation", "NIOCore", "CFake", "CShim"])
    }
}

// MARK: - Package.swift

/// One dependency arrow: `from` depends on `to`.
struct Edge: Hashable, Comparable, CustomStringConvertible {
    var from: String
    var to: String

    init(_ from: String, _ to: String) {
        self.from = from
        self.to = to
    }

    var description: String { "\(from) --> \(to)" }

    static func < (lhs: Edge, rhs: Edge) -> Bool { (lhs.from, lhs.to) < (rhs.from, rhs.to) }
}

/// The targets of `Package.swift`, read with a small scanner (not by running the manifest):
/// each `.target(`, `.executableTarget(`, `.testTarget(` and `.systemLibrary(` block gives its
/// `name:`, `path:`, the string dependencies (targets of ours) and the `.product(name:)`
/// dependencies (external packages).
struct PackageManifest {
    struct Target {
        var kind: String
        var name: String
        var path: String
        /// Targets of this package it depends on, in declaration order.
        var dependencies: [String]
        /// Products of external packages it depends on.
        var products: [String]

        var isTest: Bool { kind == "testTarget" }
    }

    var targets: [Target]

    static func load() throws -> PackageManifest {
        PackageManifest(text: try Repository.text("Package.swift"))
    }

    init(text: String) {
        let source = Array(ManifestScanner.removingComments(text).utf8)
        var targets: [Target] = []
        let kinds = ["executableTarget", "systemLibrary", "testTarget", "target"]
        var index = 0
        while index < source.count {
            guard source[index] == UInt8(ascii: "."),
                let kind = kinds.first(where: { ManifestScanner.matches(source, at: index + 1, "\($0)(") })
            else {
                if source[index] == UInt8(ascii: "\"") {
                    index = ManifestScanner.endOfString(source, from: index)
                } else {
                    index += 1
                }
                continue
            }
            let open = index + 1 + kind.utf8.count
            let close = ManifestScanner.matchingClose(source, open: open)
            let block = Array(source[(open + 1)..<close])
            let name = ManifestScanner.stringArgument("name", in: block) ?? ""
            var dependencies: [String] = []
            var products: [String] = []
            if let list = ManifestScanner.listArgument("dependencies", in: block) {
                let (strings, productNames) = ManifestScanner.dependencyStrings(list)
                dependencies = strings
                products = productNames
            }
            let path = ManifestScanner.stringArgument("path", in: block) ?? (kind == "testTarget" ? "Tests/\(name)" : "Sources/\(name)")
            targets.append(Target(kind: kind, name: name, path: path, dependencies: dependencies, products: products))
            index = close + 1
        }
        self.targets = targets
    }

    func target(named name: String) -> Target? { targets.first { $0.name == name } }

    /// Every arrow between non-test targets.
    var dependencyEdges: Set<Edge> {
        let names = Set(targets.filter { !$0.isTest }.map(\.name))
        var edges: Set<Edge> = []
        for target in targets where !target.isTest {
            for dependency in target.dependencies where names.contains(dependency) {
                edges.insert(Edge(target.name, dependency))
            }
        }
        return edges
    }
}

/// Byte-level helpers for ``PackageManifest`` (the manifest is ASCII where it matters).
enum ManifestScanner {
    /// The text with `//` and `/* */` comments blanked out (string literals kept).
    static func removingComments(_ text: String) -> String {
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\"") {
                let end = endOfString(bytes, from: index)
                output.append(contentsOf: bytes[index..<end])
                index = end
            } else if matches(bytes, at: index, "//") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if matches(bytes, at: index, "/*") {
                index += 2
                while index < bytes.count, !matches(bytes, at: index, "*/") { index += 1 }
                index = min(index + 2, bytes.count)
                output.append(UInt8(ascii: " "))
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func matches(_ bytes: [UInt8], at index: Int, _ literal: String) -> Bool {
        let pattern = Array(literal.utf8)
        guard index >= 0, index + pattern.count <= bytes.count else { return false }
        return Array(bytes[index..<(index + pattern.count)]) == pattern
    }

    /// The index just past the string literal opening at `start` (escapes honoured).
    static func endOfString(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "\"") { return index + 1 }
            index += 1
        }
        return bytes.count
    }

    /// The index of the bracket closing the one at `open` (`(`/`)` or `[`/`]`), or the end.
    static func matchingClose(_ bytes: [UInt8], open: Int) -> Int {
        var depth = 0
        var index = open
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index = endOfString(bytes, from: index)
                continue
            case UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index }
            default:
                break
            }
            index += 1
        }
        return bytes.count
    }

    /// Where the argument `label:` of the call's own argument list starts (nested calls skipped).
    static func argumentStart(_ label: String, in block: [UInt8]) -> Int? {
        var depth = 0
        var index = 0
        let key = Array("\(label):".utf8)
        while index < block.count {
            switch block[index] {
            case UInt8(ascii: "\""):
                index = endOfString(block, from: index)
                continue
            case UInt8(ascii: "("), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"):
                depth -= 1
            default:
                let previous = index > 0 ? block[index - 1] : UInt8(ascii: " ")
                let isWordStart = !(isIdentifier(previous))
                if depth == 0, isWordStart, index + key.count <= block.count, Array(block[index..<(index + key.count)]) == key {
                    var start = index + key.count
                    while start < block.count, isSpace(block[start]) { start += 1 }
                    return start
                }
            }
            index += 1
        }
        return nil
    }

    static func stringArgument(_ label: String, in block: [UInt8]) -> String? {
        guard let start = argumentStart(label, in: block), start < block.count, block[start] == UInt8(ascii: "\"") else { return nil }
        let end = endOfString(block, from: start)
        return String(decoding: block[(start + 1)..<(end - 1)], as: UTF8.self)
    }

    static func listArgument(_ label: String, in block: [UInt8]) -> [UInt8]? {
        guard let start = argumentStart(label, in: block), start < block.count, block[start] == UInt8(ascii: "[") else { return nil }
        let end = matchingClose(block, open: start)
        return Array(block[(start + 1)..<min(end, block.count)])
    }

    /// The string dependencies of a `dependencies:` list (including `.target(name:)` and
    /// `.byName(name:)`), and the names of its `.product(name:package:)` entries.
    static func dependencyStrings(_ list: [UInt8]) -> (targets: [String], products: [String]) {
        var targets: [String] = []
        var products: [String] = []
        var index = 0
        while index < list.count {
            if list[index] == UInt8(ascii: "\"") {
                let end = endOfString(list, from: index)
                targets.append(String(decoding: list[(index + 1)..<(end - 1)], as: UTF8.self))
                index = end
            } else if matches(list, at: index, ".product(") {
                let open = index + ".product".utf8.count
                let close = matchingClose(list, open: open)
                if let name = stringArgument("name", in: Array(list[(open + 1)..<close])) { products.append(name) }
                index = close + 1
            } else if matches(list, at: index, "condition:") {
                // `.when(platforms:)` and the like hold no target names.
                var end = index
                var depth = 0
                while end < list.count {
                    if list[end] == UInt8(ascii: "(") || list[end] == UInt8(ascii: "[") { depth += 1 }
                    if list[end] == UInt8(ascii: ")") || list[end] == UInt8(ascii: "]") {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    end += 1
                }
                index = end
            } else {
                index += 1
            }
        }
        return (targets, products)
    }

    static func isIdentifier(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}

// MARK: - The Mermaid diagram

/// The first ```` ```mermaid ```` block of a Markdown file, read as nodes (`Name` or
/// `Name[label]`, alone or at either end of an arrow) and arrows (`A --> B`, one per line).
/// `graph`/`flowchart` headers, `subgraph … end`, `%%` comments and `classDef`/`class`/`style`
/// lines are skipped; any other line is reported as unparsed.
struct MermaidDiagram {
    var nodes: Set<String> = []
    var edges: Set<Edge> = []
    var unparsedLines: [String] = []

    static func load(from relative: String) throws -> MermaidDiagram {
        let text = try Repository.text(relative)
        guard let start = text.range(of: "```mermaid") else { throw DocumentError("\(relative) has no ```mermaid block") }
        guard let end = text.range(of: "```", range: start.upperBound..<text.endIndex) else {
            throw DocumentError("the ```mermaid block of \(relative) is not closed")
        }
        return MermaidDiagram(block: String(text[start.upperBound..<end.lowerBound]))
    }

    private static let identifier = #"([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]]*\])?"#
    private static let edgePattern = try! NSRegularExpression(pattern: "^\(identifier)\\s*-->\\s*\(identifier)$")
    private static let nodePattern = try! NSRegularExpression(pattern: "^\(identifier)$")
    private static let skippedPrefixes = ["graph ", "flowchart ", "subgraph ", "%%", "classDef ", "class ", "style ", "linkStyle ", "direction "]

    init(block: String) {
        for rawLine in block.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line == "end" || Self.skippedPrefixes.contains(where: { line.hasPrefix($0) }) { continue }
            let range = NSRange(line.startIndex..., in: line)
            if let match = Self.edgePattern.firstMatch(in: line, range: range) {
                let from = Self.group(1, of: match, in: line)
                let to = Self.group(2, of: match, in: line)
                nodes.formUnion([from, to])
                edges.insert(Edge(from, to))
            } else if let match = Self.nodePattern.firstMatch(in: line, range: range) {
                nodes.insert(Self.group(1, of: match, in: line))
            } else {
                unparsedLines.append(line)
            }
        }
    }

    private static func group(_ number: Int, of match: NSTextCheckingResult, in line: String) -> String {
        String(line[Range(match.range(at: number), in: line)!])
    }
}

// MARK: - Swift sources

enum SourceTree {
    /// The `.swift` files under a directory of the repository (recursive), as repository-relative paths.
    static func swiftFiles(under relative: String) throws -> [String] {
        guard Repository.exists(relative) else { return [] }
        guard let enumerator = FileManager.default.enumerator(atPath: Repository.path(relative)) else { return [] }
        var files: [String] = []
        while let item = enumerator.nextObject() as? String {
            if item.hasSuffix(".swift") { files.append(relative + "/" + item) }
        }
        return files.sorted()
    }

    /// Lines as `wc -l` counts them, plus a last line without a newline.
    static func lineCount(_ text: String) -> Int {
        let newlines = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return newlines + (text.isEmpty || text.hasSuffix("\n") ? 0 : 1)
    }

    private static let importPattern = try! NSRegularExpression(
        pattern:
            #"^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)"#,
        options: [.anchorsMatchLines]
    )

    /// The modules a Swift file imports, in order (one entry per import declaration).
    static func importedModules(_ source: String) -> [String] {
        importPattern.matches(in: source, range: NSRange(source.startIndex..., in: source)).map { match in
            String(source[Range(match.range(at: 1), in: source)!])
        }
    }
}
