#!/usr/bin/env python3
"""Embeds proto-docs/openapi.yaml, as JSON, into the services (GET /openapi.json).

    python3 proto-docs/generate-openapi-json.py      # needs PyYAML

Writes Shared/QuerentHTTP/Generated/OpenAPIDocumentContents.swift. The contract test
(Tests/DeploymentTests/ContractTests.swift) fails while the embedded copy differs from the
YAML, and `QUERENT_UPDATE_CONTRACT=1 swift test --filter ContractTests` rewrites it too.
"""
import json
import pathlib
import sys

import yaml

root = pathlib.Path(__file__).resolve().parent.parent
document = yaml.safe_load((root / "proto-docs" / "openapi.yaml").read_text(encoding="utf-8"))
text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False)
if '"##' in text:
    sys.exit("the document contains '\"##', which would end the Swift raw string")
swift = (
    "// Generated from proto-docs/openapi.yaml by proto-docs/generate-openapi-json.py\n"
    "// (or QUERENT_UPDATE_CONTRACT=1 swift test --filter ContractTests). Do not edit.\n"
    "\n"
    "enum OpenAPIDocumentContents {\n"
    "    static let json = ##\"\"\"\n"
    + text
    + "\n\"\"\"##\n"
    "}\n"
)
(root / "Shared" / "QuerentHTTP" / "Generated" / "OpenAPIDocumentContents.swift").write_text(swift, encoding="utf-8")
print("wrote Shared/QuerentHTTP/Generated/OpenAPIDocumentContents.swift")
