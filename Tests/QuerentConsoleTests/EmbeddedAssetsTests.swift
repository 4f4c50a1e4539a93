import Foundation
import QuerentTesting
import Testing

@testable import QuerentConsole

/// The console compiled into the binaries is the one in `Shared/QuerentConsole/Assets`, and it
/// keeps to what the Content-Security-Policy allows.
@Suite struct EmbeddedAssetsTests {
    static let directory = PackageLayout.root.appendingPathComponent("Shared/QuerentConsole/Assets")

    /// Every file under Assets/, by relative path.
    static func filesOnDisk() throws -> [String: String] {
        let base = directory.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [:] }
        var files: [String: String] = [:]
        for case let path as String in walker {
            var isDirectory: ObjCBool = false
            let full = base + "/" + path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
                !(path as NSString).lastPathComponent.hasPrefix(".")
            else { continue }
            files[path] = try String(contentsOfFile: full, encoding: .utf8)
        }
        return files
    }

    @Test func theEmbeddedFilesAreTheFilesInTheRepository() throws {
        let disk = try Self.filesOnDisk()
        let embedded = Dictionary(ConsoleAssetsContents.files.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first })
        #expect(Set(embedded.keys) == Set(disk.keys), "run: python3 Shared/QuerentConsole/embed-assets.py")
        for (path, text) in disk {
            #expect(embedded[path] == text, "\(path) changed; run: python3 Shared/QuerentConsole/embed-assets.py")
        }
    }

    @Test func thePageLoadsOnlyItsOwnFilesWithoutInlineCode() throws {
        let assets = ConsoleAssets.embedded
        let page = try #require(assets.index.map { String(decoding: $0.bytes, as: UTF8.self) })
        #expect(page.lowercased().hasPrefix("<!doctype html>"))
        let lowered = page.lowercased()
        // Inline script, inline style and event-handler attributes are what the policy forbids.
        #expect(!lowered.contains("<style"), "no inline <style>")
        #expect(lowered.range(of: #"\sstyle\s*="#, options: .regularExpression) == nil, "no style attributes")
        #expect(lowered.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "no event-handler attributes")
        #expect(lowered.range(of: #"<script(?![^>]*\ssrc=)[^>]*>"#, options: .regularExpression) == nil, "every script has a src")
        #expect(!lowered.contains("http://") && !lowered.contains("https://") && !lowered.contains("//cdn"), "nothing from elsewhere")

        // Every asset the page names exists, under this build's version.
        let references = page.matches(of: /(?:href|src)="([^"]+)"/).map { String($0.1) }
        #expect(!references.isEmpty)
        for reference in references where !reference.hasPrefix("#") {
            let prefix = "/assets/\(assets.version)/"
            #expect(reference.hasPrefix(prefix), "\(reference)")
            #expect(assets.file(at: String(reference.dropFirst(prefix.count))) != nil, "\(reference) is embedded")
        }
    }

    @Test func scriptsUseNoEvalAndLoadNothingFromElsewhere() throws {
        let remote = #"(from\s+['"]|import\(\s*['"]|fetch\(\s*['"`]|url\(\s*['"]?|@import\s+['"])(https?:)?//"#
        for (path, text) in try Self.filesOnDisk() where path.hasSuffix(".js") || path.hasSuffix(".css") {
            #expect(!text.contains("eval(") && !text.contains("new Function("), "\(path)")
            #expect(text.range(of: remote, options: .regularExpression) == nil, "\(path) loads something from another origin")
        }
    }
}
