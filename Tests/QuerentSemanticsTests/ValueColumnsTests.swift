import QuerentSemantics
import Testing

/// Which text columns are profiled up to the wide limit: places and kinds, by the column's name
/// or, for a label column, its table's name.
@Suite struct ValueColumnsTests {
    @Test func placesAndKindsAreWide() {
        #expect(ValueColumns.isWide(column: "BillingCountry", table: "Invoice"))
        #expect(ValueColumns.isWide(column: "ship_city", table: "orders"))
        #expect(ValueColumns.isWide(column: "CategoryName", table: "Categories"))
        #expect(ValueColumns.isWide(column: "name", table: "public.genres"))
        #expect(ValueColumns.isWide(column: "country", table: "country"))
    }

    @Test func peopleNotesAndAddressesAreNot() {
        #expect(!ValueColumns.isWide(column: "last_name", table: "customers"))
        #expect(!ValueColumns.isWide(column: "email", table: "countries"))
        #expect(!ValueColumns.isWide(column: "address", table: "city"))
        #expect(!ValueColumns.isWide(column: "name", table: "customers"))
    }
}
