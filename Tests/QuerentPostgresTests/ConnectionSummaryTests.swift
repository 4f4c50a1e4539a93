import QuerentCore
import QuerentPostgres
import Testing

/// Display forms of connection specs: never a password.
@Suite struct ConnectionSummaryTests {
    @Test(arguments: [
        ("postgres://app:s3cret@db:5432/shop", "postgres://app@db:5432/shop"),
        ("postgresql://app:p%40ss@db/shop?sslmode=require", "postgresql://app@db/shop?sslmode=require"),
        ("postgres://app:p@ss@db/shop", "postgres://app@db/shop"),
        ("postgres://db/shop?user=app&password=s3cret&sslmode=require", "postgres://db/shop?user=app&sslmode=require"),
        ("postgres://db/shop?password=s3cret", "postgres://db/shop"),
        ("postgres://app@db/shop", "postgres://app@db/shop"),
        ("host=db dbname=shop user=app password=s3cret", "host=db dbname=shop user=app"),
        ("host=db password='s3cret' dbname=shop", "host=db dbname=shop"),
    ])
    func urlAndConninfo(url: String, expected: String) {
        #expect(PostgresDriver.summary(ConnectionSpec(url: url)) == expected)
    }

    @Test func conninfoWithQuotedSpacesHidesTheWholePassword() {
        let summary = PostgresDriver.summary(ConnectionSpec(url: "host=db password='open sesame' dbname=shop"))
        #expect(!summary.contains("sesame"))
        #expect(summary == "host=db dbname=shop")
        let spaced = PostgresDriver.summary(ConnectionSpec(url: "host=db password = s3cret dbname=shop"))
        #expect(!spaced.contains("s3cret"))
    }

    @Test func discreteFields() {
        let spec = ConnectionSpec(host: "db", port: 6543, database: "shop", user: "app", password: "s3cret", sslmode: "verify-full")
        #expect(PostgresDriver.summary(spec) == "postgres://app@db:6543/shop?sslmode=verify-full")
        #expect(PostgresDriver.summary(ConnectionSpec(database: "shop")) == "postgres://localhost/shop")
    }
}
