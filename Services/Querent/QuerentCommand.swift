import ArgumentParser

/// `querent`: the embedded Querent: all three services in one process.
@main
struct QuerentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "querent",
        abstract: "Ask questions of your own databases in plain language.",
        subcommands: [
            ServeCommand.self, MCPCommand.self, TokenCommand.self, EvalCommand.self, RekeyCommand.self,
            SourcesCommand.self, TablesCommand.self, SchemaCommand.self, TrainCommand.self, AskCommand.self, SQLCommand.self, HistoryCommand.self,
            ExamplesCommand.self,
        ],
        defaultSubcommand: ServeCommand.self
    )
}
