import ArgumentParser
import Foundation
import Logging
import QuerentApplication
import QuerentCore
import QuerentHTTP
import QuerentMCP
import QuerentRuntime
import QueryService

/// `querent mcp`: a Model Context Protocol server on stdin and stdout (one JSON-RPC message
/// per line) over the embedded home, for MCP clients that launch their servers (Claude
/// Desktop, IDEs). Logs go to stderr only.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the Model Context Protocol on stdin/stdout over the embedded home.",
        discussion: """
            Acts for the demo tenant (user 'demo', agent 'default', whose sample `querent serve` \
            registers), or for the tenant of --token (or QUERENT_MCP_TOKEN), verified with the home's \
            JWT secret. Streamable HTTP is served by `querent serve` and query-service at POST /mcp.
            """
    )

    @Option(help: "State directory (env QUERENT_HOME, default ./.querent).")
    var home: String?

    @Option(help: "Act for this bearer token's tenant (env QUERENT_MCP_TOKEN) instead of the demo tenant.")
    var token: String?

    @Option(help: "Log level on stderr (env LOG_LEVEL, default info).")
    var logLevel: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // Every logger, the libraries' too, writes to stderr: stdout carries only MCP messages.
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "querent.mcp")
        logger.logLevel = (logLevel ?? environment["LOG_LEVEL"]).flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info

        let home = QuerentHome(path: home)
        try home.create()
        let tenant: Tenant
        if let token = token ?? environment["QUERENT_MCP_TOKEN"].flatMap({ $0.isEmpty ? nil : $0 }) {
            do {
                tenant = try TokenSigner(secret: try home.jwtSecret()).verify(token)
            } catch let error as ServiceError {
                throw ValidationError("--token: \(error.message)")
            }
        } else {
            tenant = ServeCommand.demoTenant
        }

        let dependencies = try await Dependencies.make(try home.configuration(environment: environment), logger: logger)
        let connection = MCPConnection(server: MCPServer(backend: MCPBackend(dependencies), tenant: tenant, logger: logger))
        logger.info("mcp server on stdio", metadata: ["home": .string(home.path), "tenant.user": .string(tenant.userId)])
        await MCPStdio.serve(connection, lines: MCPStdio.standardInputLines(), write: MCPStdio.writeStandardOutput)
        await dependencies.close()
    }
}
