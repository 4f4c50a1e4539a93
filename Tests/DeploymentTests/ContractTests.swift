import Foundation
import Hummingbird
import Logging
import QuerentRuntime
import QuerentTesting
import Testing

@testable import QuerentApplication
@testable import QuerentCore
@testable import QuerentHTTP
@testable import QueryService
@testable import SchemaService
@testable import TrainerService

/// The contract in `proto-docs/` against the code and the gateway:
///
/// - every route each service registers is in `openapi.yaml` (owned by that service,
///   `x-querent-services`), and every path of the document is served by its owners;
/// - the REST routes written in each service's `.proto` are that service's routes;
/// - every `.proto` message and OpenAPI schema with a Swift `Codable` counterpart has
///   exactly the JSON keys the Swift type encodes;
/// - `GET /openapi.json` serves the YAML, converted (the embedded copy is current);
/// - the gateway's `nginx.conf` sends every path to the service that owns it.
@Suite struct ContractTests {
    static let services = ["schema-service", "trainer-service", "query-service"]
    static let protoFiles = ["common.proto", "schema_service.proto", "trainer_service.proto", "query_service.proto"]

    // MARK: - Routes

    /// Each service's router, built by the same function its executable calls, over a throwaway
    /// SQLite metadata store (nothing is served or connected).
    static func registeredRoutes() async throws -> [String: Set<RouteKey>] {
        let directory = try TemporaryDirectory(prefix: "contract")
        let dependencies = try await Dependencies.make(
            QuerentConfiguration(metadataURL: "sqlite://" + directory.path("metadata.sqlite"), secretKey: CredentialCipher.generateKey()),
            logger: Logger(label: "contract-tests")
        )
        // The web console's page, assets and configuration are served beside the API, not part
        // of its contract (README, "The web console").
        func routes(_ router: Router<AppRequestContext>) -> Set<RouteKey> {
            Set(router.routes.map { RouteKey($0.method.rawValue, "\($0.path)") }.filter { !Self.isConsoleRoute($0.path) })
        }
        let registered = [
            "schema-service": routes(SchemaService.buildRouter(dependencies, signer: TestTokens.signer)),
            "trainer-service": routes(TrainerService.buildRouter(dependencies, signer: TestTokens.signer)),
            "query-service": routes(QueryService.buildRouter(dependencies, signer: TestTokens.signer)),
        ]
        await dependencies.close()
        return registered
    }

    static func isConsoleRoute(_ path: String) -> Bool {
        // `/mcp` is the MCP server's Streamable HTTP endpoint: JSON-RPC messages, not a REST route.
        path == "/" || path.hasPrefix("/assets/") || path.hasPrefix("/console/") || path == "/mcp"
    }

    @Test func everyRegisteredRouteIsInTheContractAndEveryContractPathIsServed() async throws {
        let contract = try OpenAPIContract.load()
        let registered = try await Self.registeredRoutes()
        for service in Self.services {
            let served = registered[service] ?? []
            let documented = contract.operations(of: service)
            #expect(!served.isEmpty)
            let undocumented = served.subtracting(documented).sorted()
            let missing = documented.subtracting(served).sorted()
            #expect(undocumented.isEmpty, "\(service) serves routes openapi.yaml does not list for it: \(undocumented)")
            #expect(missing.isEmpty, "openapi.yaml lists routes \(service) does not serve: \(missing)")
        }
        // Every path has owners, and only known ones.
        for (path, owners) in contract.owners {
            #expect(!owners.isEmpty, "\(path) has no x-querent-services")
            #expect(Set(owners).isSubset(of: Set(Self.services + ["gateway"])), "\(path): unknown owner in \(owners)")
        }
        // Every /api route needs the bearer token; the operational routes do not.
        for (key, path, operation) in contract.allOperations {
            let open = operation["security"]?.arrayValue?.isEmpty == true
            #expect(open == !path.hasPrefix("/api/"), "\(key): security \(open ? "none" : "bearer")")
            #expect(operation["responses"]?.objectValue?.isEmpty == false, "\(key) documents its responses")
            #expect(operation["operationId"]?.stringValue != nil, "\(key) has an operationId")
        }
    }

