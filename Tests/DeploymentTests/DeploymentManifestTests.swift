import Foundation
import QuerentCore
import Testing

/// The deployment descriptions stay well-formed and consistent with each other: the
/// docker-compose stack, the Dockerfile, `.env.example`, the nginx includes of each stack,
/// and the Kubernetes manifests (names, labels, ports, config and secret references, the
/// trainer's autoscaler).
@Suite struct DeploymentManifestTests {
    /// The port each service listens on, everywhere.
    static let ports = ["schema-service": 8081, "trainer-service": 8082, "query-service": 8083]

    // MARK: - docker-compose

    @Test func composeRunsTheTopologyWithScalableTrainers() throws {
        let compose = try YAMLDocument.load("deploy/docker-compose.yml")
        let services = try #require(compose["services"]?.objectValue)
        for name in ["postgres", "redis", "schema-service", "trainer-service", "query-service", "gateway"] {
            #expect(services[name] != nil, "compose has \(name)")
            #expect(services[name]?["healthcheck"]?["test"] != nil, "\(name) has a health check")
        }
        #expect(services["postgres"]?["image"]?.stringValue?.hasPrefix("postgres:15") == true)
        #expect(services["redis"]?["image"]?.stringValue?.hasPrefix("redis:7") == true)

        // The trainer scales with --scale: no fixed name, no published port; two by default.
        let trainer = try #require(services["trainer-service"])
        #expect(trainer["container_name"] == nil && trainer["ports"] == nil, "trainer-service must be scalable")
        let replicas = trainer.at("deploy.replicas")?.stringValue ?? ""
        #expect(replicas == "2" || replicas.hasSuffix(":-2}"), "two trainer replicas by default (\(replicas))")
        for name in ["schema-service", "trainer-service", "query-service"] {
            #expect(services[name]?["container_name"] == nil && services[name]?["ports"] == nil, "only the gateway publishes a port (\(name))")
            let port = services[name]?.at("environment.PORT")?.intValue
            #expect(port == Self.ports[name], "\(name) PORT \(String(describing: port))")
            let expose = (services[name]?["expose"]?.arrayValue ?? []).compactMap(\.intValue)
            #expect(expose == [Self.ports[name]!], "\(name) exposes its port")
            #expect(services[name]?.at("build.dockerfile")?.stringValue == "deploy/Dockerfile")
            #expect(services[name]?.at("build.args.SERVICE")?.stringValue == name)
            let check = (services[name]?.at("healthcheck.test")?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: " ")
            #expect(check.contains("127.0.0.1:\(Self.ports[name]!)/health/ready"), "\(name) health check uses its port: \(check)")
        }

        // The gateway mounts the shared routing file and this stack's includes.
        let gateway = try #require(services["gateway"])
        let mounts = (gateway["volumes"]?.arrayValue ?? []).compactMap(\.stringValue)
        var targets: [String: String] = [:]
        for mount in mounts {
            let parts = mount.split(separator: ":").map(String.init)
            guard parts.count >= 2 else { continue }
            targets[parts[1]] = parts[0]
            #expect(Repository.exists("deploy/" + parts[0].replacingOccurrences(of: "./", with: "")), "\(parts[0]) exists")
        }
        #expect(targets["/etc/nginx/nginx.conf"] == "./nginx/nginx.conf")
        #expect(targets["/etc/nginx/querent-upstreams.conf"] == "./nginx/docker/querent-upstreams.conf")
        #expect(targets["/etc/nginx/querent-listen.conf"] == "./nginx/docker/querent-listen.conf")
        let upstreams = try Repository.text("deploy/nginx/docker/querent-upstreams.conf")
        for (name, port) in Self.ports {
            #expect(upstreams.contains("http://\(name):\(port)"), "docker upstream of \(name)")
        }
        let published = (gateway["ports"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(published.contains { $0.hasSuffix(":8080") }, "the gateway listens on 8080 in its container: \(published)")
    }

    @Test func everyComposeVariableIsInEnvExample() throws {
        let compose = try Repository.text("deploy/docker-compose.yml")
        let example = try Repository.text("deploy/.env.example")
        let defined = Set(
            example.split(separator: "\n").compactMap { line -> String? in
                let text = line.trimmingCharacters(in: .whitespaces)
                guard !text.hasPrefix("#"), let equals = text.firstIndex(of: "=") else { return nil }
                return String(text[..<equals])
            }
        )
        let regex = try NSRegularExpression(pattern: #"\$\{([A-Z_][A-Z0-9_]*)"#)
        let used = Set(
            regex.matches(in: compose, range: NSRange(compose.startIndex..., in: compose)).compactMap { match in
                Range(match.range(at: 1), in: compose).map { String(compose[$0]) }
            }
        )
        #expect(!used.isEmpty)
        #expect(used.subtracting(defined).isEmpty, ".env.example lacks \(used.subtracting(defined).sorted())")
    }

    @Test func theDockerfileBuildsReleaseAndRunsSlim() throws {
        let dockerfile = try Repository.text("deploy/Dockerfile")
        let stages = dockerfile.split(separator: "\n").filter { $0.hasPrefix("FROM ") }
        #expect(stages.count >= 2, "multi-stage build")
        #expect(dockerfile.contains("swift build -c release"))
        for library in ["libpq5", "libhiredis", "libcurl4", "libsqlite3"] {
            #expect(dockerfile.contains(library), "the runtime image installs \(library)")
        }
        #expect(dockerfile.contains("bookworm-slim"))
        let package = try Repository.text("Package.swift")
        for product in ["schema-service", "trainer-service", "query-service", "querent"] {
            #expect(package.contains(".executable(name: \"\(product)\""), "SERVICE=\(product) is a product")
        }
    }

    // MARK: - Kubernetes

    struct Manifest {
        var file: String
        var document: JSONValue
        var kind: String { document["kind"]?.stringValue ?? "" }
        var name: String { document.at("metadata.name")?.stringValue ?? "" }
    }

    static func manifests() throws -> [Manifest] {
        var result: [Manifest] = []
        // secret.yaml is a user's git-ignored copy of the template with real values.
        for file in try Repository.files(in: "deploy/k8s", suffix: ".yaml") where file != "kustomization.yaml" && file != "secret.yaml" {
            for document in try YAMLDocument.loadAll("deploy/k8s/" + file) where document != .null {
                result.append(Manifest(file: file, document: document))
            }
        }
        return result
    }

    @Test func kubernetesManifestsAreWellFormed() throws {
        let manifests = try Self.manifests()
        #expect(!manifests.isEmpty)
        for manifest in manifests {
            #expect(manifest.document["apiVersion"]?.stringValue != nil, "\(manifest.file): apiVersion")
            #expect(!manifest.kind.isEmpty, "\(manifest.file): kind")
            #expect(!manifest.name.isEmpty, "\(manifest.file) \(manifest.kind): metadata.name")
        }
        let kinds = Set(manifests.map { "\($0.kind)/\($0.name)" })
        for expected in [
            "Deployment/schema-service", "Deployment/trainer-service", "Deployment/query-service", "Deployment/gateway",
            "Service/schema-service", "Service/trainer-service", "Service/query-service", "Service/gateway",
            "ConfigMap/querent-config", "Secret/querent-secrets", "HorizontalPodAutoscaler/trainer-service",
        ] {
            #expect(kinds.contains(expected), "deploy/k8s has \(expected)")
        }
        // No duplicates of a kind and name.
        #expect(kinds.count == manifests.count, "duplicate manifests")

        // The kustomization lists every manifest but the secret template, and its files exist.
        let kustomization = try YAMLDocument.load("deploy/k8s/kustomization.yaml")
        let resources = Set((kustomization["resources"]?.arrayValue ?? []).compactMap(\.stringValue))
        let files = Set(try Repository.files(in: "deploy/k8s", suffix: ".yaml")).subtracting([
            "kustomization.yaml", "secret.example.yaml", "secret.yaml",
        ])
        #expect(resources == files, "kustomization resources \(resources.sorted()) vs files \(files.sorted())")
        #expect(!resources.contains("secret.example.yaml"), "placeholder secrets are never applied")
        for generator in kustomization["configMapGenerator"]?.arrayValue ?? [] {
            for entry in (generator["files"]?.arrayValue ?? []).compactMap(\.stringValue) {
                let path = entry.split(separator: "=", maxSplits: 1).last.map(String.init) ?? entry
                let resolved = URL(fileURLWithPath: Repository.path("deploy/k8s")).appendingPathComponent(path).standardized.path
                #expect(FileManager.default.fileExists(atPath: resolved), "configMapGenerator file \(path)")
            }
        }
    }

    @Test func kubernetesNamesLabelsAndPortsAgree() throws {
        let manifests = try Self.manifests()
        let deployments = manifests.filter { $0.kind == "Deployment" }
        let configMaps = Set(manifests.filter { $0.kind == "ConfigMap" }.map(\.name))
        let kustomization = try YAMLDocument.load("deploy/k8s/kustomization.yaml")
        let generated = Set((kustomization["configMapGenerator"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        let secrets = manifests.filter { $0.kind == "Secret" }
        let secretKeys = Set(secrets.flatMap { ($0.document["stringData"]?.objectValue ?? [:]).keys })

        for deployment in deployments {
            let spec = deployment.document["spec"]
            let selector = spec?.at("selector.matchLabels")?.objectValue ?? [:]
            let labels = spec?.at("template.metadata.labels")?.objectValue ?? [:]
            #expect(!selector.isEmpty, "\(deployment.name): selector")
            #expect(selector.allSatisfy { labels[$0.key] == $0.value }, "\(deployment.name): the selector matches its pod labels")
            let containers = spec?.at("template.spec.containers")?.arrayValue ?? []
            #expect(!containers.isEmpty)
            for container in containers {
                let ports = container["ports"]?.arrayValue ?? []
                let named = Dictionary(
                    ports.compactMap { port in port["name"]?.stringValue.map { ($0, port["containerPort"]?.intValue ?? 0) } },
                    uniquingKeysWith: { $1 }
                )
                if let expected = Self.ports[deployment.name] {
                    #expect(named["http"] == expected, "\(deployment.name) listens on \(expected)")
                    let env = container["env"]?.arrayValue ?? []
                    let portValue = env.first { $0["name"]?.stringValue == "PORT" }?["value"]?.intValue
                    #expect(portValue == expected, "\(deployment.name): PORT env matches the container port")
                    #expect(container["image"]?.stringValue?.hasPrefix("querent/\(deployment.name)") == true, "\(deployment.name) image")
                    let refs = container["envFrom"]?.arrayValue ?? []
                    for ref in refs {
                        if let map = ref.at("configMapRef.name")?.stringValue {
                            #expect(configMaps.contains(map), "\(deployment.name): ConfigMap \(map) exists")
                        }
                        if let secret = ref.at("secretRef.name")?.stringValue {
                            #expect(secrets.contains { $0.name == secret }, "\(deployment.name): Secret \(secret) exists")
                        }
                    }
                    #expect(refs.contains { $0.at("secretRef.name") != nil }, "\(deployment.name) reads the secrets")
                }
                for probe in ["readinessProbe", "livenessProbe", "startupProbe"] {
                    guard let port = container[probe]?.at("httpGet.port") else { continue }
                    if let name = port.stringValue, Int(name) == nil {
                        #expect(named[name] != nil, "\(deployment.name) \(probe) port \(name) is a declared port")
                    }
                }
                for mount in container["volumeMounts"]?.arrayValue ?? [] {
                    let volume = mount["name"]?.stringValue ?? ""
                    let volumes = spec?.at("template.spec.volumes")?.arrayValue ?? []
                    #expect(volumes.contains { $0["name"]?.stringValue == volume }, "\(deployment.name): volume \(volume) is declared")
                }
            }
            for volume in spec?.at("template.spec.volumes")?.arrayValue ?? [] {
                if let map = volume.at("configMap.name")?.stringValue {
                    #expect(configMaps.contains(map) || generated.contains(map), "\(deployment.name): ConfigMap \(map) exists")
                }
            }
        }

        // Every Service selects exactly one Deployment's pods and targets a declared port.
        for service in manifests.filter({ $0.kind == "Service" }) {
            let selector = service.document.at("spec.selector")?.objectValue ?? [:]
            let matching = deployments.filter { deployment in
                let labels = deployment.document.at("spec.template.metadata.labels")?.objectValue ?? [:]
                return !selector.isEmpty && selector.allSatisfy { labels[$0.key] == $0.value }
            }
            #expect(matching.count == 1, "Service \(service.name) selects \(matching.map(\.name))")
            guard let deployment = matching.first else { continue }
            #expect(deployment.name == service.name, "Service and Deployment share the name \(service.name)")
            let containerPorts = (deployment.document.at("spec.template.spec.containers")?.arrayValue ?? []).flatMap { $0["ports"]?.arrayValue ?? [] }
            for port in service.document.at("spec.ports")?.arrayValue ?? [] {
                let target = port["targetPort"]
                let found = containerPorts.contains { $0["name"] == target || $0["containerPort"]?.intValue == target?.intValue }
                #expect(found, "Service \(service.name) targets a port of \(deployment.name)")
                if let expected = Self.ports[service.name] {
                    #expect(port["port"]?.intValue == expected, "Service \(service.name) port \(expected)")
                }
            }
        }

        // The trainer's autoscaler targets its Deployment.
        let hpas = manifests.filter { $0.kind == "HorizontalPodAutoscaler" }
        for hpa in hpas {
            let target = hpa.document.at("spec.scaleTargetRef")
            #expect(target?["kind"]?.stringValue == "Deployment")
            #expect(deployments.contains { $0.name == target?["name"]?.stringValue }, "HPA \(hpa.name) targets an existing Deployment")
            let low = hpa.document.at("spec.minReplicas")?.intValue ?? 0
            let high = hpa.document.at("spec.maxReplicas")?.intValue ?? 0
            #expect(low >= 2 && low <= high, "HPA \(hpa.name): \(low)…\(high)")
        }
        #expect(hpas.contains { $0.document.at("spec.scaleTargetRef.name")?.stringValue == "trainer-service" })

        // Each trainer pod is its own queue consumer.
        let trainerEnv =
            deployments.first { $0.name == "trainer-service" }?.document.at("spec.template.spec.containers")?.arrayValue?.first?["env"]?.arrayValue
            ?? []
        #expect(
            trainerEnv.contains {
                $0["name"]?.stringValue == "QUERENT_TRAINER_NAME" && $0.at("valueFrom.fieldRef.fieldPath")?.stringValue == "metadata.name"
            }
        )

        // The secret template has every secret a service needs.
        for key in ["QUERENT_METADATA_URL", "REDIS_URL", "QUERENT_SECRET_KEY", "QUERENT_JWT_SECRET"] {
            #expect(secretKeys.contains(key), "secret.example.yaml has \(key)")
        }

        // The gateway's Kubernetes upstreams name the Services and their ports.
        let upstreams = try Repository.text("deploy/k8s/gateway/querent-upstreams.conf")
        for (name, port) in Self.ports {
            #expect(upstreams.contains("server \(name):\(port);"), "k8s upstream of \(name)")
        }
        let gateway = deployments.first { $0.name == "gateway" }
        let mounts = (gateway?.document.at("spec.template.spec.containers")?.arrayValue?.first?["volumeMounts"]?.arrayValue ?? []).compactMap {
            $0["subPath"]?.stringValue
        }
        #expect(
            Set(mounts) == ["nginx.conf", "querent-upstreams.conf", "querent-listen.conf"],
            "the gateway mounts the routing file and its includes"
        )
    }
}
