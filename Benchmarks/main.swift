import Foundation

/// `querent-bench <benchmark> [options]`: one file per benchmark, dispatched here.
let benchmarks: [(name: String, usage: String)] = [
    ("introspection", IntrospectionBenchmark.usage),
    (
        "training",
        "querent-bench training [--tables 1000] [--replicas 1,2,4] [--concurrency 2] [--batch-size 25] [--url postgres://…] [--redis redis://…]"
    ),
    ("query", "querent-bench query [--requests 300] [--concurrency 1,4] [--url postgres://…]"),
    ("datasets", DatasetsCommand.usage),
    ("teaching", TeachingBenchmark.usage),
    ("large-schema", LargeSchemaBenchmark.usage),
]

let arguments = CommandLine.arguments
let options = Array(arguments.dropFirst(2))
do {
    switch arguments.count > 1 ? arguments[1] : "" {
    case "introspection":
        try await IntrospectionBenchmark.run(options)
    case "training":
        try await TrainingBenchmark.run(options)
    case "query":
        try await QueryBenchmark.run(options)
    case "datasets":
        try await DatasetsCommand.run(options)
    case "teaching":
        try await TeachingBenchmark.run(options)
    case "large-schema":
        try await LargeSchemaBenchmark.run(options)
    default:
        FileHandle.standardError.write(Data(("usage:\n" + benchmarks.map { "  \($0.usage)" }.joined(separator: "\n") + "\n").utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("querent-bench: \(error)\n".utf8))
    exit(1)
}
