/// An error from libcurl, keeping its `CURLcode`.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String

    public var description: String { "curl error \(code): \(message)" }

    /// Timeouts, refused or reset connections: worth retrying.
    public var isTransient: Bool {
        // CURLE_COULDNT_CONNECT 7, OPERATION_TIMEDOUT 28, SEND_ERROR 55, RECV_ERROR 56, GOT_NOTHING 52
        [7, 28, 52, 55, 56].contains(code)
    }

    /// The request ran past its time limit (`CURLE_OPERATION_TIMEDOUT`).
    public var isTimeout: Bool { code == 28 }
}
