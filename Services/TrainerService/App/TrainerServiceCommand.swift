import ArgumentParser

@main
struct TrainerServiceCommand: AsyncParsableCommand {
    func run() async throws {}
}
