import CZlib
import Foundation

/// gzip compression with the system zlib: the only place that calls the zlib C API.
public enum Gzip {
    /// Compresses `data` into the gzip format (RFC 1952).
    /// - Parameter level: 1 (fastest) to 9 (smallest); 6 by default.
    public static func compress(_ data: Data, level: Int32 = 6) throws -> Data {
        var stream = z_stream()
        // windowBits 15 + 16 selects the gzip wrapper.
        var rc = CZlib_deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY)
        guard rc == Z_OK else { throw ZlibError(code: rc, message: "deflateInit2 failed") }
        defer { deflateEnd(&stream) }
        var output = Data(count: Int(deflateBound(&stream, uLong(data.count))))
        let outputCount = output.count
        rc = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            output.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(outputCount)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard rc == Z_STREAM_END else { throw ZlibError(code: rc, message: "deflate did not finish") }
        output.count = Int(stream.total_out)
        return output
    }

    /// Decompresses gzip or zlib data.
    /// - Parameter limit: refuses output larger than this many bytes (zip bombs).
    public static func decompress(_ data: Data, limit: Int = 64 * 1024 * 1024) throws -> Data {
        var stream = z_stream()
        // windowBits 15 + 32 detects gzip or zlib headers.
        var rc = CZlib_inflateInit2(&stream, 15 + 32)
        guard rc == Z_OK else { throw ZlibError(code: rc, message: "inflateInit2 failed") }
        defer { inflateEnd(&stream) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        rc = data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            var status: Int32 = Z_OK
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    output.append(buffer.baseAddress!, count: buffer.count - Int(stream.avail_out))
                    return status
                }
                if output.count > limit { return Z_BUF_ERROR }
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
            return status
        }
        guard rc == Z_STREAM_END else {
            throw ZlibError(code: rc, message: output.count > limit ? "output exceeds \(limit) bytes" : "corrupt or truncated input")
        }
        return output
    }
}
