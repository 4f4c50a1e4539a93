import Foundation
import QuerentCore

/// A JSON-RPC 2.0 error object (`{code, message, data?}`).
public struct JSONRPCError: Error, Sendable, Hashable {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(_ code: Int, _ message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The body is not JSON.
    public static let parseError = -32700
    /// The JSON is not a JSON-RPC request, notification or response.
    public static let invalidRequest = -32600
    /// No such method.
    public static let methodNotFound = -32601
    /// The method's parameters are wrong.
    public static let invalidParams = -32602
    /// The server failed.
    public static let internalError = -32603
    /// MCP: `resources/read` of a URI that names no resource.
    public static let resourceNotFound = -32002

    var json: JSONValue {
        var object: [String: JSONValue] = ["code": .int(Int64(code)), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }
}

/// One message a client sent, read from its JSON text.
public enum JSONRPCMessage: Sendable, Hashable {
    /// A request: it is answered with a response carrying the same `id`.
    case request(id: JSONValue, method: String, params: [String: JSONValue])
    /// A notification (no `id`): never answered.
    case notification(method: String, params: [String: JSONValue])
    /// A response to a request of the server's (this server sends none; ignored).
    case response

    /// Reads one message.
    /// - Returns: the message, or the error response to send (`-32700` for text that is not
    ///   JSON; `-32600` for JSON that is not one JSON-RPC 2.0 message, batches included, which
    ///   MCP 2025-06-18 and later do not allow; `-32602` for parameters that are not an object).
    public static func decode(_ data: Data) -> Result<JSONRPCMessage, JSONRPCFailure> {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return .failure(JSONRPCFailure(id: .null, error: JSONRPCError(JSONRPCError.parseError, "parse error: the message is not valid JSON")))
        }
        guard case .object(let object) = value else {
            let what = if case .array = value { "batches are not supported; send one JSON-RPC message" } else { "a message must be a JSON object" }
            return .failure(JSONRPCFailure(id: .null, error: JSONRPCError(JSONRPCError.invalidRequest, "invalid request: \(what)")))
        }
        // A valid id is echoed in the error response, an invalid one is not.
        let id: JSONValue? = object["id"]
        let echoed: JSONValue = id.flatMap { isValidID($0) ? $0 : nil } ?? .null
        func invalid(_ reason: String) -> Result<JSONRPCMessage, JSONRPCFailure> {
            .failure(JSONRPCFailure(id: echoed, error: JSONRPCError(JSONRPCError.invalidRequest, "invalid request: \(reason)")))
        }
        guard object["jsonrpc"] == .string("2.0") else { return invalid("\"jsonrpc\" must be \"2.0\"") }
        if let id, !isValidID(id) { return invalid("\"id\" must be a string or an integer") }
        guard let method = object["method"] else {
            if id != nil, object["result"] != nil || object["error"] != nil { return .success(.response) }
            return invalid("\"method\" is missing")
        }
        guard case .string(let name) = method, !name.isEmpty else { return invalid("\"method\" must be a non-empty string") }
        let params: [String: JSONValue]
        switch object["params"] {
        case nil, .null?: params = [:]
        case .object(let value)?: params = value
        case .array?:
            return .failure(
                JSONRPCFailure(id: echoed, error: JSONRPCError(JSONRPCError.invalidParams, "invalid params: \"params\" must be an object"))
            )
        default: return invalid("\"params\" must be an object")
        }
        if let id { return .success(.request(id: id, method: name, params: params)) }
        return .success(.notification(method: name, params: params))
    }

    /// MCP ids are strings or integers (never null).
    static func isValidID(_ id: JSONValue) -> Bool {
        switch id {
        case .string, .int: return true
        default: return false
        }
    }
}

/// A message that could not be read, with the id its error response carries.
public struct JSONRPCFailure: Error, Sendable, Hashable {
    public var id: JSONValue
    public var error: JSONRPCError

    /// The error response, as one line of JSON.
    public var response: Data { JSONRPC.errorResponse(id: id, error: error) }
}

/// Encodes responses: compact JSON with sorted keys, no embedded newlines (stdio frames
/// messages by newlines).
enum JSONRPC {
    static func resultResponse(id: JSONValue, result: JSONValue) -> Data {
        encode(.object(["jsonrpc": .string("2.0"), "id": id, "result": result]))
    }

    static func errorResponse(id: JSONValue, error: JSONRPCError) -> Data {
        encode(.object(["jsonrpc": .string("2.0"), "id": id, "error": error.json]))
    }

    static func encode(_ value: JSONValue) -> Data {
        // Encoding a JSONValue cannot fail (non-finite numbers become strings).
        (try? JSONEncoder.querent.encode(value)) ?? Data("{}".utf8)
    }

    /// Any encodable value as JSON (the application's types, with their snake_case keys).
    static func json(_ value: some Encodable) throws -> JSONValue {
        try JSONDecoder.querent.decode(JSONValue.self, from: JSONEncoder.querent.encode(value))
    }
}
