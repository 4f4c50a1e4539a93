import Foundation
import QuerentSQLite

/// Small SQLite customer databases for tests that cannot import `QuerentSQLite` themselves.
public enum SQLiteScriptFixture {
    /// Creates (or extends) the SQLite file at `path` and runs `script` in it, read-write.
    public static func write(_ script: String, to path: String) throws {
        let connection = try SQLiteConnection(path: path, mode: .readWriteCreate)
        defer { connection.close() }
        try connection.exec(script)
    }
}
