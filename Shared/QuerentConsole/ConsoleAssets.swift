import Crypto
import Foundation
import QuerentCompression

/// The web console's files: embedded in the binary (``ConsoleAssetsContents``, generated from
/// `Assets/` by `embed-assets.py`), or read from a directory on every request while developing
/// (`QUERENT_CONSOLE_DIR`).
///
/// `index.html` names its assets through the placeholder `{{ASSETS}}`, replaced by
/// `/assets/<version>`: the version is a hash of every embedded file, so an asset URL never
/// changes content and can be cached for a year.
public struct ConsoleAssets: Sendable {
    /// One file as served.
    public struct File: Sendable {
        public var bytes: Data
        /// The gzip form, when compressing saves bytes.
        public var gzipped: Data?
        public var contentType: String
    }

    /// The placeholder `index.html` uses for the asset prefix.
    static let placeholder = "{{ASSETS}}"

    /// What changes every asset URL when any file changes (`dev` when read from a directory).
    public let version: String
    private let files: [String: File]
    private let directory: String?

    /// The embedded files.
    public static let embedded = ConsoleAssets(texts: ConsoleAssetsContents.files)

    /// The embedded files, or those of `QUERENT_CONSOLE_DIR` when it is set.
    public static func fromEnvironment(_ environment: [String: String]) -> ConsoleAssets {
        if let directory = environment["QUERENT_CONSOLE_DIR"], !directory.isEmpty { return ConsoleAssets(directory: directory) }
        return embedded
    }

    /// Files given as texts keyed by path (what the generated file holds).
    init(texts: [(path: String, text: String)]) {
        var hasher = SHA256()
        for (path, text) in texts.sorted(by: { $0.path < $1.path }) {
            hasher.update(data: Data(path.utf8))
            hasher.update(data: Data(text.utf8))
        }
        version = hasher.finalize().prefix(6).map { String(format: "%02x", $0) }.joined()
        var files: [String: File] = [:]
        for (path, text) in texts {
            let body = path == "index.html" ? text.replacingOccurrences(of: Self.placeholder, with: "/assets/\(version)") : text
            files[path] = Self.file(path: path, bytes: Data(body.utf8))
        }
        self.files = files
        directory = nil
    }

    /// Files read from `directory` on every request.
    init(directory: String) {
        version = "dev"
        files = [:]
        self.directory = directory
    }

    /// Whether the files are read from disk (served without long caching).
    public var isDevelopment: Bool { directory != nil }

    /// The console page.
    public var index: File? { file(at: "index.html") }

    /// The file at `path` (relative to `Assets/`, no `..`), or nil.
    public func file(at path: String) -> File? {
        guard Self.isSafe(path) else { return nil }
        guard let directory else { return files[path] }
        guard var text = try? String(contentsOfFile: directory + "/" + path, encoding: .utf8) else { return nil }
        if path == "index.html" { text = text.replacingOccurrences(of: Self.placeholder, with: "/assets/\(version)") }
        return Self.file(path: path, bytes: Data(text.utf8))
    }

    /// Every embedded path (for tests).
    public var paths: [String] { files.keys.sorted() }

    /// A relative path of plain segments: no `..`, `.`, empty segment, backslash or NUL.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.contains("\\"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    private static func file(path: String, bytes: Data) -> File {
        let compressed = bytes.count >= 1024 ? try? Gzip.compress(bytes, level: 9) : nil
        return File(bytes: bytes, gzipped: compressed.flatMap { $0.count < bytes.count ? $0 : nil }, contentType: contentType(of: path))
    }

    static func contentType(of path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "json": return "application/json"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
