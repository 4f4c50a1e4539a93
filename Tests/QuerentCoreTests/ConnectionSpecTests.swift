import Foundation
import QuerentCore
import Testing

@Suite struct ConnectionSpecTests {
    @Test func urlPasswordIsRedacted() {
        let spec = ConnectionSpec(url: "postgres://app:hunter2-XYZ@db:5432/shop")
        #expect(spec.secrets == ["hunter2-XYZ"])
        let message = #"connection to "postgres://app:hunter2-XYZ@db:5432/shop" failed: hunter2-XYZ"#
        let redacted = spec.redact(message)
        #expect(!redacted.contains("hunter2"))
        #expect(redacted == #"connection to "postgres://app:********@db:5432/shop" failed: ********"#)
    }

    @Test func percentEncodedPasswordIsRedactedInBothForms() {
        let spec = ConnectionSpec(url: "postgresql://app:p%40ss%3Aw0rd@db/shop")
        #expect(Set(spec.secrets) == ["p%40ss%3Aw0rd", "p@ss:w0rd"])
        let redacted = spec.redact("raw p%40ss%3Aw0rd decoded p@ss:w0rd")
        #expect(!redacted.contains("w0rd"))
    }

    @Test func passwordContainingAtSignIsRedacted() {
        let spec = ConnectionSpec(url: "postgres://app:p@ss@db/shop")
        #expect(spec.secrets == ["p@ss"])
        #expect(!spec.redact("bad password p@ss").contains("p@ss"))
    }

    @Test func queryStringPasswordIsRedacted() {
        let spec = ConnectionSpec(url: "postgres://db/shop?user=app&password=qs-Secret-1&sslmode=require")
        #expect(spec.secrets == ["qs-Secret-1"])
        #expect(!spec.redact("password=qs-Secret-1").contains("qs-Secret-1"))
    }

    @Test func conninfoPasswordIsRedacted() {
        let spec = ConnectionSpec(url: "host=db dbname=shop user=app password=kv-Secret-2")
        #expect(spec.secrets == ["kv-Secret-2"])
        #expect(spec.redact("host=db password=kv-Secret-2") == "host=db password=********")
        let quoted = ConnectionSpec(url: "host=db password='quoted-Secret-3' dbname=shop")
        #expect(quoted.secrets == ["quoted-Secret-3"])
    }

    @Test func conninfoPasswordWithSpacesIsRedacted() {
        // libpq accepts single-quoted values with spaces: password='two words'.
        let spec = ConnectionSpec(url: "host=db dbname=shop password='open sesame-4'")
        #expect(spec.secrets == ["open sesame-4"])
        #expect(!spec.redact("password='open sesame-4'").contains("sesame"))
        // libpq also accepts spaces around '=': password = secret.
        let spaced = ConnectionSpec(url: "host=db dbname=shop password = spaced-Secret-6")
        #expect(spaced.secrets == ["spaced-Secret-6"])
    }

    @Test func discretePasswordFieldIsRedacted() {
        let spec = ConnectionSpec(host: "db", database: "shop", user: "app", password: "field-Secret-5")
        #expect(spec.secrets == ["field-Secret-5"])
        #expect(spec.redact("x field-Secret-5 y") == "x ******** y")
    }

    @Test func specsWithoutPasswordsHaveNoSecrets() {
        #expect(ConnectionSpec(url: "postgres://app@db/shop").secrets.isEmpty)
        #expect(ConnectionSpec(url: "postgres://db/shop").secrets.isEmpty)
        #expect(ConnectionSpec(path: "/data/app.sqlite").secrets.isEmpty)
        #expect(ConnectionSpec(url: "host=db dbname=shop").secrets.isEmpty)
        #expect(ConnectionSpec(password: "").secrets.isEmpty)
        #expect(ConnectionSpec(url: "postgres://app@db/shop").redact("unchanged text") == "unchanged text")
    }

    @Test func decodesFromStringOrObject() throws {
        let fromString = try JSONDecoder().decode(ConnectionSpec.self, from: Data(#""postgres://a:b@h/d""#.utf8))
        #expect(fromString == ConnectionSpec(url: "postgres://a:b@h/d"))
        let fromObject = try JSONDecoder().decode(
            ConnectionSpec.self,
            from: Data(#"{"host":"h","port":6543,"database":"d","user":"u","password":"p","sslmode":"disable"}"#.utf8)
        )
        #expect(fromObject == ConnectionSpec(host: "h", port: 6543, database: "d", user: "u", password: "p", sslmode: "disable"))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ConnectionSpec.self, from: Data(#"{"port":"not a number"}"#.utf8)) }
    }
}
