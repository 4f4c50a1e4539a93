import Foundation
import QuerentCore
import QuerentTesting
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A raw HTTP/1.1 connection that reads a streaming (Server-Sent Events) response as it
/// arrives; HummingbirdTesting's clients only return complete bodies.
final class StreamingHTTPConnection: Sendable {
    private struct State {
        var stop = false
        var open = true
    }

    private let fd: Int32
    private let received = Locked<String>("")
    private let state = Locked(State())

    /// Connects to 127.0.0.1:`port` and sends `GET path` with `headers`.
    init(port: Int, path: String, headers: [String: String]) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Polling.TimedOut(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw Polling.TimedOut(description: "connect to 127.0.0.1:\(port) failed: errno \(errno)")
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else {
            close(fd)
            throw Polling.TimedOut(description: "sending the request failed")
        }
        self.fd = fd
        let received = self.received
        let state = self.state
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !state.withLock({ $0.stop }) {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count > 0 {
                    let text = String(decoding: buffer[0..<count], as: UTF8.self)
                    received.withLock { $0 += text }
                } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                    break
                }
            }
            state.withLock { state in
                if state.open { close(fd) }
                state.open = false
            }
        }
        reader.start()
    }

    deinit { disconnect() }

    /// Everything received so far (status line, headers, chunked body framing included).
    var text: String { received.withLock { $0 } }

    /// The JSON payloads of the `data:` lines received so far.
    var dataLines: [String] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
    }

    /// Closes the connection (the reader thread closes the socket).
    func disconnect() {
        state.withLock { state in
            state.stop = true
            if state.open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }
}
