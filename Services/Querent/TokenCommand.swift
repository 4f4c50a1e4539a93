import ArgumentParser
import QuerentCore
import QuerentHTTP

/// `querent token`: prints a bearer token for a user and agent.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print a bearer token (JWT, HS256) for a user and agent.",
        discussion: "Signed with QUERENT_JWT_SECRET, or the secret stored in QUERENT_HOME."
    )

    @Option(help: "User id (the token's 'sub' claim).")
    var user: String

    @Option(help: "Agent id (the token's 'agent_id' claim).")
    var agent: String

    @Option(help: "Days until the token expires.")
    var days: Int = 30

    @Option(help: "State directory (env QUERENT_HOME, default ./.querent).")
    var home: String?

    func validate() throws {
        guard !user.isEmpty, !agent.isEmpty else { throw ValidationError("--user and --agent must not be empty") }
        guard days > 0 else { throw ValidationError("--days must be positive") }
    }

    func run() throws {
        let signer = TokenSigner(secret: try QuerentHome(path: home).jwtSecret())
        print(signer.issue(for: Tenant(userId: user, agentId: agent), lifetime: Double(days) * 86_400))
    }
}
