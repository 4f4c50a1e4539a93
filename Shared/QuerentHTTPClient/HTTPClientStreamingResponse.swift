import Foundation

/// A response whose body arrives piece by piece, as libcurl reads it off the socket.
public struct HTTPClientStreamingResponse: Sendable {
    public var status: Int
    /// The body's pieces in order; finishes when the response is complete and throws
    /// ``CurlError`` when the transfer fails midway. Dropping the stream stops the transfer.
    public var body: AsyncThrowingStream<Data, any Error>

    /// The whole remaining body, for error answers.
    public func collect() async throws -> Data {
        var data = Data()
        for try await chunk in body { data.append(chunk) }
        return data
    }
}
