import Foundation
import QuerentCore
import QuerentMCP
import Testing

/// Reading JSON-RPC messages, and version negotiation.
@Suite struct JSONRPCTests {
    func decode(_ text: String) -> Result<JSONRPCMessage, JSONRPCFailure> {
        JSONRPCMessage.decode(Data(text.utf8))
    }

    func errorCode(_ text: String) -> Int? {
        if case .failure(let failure) = decode(text) { return failure.error.code }
        return nil
    }

    @Test func messagesAreRead() throws {
        #expect(try decode(#"{"jsonrpc":"2.0","id":"a","method":"ping"}"#).get() == .request(id: .string("a"), method: "ping", params: [:]))
        #expect(
            try decode(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).get()
                == .notification(method: "notifications/initialized", params: [:])
        )
        #expect(try decode(#"{"jsonrpc":"2.0","id":4,"result":{}}"#).get() == .response)
    }

    @Test func malformedMessagesGetStructuredErrors() {
        #expect(errorCode("{") == JSONRPCError.parseError)
        #expect(errorCode("") == JSONRPCError.parseError)
        #expect(errorCode("[]") == JSONRPCError.invalidRequest)
        #expect(errorCode("42") == JSONRPCError.invalidRequest)
        #expect(errorCode(#"{"id":1,"method":"ping"}"#) == JSONRPCError.invalidRequest)
        #expect(errorCode(#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#) == JSONRPCError.invalidRequest)
        #expect(errorCode(#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#) == JSONRPCError.invalidRequest)
        #expect(errorCode(#"{"jsonrpc":"2.0","id":1,"method":7}"#) == JSONRPCError.invalidRequest)
        #expect(errorCode(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":[1]}"#) == JSONRPCError.invalidParams)
        if case .failure(let failure) = decode(#"{"jsonrpc":"1.0","id":"x","method":"ping"}"#) {
            #expect(failure.id == .string("x"), "a valid id is echoed")
        }
    }

    @Test func versionNegotiation() {
        #expect(MCPServer.negotiate("2025-06-18") == "2025-06-18")
        #expect(MCPServer.negotiate("2024-11-05") == "2024-11-05")
        #expect(MCPServer.negotiate("2030-01-01") == MCPServer.latestVersion)
        #expect(MCPServer.latestVersion == "2025-11-25")
    }
}
