import Foundation
import HummingbirdTesting
import Logging
import QuerentApplication
import QuerentCore
import QuerentHTTP
import QuerentRuntime
import QuerentTesting
import Testing

/// `GET` and `PATCH /:sourceId/semantic-model` of the schema service, over tables of the SQLite
/// fixture trained by the real training pipeline.
@Suite struct SemanticModelRouteTests {
    let base = QuerentRouter.apiPath

    /// Trains `tables` of the source as a trainer would (the full pipeline, model stage included).
    static func train(_ dependencies: Dependencies, _ sourceId: String, _ tables: [String], tenant: Tenant = APIClient.alice) async throws {
        for table in tables {
            let job = TrainingJob(sourceId: sourceId, tableName: table, tenant: tenant, trainingType: .newTable)
            try await dependencies.trainingPipeline().run(job, logger: Logger(label: "semantic-model-route-tests"))
        }
    }

    /// The entity of `table` in a model's JSON.
    static func entity(_ model: JSONValue?, _ table: String) -> JSONValue? {
        model?["entities"]?.arrayValue?.first { $0["table"] == .string(table) }
    }

    @Test func nothingTrainedIsAModelWithoutEntities() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            let reply = try await api.send(.get, "\(base)/\(id)/semantic-model")
            #expect(reply.status == .ok)
            #expect(
                reply.json
                    == .object([
                        "source_id": .string(id), "entities": .array([]), "measures": .array([]), "dimensions": .array([]),
                        "relationships": .array([]), "filters": .array([]),
                    ])
            )
        }
    }

    @Test func getAfterTrainingShowsTheDerivedModel() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let dependencies = harness.dependencies
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            try await Self.train(dependencies, id, ["customers", "orders", "employees"])

            let reply = try await api.send(.get, "\(base)/\(id)/semantic-model")
            #expect(reply.status == .ok)
            let model = try #require(reply.json)
            #expect(Set(model.objectKeys) == ["source_id", "entities", "measures", "dimensions", "relationships", "filters"])
            #expect(model["source_id"] == .string(id))
            #expect(Set(model["entities"]?.arrayValue?.compactMap { $0["table"]?.stringValue } ?? []) == ["customers", "orders", "employees"])
            let customers = try #require(Self.entity(model, "customers"))
            #expect(
                Set(customers.objectKeys) == [
                    "table", "label", "display", "key", "is_person", "is_bridge", "synonyms", "hidden", "current_when_null",
                ]
            )
            #expect(customers["label"] == .string("customer"))
            #expect(customers["key"] == .array([.string("id")]))
            let links = model["relationships"]?.arrayValue ?? []
            #expect(links.contains { $0["table"] == .string("orders") && $0["references_table"]?.stringValue?.lowercased() == "customers" })
            #expect(links.contains { $0["table"] == .string("employees") && $0["references_table"] == .string("employees") && $0["role"] != nil })
            #expect(model["measures"]?.arrayValue?.contains { $0["table"] == .string("orders") && $0["name"] == .string("total") } == true)
        }
    }

    @Test func patchMergesTheEditsAndAnswersTheEditedModel() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let dependencies = harness.dependencies
        let store = harness.store
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            try await Self.train(dependencies, id, ["customers", "orders"])

            let first = try await api.send(
                .patch,
                "\(base)/\(id)/semantic-model",
                body: """
                    {"synonyms": {"customers": ["clients"], "orders.total": ["revenue"]}, "hidden": {"customers": ["email"]},
                     "display": {"customers": ["name", "email"]},
                     "measures": [{"table": "orders", "name": "total_with_tax", "expression": "total * 1.2", "aggregation": "sum"}]}
                    """
            )
            #expect(first.status == .ok, "\(first.text)")
            let customers = Self.entity(first.json, "customers")
            #expect(customers?["synonyms"] == .array([.string("clients")]))
            #expect(customers?["hidden"] == .array([.string("email")]))
            #expect(customers?["display"] == .array([.string("name"), .string("email")]))
            let measures = first.json?["measures"]?.arrayValue ?? []
            #expect(measures.first { $0["name"] == .string("total") }?["synonyms"]?.arrayValue?.contains(.string("revenue")) == true)
            let added = try #require(measures.first { $0["name"] == .string("total_with_tax") })
            #expect(added["table"] == .string("orders") && added["aggregation"] == .string("sum"))
            #expect(
                added["expression"]
                    == .object([
                        "terms": .array([.object(["column": .string("total")]), .object(["number": .double(1.2)])]),
                        "operators": .array([.string("*")]),
                    ])
            )

            // A second PATCH merges: the keys it names are replaced, the others stay.
            let second = try await api.send(
                .patch,
                "\(base)/\(id)/semantic-model",
                body: #"{"synonyms": {"orders": ["purchases"]}, "hidden": {"customers": []}}"#
            )
            #expect(second.status == .ok, "\(second.text)")
            #expect(Self.entity(second.json, "customers")?["synonyms"] == .array([.string("clients")]))
            #expect(Self.entity(second.json, "customers")?["hidden"] == .array([]))
            #expect(Self.entity(second.json, "orders")?["synonyms"] == .array([.string("purchases")]))

            // GET answers the same model; the edits are stored apart from the derived one.
            #expect(try await api.send(.get, "\(base)/\(id)/semantic-model").json == second.json)
            let stored = try #require(try await store.semanticModel(sourceId: id))
            #expect(stored.edits.synonyms == ["customers": ["clients"], "orders.total": ["revenue"], "orders": ["purchases"]])
            #expect(stored.model?.entity("customers")?.synonyms == [])
        }
    }

    @Test func patchNamingAnUnknownColumnOrTableIs422AndStoresNothing() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let dependencies = harness.dependencies
        let store = harness.store
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            try await Self.train(dependencies, id, ["customers"])
            let before = try await api.send(.get, "\(base)/\(id)/semantic-model").json

            let column = try await api.send(.patch, "\(base)/\(id)/semantic-model", body: #"{"hidden": {"customers": ["nickname"]}}"#)
            #expect(column.status == .unprocessableContent)
            #expect(column.errorCode == "unprocessable_content")
            #expect(column.errorMessage?.contains("nickname") == true)
            // A table that exists but is not trained has no model to edit.
            let table = try await api.send(.patch, "\(base)/\(id)/semantic-model", body: #"{"synonyms": {"orders": ["sales"]}}"#)
            #expect(table.status == .unprocessableContent)
            #expect(table.errorMessage?.contains("orders") == true)
            let expression = try await api.send(
                .patch,
                "\(base)/\(id)/semantic-model",
                body: #"{"measures": [{"table": "customers", "name": "x", "expression": "id / 2"}]}"#
            )
            #expect(expression.status == .unprocessableContent)

            #expect(try await api.send(.get, "\(base)/\(id)/semantic-model").json == before)
            #expect(try await store.semanticModel(sourceId: id)?.edits == SemanticModelEdits())
        }
    }

    @Test func malformedBodiesAre400() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            for body in ["{not json", #"{"synonyms": "clients"}"#, #"{"measures": [{"table": "customers"}]}"#, "[]"] {
                let reply = try await api.send(.patch, "\(base)/\(id)/semantic-model", body: body)
                #expect(reply.status == .badRequest, "\(body): \(reply.text)")
                #expect(reply.errorCode == "bad_request", "\(body)")
            }
        }
    }

    @Test func anotherTenantsOrAnUnknownSourceIs404AndNoTokenIs401() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let dependencies = harness.dependencies
        let store = harness.store
        let bob = Tenant(userId: "bob", agentId: "agent-1")
        let aliceOtherAgent = Tenant(userId: "alice", agentId: "agent-2")
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            try await Self.train(dependencies, id, ["customers"])
            for tenant in [bob, aliceOtherAgent] {
                let get = try await api.send(.get, "\(base)/\(id)/semantic-model", as: tenant)
                #expect(get.status == .notFound)
                #expect(get.errorCode == "not_found")
                let patch = try await api.send(.patch, "\(base)/\(id)/semantic-model", as: tenant, body: #"{"synonyms": {"customers": ["mine"]}}"#)
                #expect(patch.status == .notFound)
            }
            #expect(try await store.semanticModel(sourceId: id)?.edits == SemanticModelEdits())
            #expect(try await api.send(.get, "\(base)/no-such-source/semantic-model").status == .notFound)
            #expect(try await api.send(.patch, "\(base)/no-such-source/semantic-model", body: "{}").status == .notFound)
            #expect(try await api.send(.get, "\(base)/\(id)/semantic-model", as: nil).status == .unauthorized)
            #expect(try await api.send(.patch, "\(base)/\(id)/semantic-model", as: nil, body: "{}").status == .unauthorized)
        }
    }

    @Test func editsSurviveRetrainingTheTable() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let dependencies = harness.dependencies
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            try await Self.train(dependencies, id, ["customers"])
            let patched = try await api.send(
                .patch,
                "\(base)/\(id)/semantic-model",
                body: #"{"synonyms": {"customers": ["clients"]}, "display": {"customers": ["email"]}}"#
            )
            #expect(patched.status == .ok)

            // The table changes and is trained again: the model is derived anew, the edits stay.
            try harness.alterCustomerDatabase("ALTER TABLE customers ADD COLUMN loyalty_points INTEGER NOT NULL DEFAULT 0")
            let retrain = TrainingJob(sourceId: id, tableName: "customers", tenant: APIClient.alice, trainingType: .retrainTable)
            try await dependencies.trainingPipeline().run(retrain, logger: Logger(label: "semantic-model-route-tests"))

            let after = try await api.send(.get, "\(base)/\(id)/semantic-model")
            let customers = Self.entity(after.json, "customers")
            #expect(customers?["synonyms"] == .array([.string("clients")]))
            #expect(customers?["display"] == .array([.string("email")]))
            let stored = try await dependencies.store.semanticModel(sourceId: id)
            #expect(stored?.model?.entity("customers") != nil)
            let columns = try await dependencies.store.tableSchema(sourceId: id, tableName: "customers")?.schema.columns.map(\.name)
            #expect(columns?.contains("loyalty_points") == true, "the retrain introspected the table again")
        }
    }

    @Test func deletingTheSourceRemovesTheModelAndItsEdits() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let dependencies = harness.dependencies
        let store = harness.store
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            try await Self.train(dependencies, id, ["customers"])
            #expect(try await api.send(.patch, "\(base)/\(id)/semantic-model", body: #"{"synonyms": {"customers": ["clients"]}}"#).status == .ok)
            #expect(try await store.semanticModel(sourceId: id) != nil)

            #expect(try await api.send(.delete, "\(base)/\(id)").status == .noContent)
            #expect(try await store.semanticModel(sourceId: id) == nil)
            #expect(try await store.client.query("SELECT count(*) AS n FROM semantic_models WHERE source_id = $1", [.text(id)]).first?.int("n") == 0)
            #expect(try await api.send(.get, "\(base)/\(id)/semantic-model").status == .notFound)
        }
    }

    @Test func aPatchDropsTheProcesssCachedModel() async throws {
        let harness = try await SchemaServiceHarness()
        let path = harness.customerPath
        let dependencies = harness.dependencies
        try await harness.test { api in
            let id = try await api.createSQLiteSource(path: path)
            try await Self.train(dependencies, id, ["customers"])
            let contexts = dependencies.contexts
            #expect(try await contexts.semanticModel(sourceId: id, tenant: APIClient.alice)?.entity("customers")?.synonyms == [])
            #expect(await contexts.isCached(sourceId: id, tenant: APIClient.alice))

            #expect(try await api.send(.patch, "\(base)/\(id)/semantic-model", body: #"{"synonyms": {"customers": ["clients"]}}"#).status == .ok)
            #expect(await contexts.isCached(sourceId: id, tenant: APIClient.alice) == false)
            #expect(try await contexts.semanticModel(sourceId: id, tenant: APIClient.alice)?.entity("customers")?.synonyms == ["clients"])
        }
    }
}
