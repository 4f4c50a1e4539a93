import QuerentCore

/// The rows of one sample table and the statement that inserts one of them (`$1`, `$2`, … in row order).
struct SampleTable {
    let insert: String
    var rows: [[SQLBind]] = []
}