    @Test func eachServiceProtoListsExactlyItsPublicRoutes() throws {
        let proto = try ProtoContract.load(Self.protoFiles)
        let contract = try OpenAPIContract.load()
        let files = [
            "schema-service": ("schema_service.proto", "SchemaService"), "trainer-service": ("trainer_service.proto", "TrainerService"),
            "query-service": ("query_service.proto", "QueryService"),
        ]
        for service in Self.services {
            let (file, name) = files[service]!
            #expect(proto.services[file]?.contains(name) == true, "\(file) declares service \(name)")
            let documented = Set(contract.operations(of: service).filter { $0.path.hasPrefix("/api/") })
            let written = proto.restRoutes[name] ?? []
            #expect(
                written == documented,
                "\(file): REST routes \(written.subtracting(documented).sorted()) not in openapi.yaml for \(service); missing \(documented.subtracting(written).sorted())"
            )
        }
    }

    // MARK: - Messages

    /// A fully populated value of every Codable type that crosses an API, with the `.proto`
    /// message and the OpenAPI schema describing it.
    static func samples() throws -> [(name: String, json: JSONValue, proto: String?, openapi: String?)] {
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let tenant = Tenant(userId: "u", agentId: "a")
        let column = ColumnSchema(
            name: "customer_id",
            type: "integer",
            nullable: false,
            primaryKey: false,
            defaultValue: "0",
            foreignKey: ForeignKeyReference(referencesTable: "customers", referencesColumn: "id"),
            description: "who"
        )
        var schema = TableSchema(
            sourceId: "s",
            tableName: "orders",
            schemaName: "public",
            kind: .table,
            columns: [column],
            relationships: [
                Relationship(name: "fk", columns: ["customer_id"], referencesTable: "customers", referencesColumns: ["id"], inferred: true)
            ],
            indexes: [IndexSchema(name: "i", columns: ["customer_id"], unique: false, primary: false, definition: "CREATE INDEX i")],
            uniqueConstraints: [UniqueConstraint(name: "u", columns: ["id"])],
            description: "d",
            rowEstimate: 3,
            sampleData: [["id": .int(1)]],
            businessDescription: "b"
        )
        schema.valueProfile = ["status": ["paid"]]
        let record = TableSchemaRecord(
            sourceId: "s",
            tableName: "orders",
            schema: schema,
            businessContext: "c",
            isTrained: true,
            createdAt: now,
            updatedAt: now,
            createdBy: "u",
            updatedBy: "u"
        )
        let source = DatabaseSource(
            id: "s",
            name: "shop",
            dialect: .postgres,
            connectionSummary: "postgres://app@db/shop",
            userId: "u",
            agentId: "a",
            trainedTables: ["orders"],
            lastSchemaUpdate: now,
            createdAt: now
        )
        let summary = TableSummary(name: "orders", schema: "public", kind: .table, rowEstimate: 3, trained: true)
        let job = TrainingJob(jobId: "j", sourceId: "s", tableName: "orders", tenant: tenant, trainingType: .newTable, attempt: 1)
        let exampleJob = TrainingJob(jobId: "j", sourceId: "s", tableName: "", tenant: tenant, trainingType: .example, exampleId: "e", attempt: 1)
        let status = TrainingStatus(
            jobId: "j",
            sourceId: "s",
            tableName: "orders",
            state: .failed,
            progress: 25,
            stage: .fetch,
            attempts: 2,
            error: "e",
            updatedAt: now
        )
        let event = QuerentEvent(
            channel: .trainingProgress,
            jobId: "j",
            sourceId: "s",
            tableName: "",
            tenant: tenant,
            state: .active,
            stage: .fetch,
            progress: 25,
            attempt: 1,
            error: "e",
            exampleId: "e",
            at: now
        )
        let generation = SQLGenerationResult(
            sql: "SELECT 1",
            confidence: 0.5,
            explanation: "x",
            tableUsed: ["orders"],
            safetyWarnings: ["w"],
            estimatedRows: 1,
            generator: "builtin"
        )
        let execution = QueryExecutionResult(
            success: false,
            data: [["n": .int(1)]],
            columns: ["n"],
            rowCount: 1,
            truncated: false,
            executionTimeMs: 1,
            generatedSQL: "SELECT 1",
            tableUsed: ["orders"],
            error: "e"
        )
        let feedback = AnswerFeedback(verdict: .down, sql: "SELECT 2", exampleId: "e", at: now)
        let history = QueryHistoryEntry(
            id: 1,
            sourceId: "s",
            userId: "u",
            agentId: "a",
            question: "q",
            sql: "SELECT 1",
            success: true,
            rowCount: 1,
            executionTimeMs: 1,
            error: "e",
            generator: "builtin",
            confidence: 0.5,
            createdAt: now,
            feedback: feedback
        )
        let answer = QueryAnswer(
            generation: generation,
            result: execution,
            retrieved: [RetrievedTableSummary(table: "orders", score: 0.42, reason: .vector)],
            historyId: 42
        )
        let taught = TaughtExample(
            id: "e",
            sourceId: "s",
            question: "q",
            sql: "SELECT 1",
            origin: .correction,
            historyId: 1,
            state: .failed,
            error: "e",
            createdBy: "u",
            createdAt: now
        )
        let glossaryTerm = GlossaryTerm(
            id: "g",
            sourceId: "s",
            term: "active customer",
            definition: "d",
            sql: "customers.status = 'active'",
            createdAt: now
        )
        let knowledgeExample = SourceKnowledge.Example(question: "q", sql: "SELECT 1")
        let knowledgeTerm = SourceKnowledge.Term(term: "revenue", definition: "d", sql: "SUM(orders.total)")
        let knowledge = SourceKnowledge(examples: [knowledgeExample], glossary: [knowledgeTerm], instructions: "i")
        let context = ChatService.DatabaseContext(
            sourceId: "s",
            sourceName: "shop",
            dialect: .postgres,
            tables: ["orders": "c"],
            examples: [knowledgeExample],
            glossary: [knowledgeTerm],
            instructions: "i"
        )
        let term = SemanticModel.MeasureExpression.Term(column: "quantity", number: 2)
        let expression = SemanticModel.MeasureExpression(terms: [term, .column("unit_price")], operators: ["*"])
        let entity = SemanticModel.Entity(
            table: "customers",
            label: "customer",
            display: ["name"],
            key: ["id"],
            isPerson: true,
            isBridge: false,
            synonyms: ["client"],
            hidden: ["email"]
        )
        let measure = SemanticModel.Measure(
            name: "line_total",
            table: "order_items",
            expression: expression,
            aggregation: .sum,
            kind: .amount,
            unit: "EUR",
            synonyms: ["revenue"]
        )
        let dimension = SemanticModel.Dimension(table: "orders", column: "ordered_at", kind: .time, grains: [.month], synonyms: ["date"])
        let link = SemanticModel.Link(
            table: "employees",
            columns: ["manager_id"],
            referencesTable: "employees",
            referencesColumns: ["id"],
            role: "manager",
            inferred: true
        )
        let namedFilter = SemanticModel.NamedFilter(term: "active customer", table: "customers", condition: "customers.status = 'active'")
        let semanticModel = SemanticModel(
            sourceId: "s",
            entities: [entity],
            measures: [measure],
            dimensions: [dimension],
            relationships: [link],
            filters: [namedFilter]
        )
        let measureEdit = SemanticModelEdits.MeasureEdit(
            table: "order_items",
            name: "net",
            expression: "quantity * unit_price",
            aggregation: .sum,
            unit: "EUR"
        )
        let edits = SemanticModelEdits(
            synonyms: ["customers": ["clients"]],
            measures: [measureEdit],
            display: ["customers": ["name"]],
            hidden: ["customers": ["email"]]
        )

        func json(_ value: some Encodable) throws -> JSONValue {
            try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder.querent.encode(value))
        }
        return [
            ("DatabaseSource", try json(source), "DatabaseSource", "DatabaseSource"),
            ("TableSummary", try json(summary), "TableSummary", "TableSummary"),
            ("TableSchema", try json(schema), "TableSchema", "TableSchema"),
            ("ColumnSchema", try json(column), "ColumnSchema", "ColumnSchema"),
            ("ForeignKeyReference", try json(column.foreignKey), "ForeignKeyReference", "ForeignKeyReference"),
            ("Relationship", try json(schema.relationships[0]), "Relationship", "Relationship"),
            ("IndexSchema", try json(schema.indexes[0]), "IndexSchema", "IndexSchema"),
            ("UniqueConstraint", try json(schema.uniqueConstraints[0]), "UniqueConstraint", "UniqueConstraint"),
            ("TableSchemaRecord", try json(record), "TableSchemaRecord", "TableSchemaRecord"),
            ("TrainingJob", try json(exampleJob), "TrainingJob", nil),
            ("DeadLetter", try json(DeadLetter(job: job, error: "e", failedAt: now)), "DeadLetter", nil),
            ("TrainingStatus", try json(status), "TrainingStatus", "TrainingStatus"),
            ("QuerentEvent", try json(event), "TrainingEvent", "TrainingEvent"),
            ("SQLGenerationResult", try json(generation), "SQLGenerationResult", "SQLGenerationResult"),
            ("QueryExecutionResult", try json(execution), "QueryExecutionResult", "QueryExecutionResult"),
            ("QueryHistoryEntry", try json(history), "QueryHistoryEntry", "QueryHistoryEntry"),
            ("AnswerFeedback", try json(feedback), "AnswerFeedback", "AnswerFeedback"),
            ("QueryAnswer", try json(answer), "QueryAnswer", "QueryAnswer"),
            ("RetrievedTableSummary", try json(answer.retrieved[0]), "RetrievedTable", "RetrievedTable"),
            ("ChatService.DatabaseContext", try json(context), "DatabaseContext", "DatabaseContext"),
            ("SemanticModel", try json(semanticModel), "SemanticModel", "SemanticModel"),
            ("SemanticModel.Entity", try json(entity), "SemanticModel.Entity", "Entity"),
            ("SemanticModel.Measure", try json(measure), "SemanticModel.Measure", "Measure"),
            ("SemanticModel.MeasureExpression", try json(expression), "SemanticModel.MeasureExpression", "MeasureExpression"),
            ("SemanticModel.MeasureExpression.Term", try json(term), "SemanticModel.MeasureExpression.Term", nil),
            ("SemanticModel.Dimension", try json(dimension), "SemanticModel.Dimension", "Dimension"),
            ("SemanticModel.Link", try json(link), "SemanticModel.Link", "Link"),
            ("SemanticModel.NamedFilter", try json(namedFilter), "SemanticModel.NamedFilter", "NamedFilter"),
            ("TaughtExample", try json(taught), "TaughtExample", "TaughtExample"),
            ("GlossaryTerm", try json(glossaryTerm), "GlossaryTerm", "GlossaryTerm"),
            ("SourceKnowledge", try json(knowledge), "SourceKnowledge", "SourceKnowledge"),
            ("SourceKnowledge.Example", try json(knowledgeExample), "SourceKnowledge.Example", "KnowledgeExample"),
            ("SourceKnowledge.Term", try json(knowledgeTerm), "SourceKnowledge.Term", "KnowledgeTerm"),
            (
                "KnowledgeController.ExampleList", try json(KnowledgeController.ExampleList(examples: [taught])), "ListExamplesResponse",
                "ExampleList"
            ),
            (
                "KnowledgeController.Glossary", try json(KnowledgeController.Glossary(glossary: [glossaryTerm])), "ListGlossaryResponse",
                "GlossaryList"
            ),
            ("KnowledgeController.Instructions", try json(KnowledgeController.Instructions(instructions: "i")), "Instructions", "Instructions"),
            ("SemanticModelEdits", try json(edits), "SemanticModelEdits", "SemanticModelEdits"),
            ("SemanticModelEdits.MeasureEdit", try json(measureEdit), "SemanticModelEdits.MeasureEdit", "MeasureEdit"),
            (
                "QueryController.HistoryPage", try json(QueryController.HistoryPage(history: [history], nextCursor: "1")), "QueryHistoryPage",
                "QueryHistoryPage"
            ),
            (
                "SourcesController.TestResponse", try json(SourcesController.TestResponse(ok: true, tableCount: 1)), "TestConnectionResponse",
                "TestConnectionResponse"
            ),
            ("SourcesController.SourceList", try json(SourcesController.SourceList(sources: [source])), "ListSourcesResponse", "SourceList"),
            ("TablesController.TableList", try json(TablesController.TableList(tables: [summary])), "ListTablesResponse", "TableList"),
            ("TablesController.SchemaResponse", try json(TablesController.SchemaResponse(record)), "TableSchemaResponse", "TableSchemaResponse"),
            ("TablesController.SampleResponse", try json(TablesController.SampleResponse(rows: [["id": .int(1)]])), "SampleRows", "SampleRows"),
            (
                "TablesController.TrainedTables", try json(TablesController.TrainedTables(trainedTables: ["orders"])), "ListTrainedTablesResponse",
                "TrainedTables"
            ),
            (
                "TrainingController.JobAccepted", try json(TrainingController.JobAccepted(jobId: "j", trainingType: .newTable)), "TrainTableResponse",
                "TrainTableResponse"
            ),
            (
                "TrainingController.JobsAccepted",
                try json(TrainingController.JobsAccepted(jobs: [.init(table: "orders", jobId: "j", trainingType: .retrainTable)])),
                "TrainTablesResponse", "TrainTablesResponse"
            ),
            (
                "TrainingController.JobsAccepted.Entry",
                try json(TrainingController.JobsAccepted.Entry(table: "orders", jobId: "j", trainingType: .newTable)), "TrainTablesResponse.Job", nil
            ),
            (
                "HealthController.Status", try json(HealthController.Status(status: "ok", service: "schema-service", checks: ["metadata": "ok"])),
                "HealthStatus", "HealthStatus"
            ),
        ]
    }

    @Test func protoMessagesAndOpenAPISchemasHaveTheJSONKeysOfTheSwiftTypes() throws {
        let proto = try ProtoContract.load(Self.protoFiles)
        let contract = try OpenAPIContract.load()
        for sample in try Self.samples() {
            guard let keys = sample.json.objectValue.map({ Set($0.keys) }) else {
                Issue.record("\(sample.name) does not encode as a JSON object")
                continue
            }
            if let message = sample.proto {
                let fields = proto.messages[message]
                #expect(fields != nil, "proto-docs has no message \(message) (for \(sample.name))")
                if let fields {
                    #expect(
                        fields == keys,
                        "message \(message) vs \(sample.name): only in proto \(fields.subtracting(keys).sorted()), only in JSON \(keys.subtracting(fields).sorted())"
                    )
                }
            }
            if let schema = sample.openapi {
                let properties = contract.properties(of: schema)
                #expect(properties != nil, "openapi.yaml has no schema \(schema) (for \(sample.name))")
                if let properties {
                    #expect(
                        properties == keys,
                        "schema \(schema) vs \(sample.name): only in openapi \(properties.subtracting(keys).sorted()), only in JSON \(keys.subtracting(properties).sorted())"
                    )
                }
            }
        }
    }

    @Test func protoFilesCompileWhenProtocIsInstalled() async throws {
        guard let protoc = ["/usr/bin/protoc", "/usr/local/bin/protoc"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return
        }
        let directory = try TemporaryDirectory(prefix: "protoc")
        let logPath = directory.path("protoc.log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try #require(FileHandle(forWritingAtPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: protoc)
        process.currentDirectoryURL = Repository.root
        process.arguments =
            ["--proto_path=proto-docs", "--proto_path=/usr/include", "--descriptor_set_out=/dev/null"] + Self.protoFiles.map { "proto-docs/" + $0 }
        process.standardError = log
        process.standardOutput = log
        try process.run()
        try? log.close()
        // Poll instead of waitUntilExit(): never block a thread of the shared concurrency pool.
        try await Polling.until("protoc exits", timeout: .seconds(60)) { !process.isRunning }
        let message = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "protoc: \(message)")
    }

    // MARK: - The served document

    @Test func openapiJSONServesTheYAMLDocument() throws {
        let yaml = try YAMLDocument.load("proto-docs/openapi.yaml")
        #expect(yaml["openapi"]?.stringValue?.hasPrefix("3.1") == true)
        // Every $ref points at something.
        var refs: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let object):
                if let ref = object["$ref"]?.stringValue { refs.append(ref) }
                object.values.forEach(walk)
            case .array(let array): array.forEach(walk)
            default: break
            }
        }
        walk(yaml)
        for ref in Set(refs) {
            #expect(ref.hasPrefix("#/") && yaml.at(ref.dropFirst(2).replacingOccurrences(of: "/", with: ".")) != nil, "dangling $ref \(ref)")
        }

        let embedded = try JSONDecoder().decode(JSONValue.self, from: Data(OpenAPIDocument.json.utf8))
        if embedded != yaml, ProcessInfo.processInfo.environment["QUERENT_UPDATE_CONTRACT"] == "1" {
            try Self.writeEmbeddedDocument(yaml)
            Issue.record("rewrote Shared/QuerentHTTP/Generated/OpenAPIDocumentContents.swift from openapi.yaml; rebuild and run again")
            return
        }
        #expect(
            embedded == yaml,
            "the embedded /openapi.json differs from proto-docs/openapi.yaml: run `python3 proto-docs/generate-openapi-json.py` (or QUERENT_UPDATE_CONTRACT=1 swift test --filter ContractTests)"
        )
    }

    @Test func everyServiceAnswersGetOpenAPIJSON() async throws {
        let router = QuerentRouter.make(service: "query-service", signer: TestTokens.signer, checks: [], api: { _ in })
        #expect(router.routes.contains { $0.method == .get && "\($0.path)" == OpenAPIDocument.path })
    }

    static func writeEmbeddedDocument(_ document: JSONValue) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(document), as: UTF8.self)
        let swift = """
            // Generated from proto-docs/openapi.yaml by proto-docs/generate-openapi-json.py
            // (or QUERENT_UPDATE_CONTRACT=1 swift test --filter ContractTests). Do not edit.

            enum OpenAPIDocumentContents {
                static let json = ##\"\"\"
            \(text)
            \"\"\"##
            }

            """
        try swift.write(toFile: Repository.path("Shared/QuerentHTTP/Generated/OpenAPIDocumentContents.swift"), atomically: true, encoding: .utf8)
    }

    // MARK: - Gateway

    @Test func theGatewaySendsEveryContractPathToTheServiceThatOwnsIt() throws {
        let gateway = try GatewayRouting.load()
        let contract = try OpenAPIContract.load()
        for (path, owners) in contract.owners {
            let concrete = path.replacingOccurrences(of: "{sourceId}", with: "8f1c2d3e-aaaa-bbbb-cccc-000000000001")
                .replacingOccurrences(of: "{tableName}", with: "sales.orders")
            let target = gateway.target(for: concrete)
            if owners == ["gateway"] {
                #expect(target == "gateway", "\(path) is answered by the gateway itself, not \(target)")
            } else if path.hasPrefix("/api/") || path == "/openapi.json" {
                #expect(owners.contains(target), "the gateway sends \(path) to \(target); openapi.yaml says \(owners)")
            } else {
                // Operational routes of each service are scraped directly, not through the gateway.
                #expect(target == "gateway", "\(path) should not be routed by the gateway (got \(target))")
            }
        }
        #expect(gateway.target(for: "/api/v1/sources/database/") == "schema-service")
        #expect(gateway.target(for: "/nothing/here") == "gateway")
        // SSE routes are unbuffered and long-lived; request ids are forwarded and returned.
        for sse in ["/api/v1/chat", "/api/v1/sources/database/x/training-events"] {
            let body = gateway.location(for: sse)?.body ?? ""
            #expect(body.contains("proxy_buffering off"), "\(sse) is not buffered")
            #expect(body.contains("proxy_read_timeout 1h"), "\(sse) may stay open")
        }
        #expect(gateway.text.contains("proxy_set_header X-Request-Id $req_id;"))
        #expect(gateway.text.contains("add_header X-Request-Id $req_id always;"))
        #expect(gateway.text.contains("client_max_body_size"))
        #expect(gateway.text.contains("include querent-upstreams.conf;") && gateway.text.contains("include querent-listen.conf;"))
    }

    @Test func everyStackDefinesTheGatewayUpstreams() throws {
        let script = try Repository.text("deploy/local-stack.sh")
        for include in ["deploy/nginx/docker/querent-upstreams.conf", "deploy/k8s/gateway/querent-upstreams.conf"] {
            let text = try Repository.text(include)
            for variable in ["$schema_service", "$trainer_service", "$query_service"] {
                #expect(text.contains("map $host \(variable)"), "\(include) defines \(variable)")
                #expect(script.contains("map \\$host \\\(variable)"), "local-stack.sh generates \(variable)")
            }
        }
        for include in ["deploy/nginx/docker/querent-listen.conf", "deploy/k8s/gateway/querent-listen.conf"] {
            #expect(try Repository.text(include).contains("listen 8080;"), "\(include)")
        }
    }
}
