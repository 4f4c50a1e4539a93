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

    /// Performs a request synchronously; call it on a ``QuerentCore/BlockingIO`` thread.
    func perform(method: String, url: String, headers: [String: String], body: Data?, timeout: Duration) throws -> HTTPClientResponse {
        try check(CCurl_easy_setopt_ptr(handle, CURLOPT_URL, url))
        try check(CCurl_easy_setopt_ptr(handle, CURLOPT_CUSTOMREQUEST, method))
        try check(CCurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        let milliseconds = Int(timeout.components.seconds * 1_000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        try check(CCurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds))
        try check(CCurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, min(milliseconds, 10_000)))
        try check(CCurl_easy_setopt_ptr(handle, CURLOPT_ACCEPT_ENCODING, ""))
        for (name, value) in headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        try check(CCurl_easy_setopt_ptr(handle, CURLOPT_HTTPHEADER, headerList.map { UnsafeRawPointer($0) }))

        let bodyBytes = body.map { [UInt8]($0) } ?? []
        let sink = ResponseSink()
        let sinkPointer = Unmanaged.passRetained(sink)
        defer { sinkPointer.release() }
        try check(CCurl_easy_setopt_write_callback(handle) { data, size, count, context in
            guard let data, let context else { return 0 }
            let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
            sink.data.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
            return size * count
        })
        try check(CCurl_easy_setopt_ptr(handle, CURLOPT_WRITEDATA, sinkPointer.toOpaque()))

        let code: CURLcode = bodyBytes.withUnsafeBufferPointer { buffer in
            if body != nil {
                _ = CCurl_easy_setopt_long(handle, CURLOPT_POSTFIELDSIZE, buffer.count)
                _ = CCurl_easy_setopt_ptr(handle, CURLOPT_POSTFIELDS, buffer.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1))
            }
            return curl_easy_perform(handle)
        }
        try check(code)
        var status = 0
        try check(CCurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status))
        return HTTPClientResponse(status: status, body: sink.data)
    }

    private func check(_ code: CURLcode) throws {
        guard code != CURLE_OK else { return }
        throw CurlError(code: Int32(code.rawValue), message: String(cString: curl_easy_strerror(code)))
    }

    private final class ResponseSink {
        var data = Data()
    }
}

@available(*, unavailable)
extension CurlEasyHandle: Sendable {}
