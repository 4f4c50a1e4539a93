/// An error from zlib, keeping its return code (`Z_DATA_ERROR`, `Z_MEM_ERROR`, …).
public struct ZlibError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String

    public var description: String { "zlib error \(code): \(message)" }
}
