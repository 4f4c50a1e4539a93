import Hummingbird
import QuerentHTTP
import QuerentTesting
import QueryService

extension QueryHarness {
    /// The router of the query service, built as `query-service` builds it.
    func router() -> Router<AppRequestContext> {
        buildRouter(dependencies, signer: TestTokens.signer)
    }
}
