import Foundation
import QuerentCompression
import Testing

@Suite struct GzipTests {
    static func pseudoRandom(_ count: Int, seed: UInt64 = 42) -> Data {
        var state = seed
        return Data(
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
        )
    }

    @Test(arguments: [0, 1, 1_000, 200_000])
    func roundTrip(size: Int) throws {
        let text = Data((0..<size).map { UInt8(ascii: "a") + UInt8($0 % 7) })
        let compressed = try Gzip.compress(text)
        #expect(compressed.prefix(2) == Data([0x1F, 0x8B]))
        #expect(try Gzip.decompress(compressed) == text)
        if size >= 1_000 { #expect(compressed.count < text.count / 10) }
    }

    @Test func incompressibleDataRoundTrips() throws {
        let data = Self.pseudoRandom(100_000)
        #expect(try Gzip.decompress(Gzip.compress(data, level: 9)) == data)
        #expect(try Gzip.decompress(Gzip.compress(data, level: 1)) == data)
    }

    @Test func corruptInputThrows() throws {
        let error = #expect(throws: ZlibError.self) { try Gzip.decompress(Data("definitely not gzip".utf8)) }
        #expect(error?.message.contains("corrupt") == true)

        var damaged = try Gzip.compress(Self.pseudoRandom(10_000))
        for index in stride(from: 20, to: 60, by: 1) { damaged[index] ^= 0xFF }
        #expect(throws: ZlibError.self) { try Gzip.decompress(damaged) }
    }

    @Test func truncatedInputThrows() throws {
        let compressed = try Gzip.compress(Self.pseudoRandom(10_000))
        #expect(throws: ZlibError.self) { try Gzip.decompress(compressed.prefix(compressed.count / 2)) }
        #expect(throws: ZlibError.self) { try Gzip.decompress(Data()) }
    }

    @Test func outputLimitStopsZipBombs() throws {
        let bomb = try Gzip.compress(Data(count: 2_000_000))
        #expect(bomb.count < 10_000)
        let error = #expect(throws: ZlibError.self) { try Gzip.decompress(bomb, limit: 1_000_000) }
        #expect(error?.message.contains("exceeds") == true)
        #expect(try Gzip.decompress(bomb, limit: 2_000_000).count == 2_000_000)
    }
}
