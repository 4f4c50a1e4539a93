import CCurl
import Foundation

/// Owns one `CURL*` easy handle: the only type that calls the libcurl C API.
final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?

    /// libcurl's global state is initialized once, before the first handle.
    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    init() throws {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else { throw CurlError(code: -1, message: "curl_easy_init failed") }
        self.handle = handle
    }

    deinit {
        if let headerList { curl_slist_free_all(headerList) }
        curl_easy_cleanup(handle)
    }

    /// Performs a request synchronously and returns the whole response; call it on a
    /// ``QuerentCore/BlockingIO`` thread.
    func perform(method: String, url: String, headers: [String: String], body: Data?, timeout: Duration) throws -> HTTPClientResponse {
        var data = Data()
        let status = try perform(
            method: method,
            url: url,
            headers: headers,
            body: body,
            timeout: timeout,
            receive: { _, chunk in
                data.append(contentsOf: chunk)
                return true
            },
            shouldAbort: { false }
        )
        return HTTPClientResponse(status: status, body: data)
    }

    /// Performs a request synchronously, handing each piece of the body to `receive` (with the
    /// response status) as libcurl reads it off the socket; call it on a ``QuerentCore/BlockingIO`` thread.
    ///
    /// The transfer stops with a ``CurlError`` when `receive` returns `false` or `shouldAbort`
    /// returns `true`; `shouldAbort` is polled while the connection is idle too (about once a second).
    /// - Returns: the response status.
    func perform(
        method: String,
        url: String,
        headers: [String: String],
        body: Data?,
        timeout: Duration,
        receive: @escaping (_ status: Int, _ chunk: UnsafeRawBufferPointer) -> Bool,
        shouldAbort: @escaping () -> Bool
    ) throws -> Int {
        try check(CCurl_easy_setopt_ptr(handle, CURLOPT_URL, url))
        try check(CCurl_easy_setopt_ptr(handle, CURLOPT_CUSTOMREQUEST, method))
        try check(CCurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        let milliseconds = Int(timeout.wholeMilliseconds)
        try check(CCurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds))
        try check(CCurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, min(milliseconds, 10_000)))
        try check(CCurl_easy_setopt_ptr(handle, CURLOPT_ACCEPT_ENCODING, ""))
        for (name, value) in headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        try check(CCurl_easy_setopt_ptr(handle, CURLOPT_HTTPHEADER, headerList.map { UnsafeRawPointer($0) }))

        let sink = StreamSink(handle: handle, receive: receive, shouldAbort: shouldAbort)
        let sinkPointer = Unmanaged.passRetained(sink)
        defer { sinkPointer.release() }
        try check(
            CCurl_easy_setopt_write_callback(handle) { data, size, count, context in
                guard let data, let context else { return 0 }
                let sink = Unmanaged<StreamSink>.fromOpaque(context).takeUnretainedValue()
                let chunk = UnsafeRawBufferPointer(start: UnsafeRawPointer(data), count: size * count)
                // Returning a count other than the chunk's size makes libcurl stop with CURLE_WRITE_ERROR.
                return sink.deliver(chunk) ? size * count : 0
            }
        )
        try check(CCurl_easy_setopt_ptr(handle, CURLOPT_WRITEDATA, sinkPointer.toOpaque()))
        try check(
            CCurl_easy_setopt_xferinfo_callback(handle) { context, _, _, _, _ in
                guard let context else { return 0 }
                return Unmanaged<StreamSink>.fromOpaque(context).takeUnretainedValue().shouldAbort() ? 1 : 0
            }
        )
        try check(CCurl_easy_setopt_ptr(handle, CURLOPT_XFERINFODATA, sinkPointer.toOpaque()))
        try check(CCurl_easy_setopt_long(handle, CURLOPT_NOPROGRESS, 0))

        let bodyBytes = body.map { [UInt8]($0) } ?? []
        let code: CURLcode = bodyBytes.withUnsafeBufferPointer { buffer in
            if body != nil {
                _ = CCurl_easy_setopt_long(handle, CURLOPT_POSTFIELDSIZE, buffer.count)
                _ = CCurl_easy_setopt_ptr(
                    handle,
                    CURLOPT_POSTFIELDS,
                    buffer.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)
                )
            }
            return curl_easy_perform(handle)
        }
        try check(code)
        return sink.status()
    }

    private func check(_ code: CURLcode) throws {
        guard code != CURLE_OK else { return }
        throw CurlError(code: Int32(code.rawValue), message: String(cString: curl_easy_strerror(code)))
    }

    /// The state libcurl's callbacks reach through their context pointer.
    private final class StreamSink {
        private let handle: UnsafeMutableRawPointer
        private let receive: (Int, UnsafeRawBufferPointer) -> Bool
        let shouldAbort: () -> Bool
        private var knownStatus: Int?

        init(handle: UnsafeMutableRawPointer, receive: @escaping (Int, UnsafeRawBufferPointer) -> Bool, shouldAbort: @escaping () -> Bool) {
            self.handle = handle
            self.receive = receive
            self.shouldAbort = shouldAbort
        }

        /// The final response's status: known once its headers have been read.
        func status() -> Int {
            if let knownStatus { return knownStatus }
            var status = 0
            _ = CCurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            knownStatus = status
            return status
        }

        func deliver(_ chunk: UnsafeRawBufferPointer) -> Bool {
            !shouldAbort() && receive(status(), chunk)
        }
    }
}

@available(*, unavailable)
extension CurlEasyHandle: Sendable {}
