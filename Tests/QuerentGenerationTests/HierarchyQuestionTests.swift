import Foundation
import QuerentCore
import Testing

@testable import QuerentGeneration

/// Levels of a table that refers to its own parent rows: top-level and root rows have no
/// parent, sub-rows have one, and "the sub-rows of X" are the rows whose parent is X.
@Suite struct HierarchyQuestionTests {
    static let tables = [
        BuiltinGeneratorTests.table(
            "folders",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "name", type: "text"),
                ColumnSchema(name: "parent_id", type: "integer", foreignKey: ForeignKeyReference(referencesTable: "folders", referencesColumn: "id")),
            ],
            relationships: [Relationship(name: nil, columns: ["parent_id"], referencesTable: "folders", referencesColumns: ["id"])],
            profile: ["name": ["Archive", "Inbox", "Reports"]]
        ),
        BuiltinGeneratorTests.table(
            "documents",
            [
                ColumnSchema(name: "id", type: "integer", nullable: false, primaryKey: true),
                ColumnSchema(name: "title", type: "text"),
                ColumnSchema(name: "folder_id", type: "integer", foreignKey: ForeignKeyReference(referencesTable: "folders", referencesColumn: "id")),
            ],
            relationships: [Relationship(name: nil, columns: ["folder_id"], referencesTable: "folders", referencesColumns: ["id"])]
        ),
    ]

    func sql(_ question: String) -> String {
        BuiltinSQLGenerator().generateNow(GenerationRequest(question: question, dialect: .sqlite, tables: Self.tables)).sql
    }

    @Test func topLevelAndRootRowsHaveNoParent() {
        #expect(sql("List the top-level folders.") == "SELECT name FROM folders WHERE parent_id IS NULL")
        #expect(sql("How many root folders are there?") == "SELECT count(*) FROM folders WHERE parent_id IS NULL")
    }

    @Test func subRowsHaveAParent() {
        #expect(sql("How many subfolders are there?") == "SELECT count(*) FROM folders WHERE parent_id IS NOT NULL")
        let empty = sql("Which subfolders have no documents?")
        #expect(empty.contains("parent_id IS NOT NULL") && empty.contains("NOT IN (SELECT folder_id FROM documents)"), "\(empty)")
    }

    @Test func theSubRowsOfANamedRowAreItsChildren() {
        #expect(
            sql("List the subfolders of Archive.") == "SELECT name FROM folders WHERE parent_id IN (SELECT id FROM folders WHERE name = 'Archive')"
        )
    }
}
