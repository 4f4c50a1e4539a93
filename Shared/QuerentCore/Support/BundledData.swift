import Foundation

/// Data files a module ships in its `Resources/` (general English, naming conventions): read
/// once, at first use.
public enum BundledData {
    /// The JSON resource `name` of `bundle` decoded as `T`; a missing or malformed file is a
    /// packaging error and stops the process, naming the module and the file.
    public static func load<T: Decodable>(_ type: T.Type, named name: String, in bundle: Bundle, module: String) -> T {
        guard let url = bundle.url(forResource: name, withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let value = try? JSONDecoder().decode(T.self, from: data)
        else { fatalError("\(module): Resources/\(name).json is missing or malformed") }
        return value
    }
}
