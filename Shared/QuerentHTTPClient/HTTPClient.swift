import Foundation
import QuerentCore
import QuerentIO
import Synchronization

/// A small blocking-I/O HTTP client over libcurl for outbound calls (embeddings, chat
/// completions). Each request uses its own easy handle on a ``QuerentCore/BlockingIO`` thread.
public struct HTTPClient: Sendable {
    public init() {}

    /// Sends a request and returns the whole response.
    /// - Throws: ``CurlError`` for transport failures (DNS, refused, timeout).
    public func send(
        method: String,
        url: String,
        headers: [String: String] = [:],
        body: Data? = nil,
        timeout: Duration = .seconds(30)
    ) async throws -> HTTPClientResponse {
        try await BlockingIO.run {
            try CurlEasyHandle().perform(method: method, url: url, headers: headers, body: body, timeout: timeout)
        }
    }

    /// Sends a request and returns as soon as the response starts: the status, and the body as
    /// a stream of pieces delivered while the server is still writing (Server-Sent Events).
    ///
    /// `timeout` bounds the whole exchange, body included. Cancelling the calling task before the
    /// response starts, or dropping the body stream later, stops the transfer.
    /// - Throws: ``CurlError`` for transport failures before the response starts.
    public func stream(
        method: String,
        url: String,
        headers: [String: String] = [:],
        body: Data? = nil,
        timeout: Duration = .seconds(30)
    ) async throws
        -> HTTPClientStreamingResponse
    {
        let (chunks, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
        let transfer = StreamingTransfer()
        continuation.onTermination = { _ in transfer.cancel() }
        return try await withTaskCancellationHandler {
            let status = try await withCheckedThrowingContinuation { (head: CheckedContinuation<Int, any Error>) in
                transfer.onHead(head)
                Task {
                    do {
                        let status = try await BlockingIO.run {
                            try CurlEasyHandle().perform(
                                method: method,
                                url: url,
                                headers: headers,
                                body: body,
                                timeout: timeout,
                                receive: { status, chunk in
                                    transfer.resolveHead(.success(status))
                                    if case .terminated = continuation.yield(Data(chunk)) { return false }
                                    return true
                                },
                                shouldAbort: { transfer.isCancelled }
                            )
                        }
                        transfer.resolveHead(.success(status))
                        continuation.finish()
                    } catch {
                        let failure: any Error = transfer.isCancelled ? CancellationError() : error
                        transfer.resolveHead(.failure(failure))
                        continuation.finish(throwing: failure)
                    }
                }
            }
            return HTTPClientStreamingResponse(status: status, body: chunks)
        } onCancel: {
            transfer.cancel()
        }
    }
}

/// What a streaming transfer shares between the caller, libcurl's callbacks and the body's consumer.
private final class StreamingTransfer: Sendable {
    private struct State {
        var head: CheckedContinuation<Int, any Error>?
        var headResolved = false
        var cancelled = false
    }

    private let state = Mutex(State())

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    func cancel() { state.withLock { $0.cancelled = true } }

    func onHead(_ continuation: CheckedContinuation<Int, any Error>) { state.withLock { $0.head = continuation } }

    /// Resumes the caller waiting for the status, once.
    func resolveHead(_ result: Result<Int, any Error>) {
        let head = state.withLock { state -> CheckedContinuation<Int, any Error>? in
            guard !state.headResolved else { return nil }
            state.headResolved = true
            defer { state.head = nil }
            return state.head
        }
        head?.resume(with: result)
    }
}
