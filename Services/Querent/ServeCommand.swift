import ArgumentParser
import Foundation
import Logging
import QuerentApplication
import QuerentConsole
import QuerentCore
import QuerentHTTP
import QuerentRuntime
import QueryService
import SampleDatabase
import SchemaService
import TrainerService

/// `querent serve`: every route of every service in one process, with SQLite metadata under
/// `QUERENT_HOME`, and the bundled sample database registered on first start.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run every Querent service in one process (SQLite metadata, no Postgres or Redis needed)."
    )

    @OptionGroup var options: ServiceOptions

    @Option(help: "State directory (env QUERENT_HOME, default ./.querent).")
    var home: String?

    @Flag(help: "Do not create or register the bundled sample database.")
    var noSample = false

    /// The tenant the sample database and the printed token belong to.
    static let demoTenant = Tenant(userId: "demo", agentId: "default")

    func run() async throws {
        let logger = options.makeLogger(label: "querent")
        let home = QuerentHome(path: home)
        try home.create()
        let environment = ProcessInfo.processInfo.environment
        let dependencies = try await Dependencies.make(try home.configuration(environment: environment), logger: logger)
        let signer = TokenSigner(secret: try home.jwtSecret())
        let trainer = TrainerRoutes(dependencies)
        let workers = buildWorkers(dependencies, settings: TrainerSettings(environment: environment), consumer: "querent", logger: logger)

        let sampleId: String?
        do {
            sampleId = noSample ? nil : try await registerSample(home: home, dependencies: dependencies, logger: logger)
        } catch {
            await dependencies.close()
            throw error
        }

        let schema = SchemaRoutes(dependencies)
        let query = QueryRoutes(dependencies)
        let rateLimits = RateLimitMiddleware(RateLimits())
        let router = QuerentRouter.make(
            service: "querent",
            signer: signer,
            checks: dependencies.readiness,
            rateLimits: rateLimits,
            api: { group in
                schema.addRoutes(to: group)
                trainer.addRoutes(to: group)
                query.addRoutes(to: group)
            },
            root: query.addRootRoutes,
            pages: { router in
                ConsoleRoutes(
                    assets: .fromEnvironment(environment),
                    localSignIn: LocalSignIn(tenant: Self.demoTenant) { signer.issue(for: $0, lifetime: 12 * 3600) }
                ).addRoutes(to: router)
                addMCPRoute(to: router, dependencies, signer: signer, rateLimits: rateLimits)
            }
        )
        let token = signer.issue(for: Self.demoTenant)
        let store = dependencies.store
        try await QuerentServer.run(
            router: router,
            hostname: options.resolvedHostname(),
            port: options.resolvedPort(default: 8080),
            logger: logger,
            services: dependencies.services + workers + (await buildBackgroundServices(dependencies)),
            onReady: { port in
                if let sampleId { await Self.waitUntilTrained(sampleId, store: store, logger: logger) }
                Self.printBanner(port: port, token: token, sampleId: sampleId, home: home.path)
            }
        )
    }

    /// Waits (at most a minute) until every table of the sample is trained, so the banner
    /// appears when Querent is ready for a question.
    private static func waitUntilTrained(_ sourceId: String, store: any MetadataStore, logger: Logger) async {
        let giveUp = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < giveUp {
            let statuses = await withTaskGroup(of: TrainingState?.self) { group in
                for table in SampleDatabase.trainedTables {
                    group.addTask { try? await store.trainingStatus(sourceId: sourceId, tableName: table)?.state }
                }
                return await group.reduce(into: [TrainingState?]()) { $0.append($1) }
            }
            if statuses.allSatisfy({ $0 == .completed || $0 == .failed }) { return }
            try? await Task.sleep(for: .milliseconds(100))
        }
        logger.warning("sample training is still running")
    }

    /// Generates the sample database when missing, registers it for the demo tenant once,
    /// and queues training of its tables that are not trained yet.
    private func registerSample(home: QuerentHome, dependencies: Dependencies, logger: Logger) async throws -> String {
        let registry = dependencies.registry
        if try SampleDatabase.ensure(at: home.samplePath) {
            logger.info("sample database generated", metadata: ["path": .string(home.samplePath)])
        }
        let source: DatabaseSource
        if let existing = try await registry.list(tenant: Self.demoTenant).first(where: { $0.name == "sample" }) {
            source = existing
        } else {
            source = try await registry.create(name: "sample", dialect: .sqlite, spec: ConnectionSpec(path: home.samplePath), tenant: Self.demoTenant)
            logger.info("sample database registered", metadata: ["source.id": .string(source.id)])
        }
        let untrained = SampleDatabase.trainedTables.filter { !source.trainedTables.contains($0) }
        if !untrained.isEmpty {
            _ = try await dependencies.trainingCoordinator().train(sourceId: source.id, tables: untrained, tenant: Self.demoTenant)
        }
        return source.id
    }

    private static func printBanner(port: Int, token: String, sampleId: String?, home: String) {
        var lines = [
            "",
            "Querent is ready on http://127.0.0.1:\(port)  (state: \(home))",
            "",
            "Token for user 'demo', agent 'default':",
            "  export TOKEN=\(token)",
            "",
            "Try:",
            "  curl -s -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:\(port)/api/v1/sources/database/",
        ]
        if let sampleId {
            lines.append("  curl -s -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:\(port)/api/v1/sources/database/\(sampleId)/tables")
            lines.append(
                "  curl -s -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:\(port)/api/v1/sources/database/\(sampleId)/tables/orders/schema"
            )
            lines.append(
                "  curl -s -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:\(port)/api/v1/sources/database/\(sampleId)/query -d '{\"question\":\"How many orders were cancelled?\"}'"
            )
            lines.append(
                "  curl -sN -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:\(port)/api/v1/chat -d '{\"message\":\"Top 5 customers by revenue\"}'"
            )
        }
        lines.append("")
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
