import Foundation
import HTTPTypes
import Hummingbird
import QuerentCore

/// Mounts an ``MCPHTTPEndpoint`` on a Hummingbird router group (`POST` and `DELETE`); the
/// group's middleware authenticates, and `tenant` reads the tenant it put in the context.
public struct MCPRoutes<Context: RequestContext>: Sendable {
    let endpoint: MCPHTTPEndpoint
    let tenant: @Sendable (Context) throws -> Tenant

    public init(endpoint: MCPHTTPEndpoint, tenant: @escaping @Sendable (Context) throws -> Tenant) {
        self.endpoint = endpoint
        self.tenant = tenant
    }

    public func addRoutes(to group: RouterGroup<Context>) {
        group.post { request, context in try await self.respond(request, context: context) }
        group.delete { request, context in try await self.respond(request, context: context) }
    }

    @Sendable func respond(_ request: Request, context: Context) async throws -> Response {
        let tenant = try tenant(context)
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let reply = await endpoint.handle(method: request.method.rawValue, headers: headers, body: Data(body.readableBytesView), tenant: tenant)
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        let responseBody = reply.body.map { ResponseBody(byteBuffer: ByteBuffer(bytes: $0)) } ?? ResponseBody()
        return Response(status: HTTPResponse.Status(code: reply.status), headers: fields, body: responseBody)
    }
}
