// Generated from proto-docs/openapi.yaml by proto-docs/generate-openapi-json.py
// (or QUERENT_UPDATE_CONTRACT=1 swift test --filter ContractTests). Do not edit.

enum OpenAPIDocumentContents {
    static let json = ##"""
        {
         "components": {
          "parameters": {
           "ExampleId": {
            "description": "Id of a taught example of the source (`TaughtExample.id`).",
            "example": "3c2b7f4e-8a1d-4e6b-9f20-5d7c1a0b9e33",
            "in": "path",
            "name": "exampleId",
            "required": true,
            "schema": {
             "minLength": 1,
             "type": "string"
            }
           },
           "HistoryId": {
            "description": "Id of a history entry of the source (`QueryHistoryEntry.id`); anything but a positive integer answers 404.",
            "example": 42,
            "in": "path",
            "name": "historyId",
            "required": true,
            "schema": {
             "format": "int64",
             "minimum": 1,
             "type": "integer"
            }
           },
           "SourceId": {
            "description": "Id of a source of the caller's tenant.",
            "example": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
            "in": "path",
            "name": "sourceId",
            "required": true,
            "schema": {
             "minLength": 1,
             "type": "string"
            }
           },
           "TableName": {
            "description": "Canonical table name (`orders`, `sales.orders`), percent-encoded; at most 512 characters, no NUL.",
            "example": "orders",
            "in": "path",
            "name": "tableName",
            "required": true,
            "schema": {
             "maxLength": 512,
             "minLength": 1,
             "pattern": "^[^\\x00]*$",
             "type": "string"
            }
           },
           "TermId": {
            "description": "Id of a glossary term of the source (`GlossaryTerm.id`).",
            "example": "71d0e2a9-5c3b-4b8e-a1f6-0d9c8b7a6e54",
            "in": "path",
            "name": "termId",
            "required": true,
            "schema": {
             "minLength": 1,
             "type": "string"
            }
           }
          },
          "responses": {
           "BadRequest": {
            "content": {
             "application/json": {
              "example": {
               "error": {
                "code": "bad_request",
                "message": "'dialect' must be one of postgres, sqlite, mysql"
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "Malformed JSON, missing or invalid fields or parameters."
           },
           "Conflict": {
            "content": {
             "application/json": {
              "example": {
               "error": {
                "code": "conflict",
                "message": "a source with this name already exists"
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "The resource already exists."
           },
           "ConnectionFailed": {
            "content": {
             "application/json": {
              "example": {
               "error": {
                "code": "connection_failed",
                "message": "could not connect to db.internal:5432: connection refused"
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "The customer database could not be reached or refused the credentials."
           },
           "DatabaseProblem": {
            "content": {
             "application/json": {
              "examples": {
               "connectionFailed": {
                "value": {
                 "error": {
                  "code": "connection_failed",
                  "message": "could not connect to db.internal:5432: connection refused"
                 }
                }
               },
               "databaseError": {
                "value": {
                 "error": {
                  "code": "database_error",
                  "message": "relation \"orders\" does not exist"
                 }
                }
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "The customer database could not be reached (`connection_failed`) or answered with an error (`database_error`); or the request names a generator this server has not configured (`generator_unavailable`)."
           },
           "InternalError": {
            "content": {
             "application/json": {
              "example": {
               "error": {
                "code": "internal_error",
                "message": "internal error"
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "Anything else; the message is generic."
           },
           "NotFound": {
            "content": {
             "application/json": {
              "example": {
               "error": {
                "code": "not_found",
                "message": "source not found"
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "No such source or table for this tenant."
           },
           "PayloadTooLarge": {
            "content": {
             "application/json": {
              "example": {
               "error": {
                "code": "content_too_large",
                "message": "the request body is over 1048576 bytes"
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "The request body is over the limit (1 MiB unless `QUERENT_MAX_BODY_BYTES` says otherwise; 1 MiB at the gateway)."
           },
           "SQLRejected": {
            "content": {
             "application/json": {
              "examples": {
               "connectionFailed": {
                "value": {
                 "error": {
                  "code": "connection_failed",
                  "message": "could not connect to db.internal:5432: connection refused"
                 }
                }
               },
               "databaseError": {
                "value": {
                 "error": {
                  "code": "database_error",
                  "message": "the SQL failed on the database: column \"statuz\" does not exist"
                 }
                }
               },
               "unsafeQuery": {
                "value": {
                 "error": {
                  "code": "unsafe_query",
                  "message": "table 'payments' is not one of the trained tables this query may read"
                 }
                }
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "The request is well-formed but cannot be processed as it stands\n(`unprocessable_content`): feedback on hand-written SQL, an up-vote of\nan answer that failed, a source without trained tables or already\nholding 5,000 examples or 1,000 terms, glossary SQL naming an unknown\nor untrained table or column or none of the four forms, or a term\ngiven twice. Or the SQL given to be taught was refused by the safety gate\n(`unsafe_query`: not one read-only `SELECT`/`WITH … SELECT`, or it\nreads a table that is not trained), failed when it was run once\n(`database_error`, a query past its time limit included), or the\ncustomer database could not be reached (`connection_failed`). Nothing\nwas stored.\n"
           },
           "Timeout": {
            "content": {
             "application/json": {
              "example": {
               "error": {
                "code": "timeout",
                "message": "the query exceeded its time limit"
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "The customer database or a request deadline ran out of time."
           },
           "TooManyRequests": {
            "content": {
             "application/json": {
              "example": {
               "error": {
                "code": "too_many_requests",
                "message": "too many requests for this tenant; retry in 12 s"
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "The tenant made more questions, SQL or chat requests (one bucket), or training requests (another), than its rate allows (`too_many_requests`).",
            "headers": {
             "Retry-After": {
              "description": "Seconds until the next request of this kind is allowed.",
              "schema": {
               "minimum": 1,
               "type": "integer"
              }
             }
            }
           },
           "Unauthorized": {
            "content": {
             "application/json": {
              "example": {
               "error": {
                "code": "unauthorized",
                "message": "token expired"
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "Missing, malformed, expired or wrongly signed bearer token."
           },
           "Unavailable": {
            "content": {
             "application/json": {
              "example": {
               "error": {
                "code": "unavailable",
                "message": "the upstream service is unavailable"
               }
              },
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "description": "A dependency (metadata store, Redis, or the upstream service behind the gateway) is unavailable.",
            "headers": {
             "Retry-After": {
              "description": "Seconds to wait before retrying (set by the gateway).",
              "schema": {
               "type": "integer"
              }
             }
            }
           }
          },
          "schemas": {
           "AddExampleRequest": {
            "properties": {
             "question": {
              "maxLength": 2000,
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": "string"
             },
             "sql": {
              "description": "One read-only `SELECT`/`WITH … SELECT` over trained tables, 1 to 100,000 bytes.",
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": "string"
             }
            },
            "required": [
             "question",
             "sql"
            ],
            "type": "object"
           },
           "AddGlossaryTermRequest": {
            "properties": {
             "definition": {
              "maxLength": 2000,
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": "string"
             },
             "sql": {
              "description": "An aggregate, a condition, a table or a `table.column` of one trained table, qualified by its name; absent, null or blank for none.",
              "maxLength": 2000,
              "pattern": "^[^\\x00]*$",
              "type": [
               "string",
               "null"
              ]
             },
             "term": {
              "maxLength": 100,
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": "string"
             }
            },
            "required": [
             "term",
             "definition"
            ],
            "type": "object"
           },
           "AnswerFeedback": {
            "description": "A user's verdict on a recorded answer.",
            "properties": {
             "at": {
              "description": "When it was given.",
              "format": "date-time",
              "type": "string"
             },
             "example_id": {
              "description": "The example the feedback stored (an up-vote or a correction); absent for a bare down-vote.",
              "type": [
               "string",
               "null"
              ]
             },
             "sql": {
              "description": "The corrected SQL of a down-vote, when one was given.",
              "type": [
               "string",
               "null"
              ]
             },
             "verdict": {
              "enum": [
               "up",
               "down"
              ],
              "type": "string"
             }
            },
            "required": [
             "verdict",
             "at"
            ],
            "type": "object"
           },
           "ChatRequest": {
            "properties": {
             "generator": {
              "description": "As on the query route.",
              "enum": [
               "builtin",
               "llm",
               "hybrid",
               null
              ],
              "type": [
               "string",
               "null"
              ]
             },
             "max_tables": {
              "description": "As on the query route.",
              "maximum": 100,
              "minimum": 1,
              "type": [
               "integer",
               "null"
              ]
             },
             "message": {
              "maxLength": 2000,
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": "string"
             },
             "source_id": {
              "description": "The source to ask; absent or null for the tenant's only or most recent one.",
              "type": [
               "string",
               "null"
              ]
             }
            },
            "required": [
             "message"
            ],
            "type": "object"
           },
           "ChatStreamEvent": {
            "description": "One event of the chat's Server-Sent Events stream (the schema of each event, as OpenAPI 3.2's `itemSchema` has it); `data` is the JSON the operation describes for its kind.",
            "properties": {
             "data": {
              "contentMediaType": "application/json",
              "type": "string"
             },
             "event": {
              "enum": [
               "sql",
               "rows",
               "token",
               "done",
               "error"
              ],
              "type": "string"
             },
             "id": {
              "type": "string"
             },
             "retry": {
              "minimum": 0,
              "type": "integer"
             }
            },
            "required": [
             "event",
             "data"
            ],
            "type": "object"
           },
           "ColumnSchema": {
            "properties": {
             "default": {
              "description": "Default expression.",
              "type": [
               "string",
               "null"
              ]
             },
             "description": {
              "type": [
               "string",
               "null"
              ]
             },
             "foreign_key": {
              "oneOf": [
               {
                "$ref": "#/components/schemas/ForeignKeyReference"
               },
               {
                "type": "null"
               }
              ]
             },
             "name": {
              "type": "string"
             },
             "nullable": {
              "type": "boolean"
             },
             "primary_key": {
              "type": "boolean"
             },
             "type": {
              "description": "Declared type as the database prints it.",
              "type": "string"
             }
            },
            "required": [
             "name",
             "type",
             "nullable",
             "primary_key"
            ],
            "type": "object"
           },
           "Connection": {
            "description": "Either a string — a Postgres URL (`postgres://user:pass@host:5432/db`) or\nlibpq `key=value` conninfo; a MySQL/MariaDB URL\n(`mysql://user:pass@host:3306/db?sslmode=require`) or `key=value` pairs\n(`host=… port=… user=… password=… dbname=… sslmode=…`); or a SQLite file\npath — or an object with discrete fields. Write-only: never returned.\n",
            "oneOf": [
             {
              "minLength": 1,
              "type": "string"
             },
             {
              "$ref": "#/components/schemas/PostgresConnection"
             },
             {
              "$ref": "#/components/schemas/SQLiteConnection"
             }
            ],
            "writeOnly": true
           },
           "ConnectionOfTheDialect": {
            "description": "A connection given as an object has the fields of its dialect (`400` otherwise).",
            "else": {
             "properties": {
              "connection": {
               "oneOf": [
                {
                 "minLength": 1,
                 "type": "string"
                },
                {
                 "$ref": "#/components/schemas/PostgresConnection"
                }
               ]
              }
             }
            },
            "if": {
             "properties": {
              "dialect": {
               "const": "sqlite"
              }
             },
             "required": [
              "dialect"
             ]
            },
            "then": {
             "properties": {
              "connection": {
               "oneOf": [
                {
                 "minLength": 1,
                 "type": "string"
                },
                {
                 "$ref": "#/components/schemas/SQLiteConnection"
                }
               ]
              }
             }
            }
           },
           "CreateSourceRequest": {
            "allOf": [
             {
              "$ref": "#/components/schemas/ConnectionOfTheDialect"
             }
            ],
            "properties": {
             "connection": {
              "$ref": "#/components/schemas/Connection"
             },
             "dialect": {
              "$ref": "#/components/schemas/Dialect"
             },
             "name": {
              "description": "Trimmed; no NUL character.",
              "maxLength": 200,
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": "string"
             }
            },
            "required": [
             "name",
             "dialect",
             "connection"
            ],
            "type": "object"
           },
           "DatabaseContext": {
            "properties": {
             "dialect": {
              "$ref": "#/components/schemas/Dialect"
             },
             "examples": {
              "description": "The trained examples, oldest first.",
              "items": {
               "$ref": "#/components/schemas/KnowledgeExample"
              },
              "type": "array"
             },
             "glossary": {
              "description": "The glossary.",
              "items": {
               "$ref": "#/components/schemas/KnowledgeTerm"
              },
              "type": "array"
             },
             "instructions": {
              "description": "The instructions for the LLM generator, when set.",
              "type": [
               "string",
               "null"
              ]
             },
             "source_id": {
              "type": "string"
             },
             "source_name": {
              "type": "string"
             },
             "tables": {
              "additionalProperties": {
               "type": "string"
              },
              "description": "Trained table name to its business context.",
              "type": "object"
             }
            },
            "required": [
             "source_id",
             "source_name",
             "dialect",
             "tables",
             "examples",
             "glossary"
            ],
            "type": "object"
           },
           "DatabaseSource": {
            "properties": {
             "agent_id": {
              "type": "string"
             },
             "connection_summary": {
              "description": "Display form of the connection without the password.",
              "type": "string"
             },
             "created_at": {
              "format": "date-time",
              "type": "string"
             },
             "dialect": {
              "$ref": "#/components/schemas/Dialect"
             },
             "id": {
              "type": "string"
             },
             "last_schema_update": {
              "format": "date-time",
              "type": [
               "string",
               "null"
              ]
             },
             "name": {
              "type": "string"
             },
             "trained_tables": {
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "user_id": {
              "type": "string"
             }
            },
            "required": [
             "id",
             "name",
             "dialect",
             "connection_summary",
             "user_id",
             "agent_id",
             "trained_tables",
             "created_at"
            ],
            "type": "object"
           },
           "Dialect": {
            "description": "`mysql` covers MySQL and MariaDB.",
            "enum": [
             "postgres",
             "sqlite",
             "mysql"
            ],
            "type": "string"
           },
           "Dimension": {
            "description": "A column to group or filter by.",
            "properties": {
             "column": {
              "type": "string"
             },
             "grains": {
              "description": "The grains a time dimension can be grouped by; empty otherwise.",
              "items": {
               "enum": [
                "day",
                "week",
                "month",
                "quarter",
                "year"
               ],
               "type": "string"
              },
              "type": "array"
             },
             "kind": {
              "enum": [
               "categorical",
               "boolean",
               "time"
              ],
              "type": "string"
             },
             "synonyms": {
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "table": {
              "type": "string"
             }
            },
            "required": [
             "table",
             "column",
             "kind",
             "grains",
             "synonyms"
            ],
            "type": "object"
           },
           "Entity": {
            "description": "The meaning of one trained table.",
            "properties": {
             "current_when_null": {
              "description": "Nullable date columns that mark the end of a row's life (`termination_date`, `effective_to`): \"current\" rows have them all NULL.",
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "display": {
              "description": "The columns that show one row to a person, in order; empty when the table has none.",
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "hidden": {
              "description": "Columns generated answers must not show, from the edits.",
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "is_bridge": {
              "description": "A table that only links two others (many-to-many).",
              "type": "boolean"
             },
             "is_person": {
              "description": "People (customers, employees…): \"who\" questions name them by their display columns.",
              "type": "boolean"
             },
             "key": {
              "description": "The primary-key columns.",
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "label": {
              "description": "A readable singular label (\"order item\" for `order_items`).",
              "type": "string"
             },
             "synonyms": {
              "description": "Other words for the entity, from the edits.",
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "table": {
              "description": "Canonical table name.",
              "type": "string"
             }
            },
            "required": [
             "table",
             "label",
             "display",
             "key",
             "is_person",
             "is_bridge",
             "synonyms",
             "hidden",
             "current_when_null"
            ],
            "type": "object"
           },
           "Error": {
            "additionalProperties": false,
            "properties": {
             "error": {
              "$ref": "#/components/schemas/ErrorBody"
             }
            },
            "required": [
             "error"
            ],
            "type": "object"
           },
           "ErrorBody": {
            "properties": {
             "code": {
              "description": "Stable error code: bad_request, unauthorized, not_found, conflict,\nconnection_failed, database_error, unsafe_query, timeout,\nunavailable, internal_error. The list may grow; treat an unknown\ncode by its HTTP status.\n",
              "examples": [
               "bad_request",
               "not_found",
               "unsafe_query"
              ],
              "type": "string"
             },
             "message": {
              "description": "Safe to show; never contains credentials.",
              "type": "string"
             }
            },
            "required": [
             "code",
             "message"
            ],
            "type": "object"
           },
           "ExampleList": {
            "properties": {
             "examples": {
              "items": {
               "$ref": "#/components/schemas/TaughtExample"
              },
              "type": "array"
             }
            },
            "required": [
             "examples"
            ],
            "type": "object"
           },
           "FeedbackRequest": {
            "properties": {
             "sql": {
              "description": "With `down` only: the corrected SQL (1 to 100,000 bytes), checked and run once. Ignored with `up`.",
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": [
               "string",
               "null"
              ]
             },
             "verdict": {
              "description": "`up`: the answer is right (it must have run). `down`: it is wrong; with `sql`, that SQL is the right answer.",
              "enum": [
               "up",
               "down"
              ],
              "type": "string"
             }
            },
            "required": [
             "verdict"
            ],
            "type": "object"
           },
           "ForeignKeyReference": {
            "properties": {
             "references_column": {
              "type": "string"
             },
             "references_table": {
              "type": "string"
             }
            },
            "required": [
             "references_table",
             "references_column"
            ],
            "type": "object"
           },
           "GlossaryList": {
            "properties": {
             "glossary": {
              "items": {
               "$ref": "#/components/schemas/GlossaryTerm"
              },
              "type": "array"
             }
            },
            "required": [
             "glossary"
            ],
            "type": "object"
           },
           "GlossaryTerm": {
            "description": "A word of the source's business vocabulary, in words and optionally as SQL.",
            "properties": {
             "created_at": {
              "format": "date-time",
              "type": "string"
             },
             "definition": {
              "description": "What it means, in words.",
              "type": "string"
             },
             "id": {
              "description": "A lower-case UUID.",
              "type": "string"
             },
             "source_id": {
              "type": "string"
             },
             "sql": {
              "description": "What it stands for in SQL, qualified by table names: an aggregate (a measure), a condition (a named filter), a table or `table.column` (a synonym); absent for a definition in words only.",
              "type": [
               "string",
               "null"
              ]
             },
             "term": {
              "description": "The term as the user writes it; unique per source, ignoring case and spacing.",
              "type": "string"
             }
            },
            "required": [
             "id",
             "source_id",
             "term",
             "definition",
             "created_at"
            ],
            "type": "object"
           },
           "HealthStatus": {
            "properties": {
             "checks": {
              "additionalProperties": {
               "type": "string"
              },
              "description": "Per dependency: `ok`, or `unavailable: <reason>`.",
              "type": "object"
             },
             "service": {
              "description": "schema-service, trainer-service, query-service or querent (absent for the gateway's /health).",
              "type": "string"
             },
             "status": {
              "enum": [
               "ok",
               "unavailable"
              ],
              "type": "string"
             }
            },
            "required": [
             "status"
            ],
            "type": "object"
           },
           "IndexSchema": {
            "properties": {
             "columns": {
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "definition": {
              "type": [
               "string",
               "null"
              ]
             },
             "name": {
              "type": "string"
             },
             "primary": {
              "type": "boolean"
             },
             "unique": {
              "type": "boolean"
             }
            },
            "required": [
             "name",
             "columns",
             "unique",
             "primary"
            ],
            "type": "object"
           },
           "Instructions": {
            "properties": {
             "instructions": {
              "description": "Free text for the LLM generator's prompt; `\"\"` for none.",
              "maxLength": 10000,
              "pattern": "^[^\\x00]*$",
              "type": "string"
             }
            },
            "required": [
             "instructions"
            ],
            "type": "object"
           },
           "KnowledgeExample": {
            "description": "One example of the knowledge document (and of the schema context).",
            "properties": {
             "question": {
              "maxLength": 2000,
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": "string"
             },
             "sql": {
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": "string"
             }
            },
            "required": [
             "question",
             "sql"
            ],
            "type": "object"
           },
           "KnowledgeTerm": {
            "description": "One glossary term of the knowledge document (and of the schema context).",
            "properties": {
             "definition": {
              "maxLength": 2000,
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": "string"
             },
             "sql": {
              "maxLength": 2000,
              "pattern": "^[^\\x00]*$",
              "type": [
               "string",
               "null"
              ]
             },
             "term": {
              "maxLength": 100,
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": "string"
             }
            },
            "required": [
             "term",
             "definition"
            ],
            "type": "object"
           },
           "Link": {
            "description": "One join between two tables.",
            "properties": {
             "columns": {
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "inferred": {
              "description": "No foreign key is declared; the join was inferred from names and types.",
              "type": "boolean"
             },
             "references_columns": {
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "references_table": {
              "type": "string"
             },
             "role": {
              "description": "What the referenced row is to the referencing one, for a self-reference or one of several links to one table (\"manager\").",
              "type": [
               "string",
               "null"
              ]
             },
             "table": {
              "type": "string"
             }
            },
            "required": [
             "table",
             "columns",
             "references_table",
             "references_columns",
             "inferred"
            ],
            "type": "object"
           },
           "Measure": {
            "description": "A number worth aggregating.",
            "properties": {
             "aggregation": {
              "description": "Used when a question names the measure without an aggregation.",
              "enum": [
               "sum",
               "avg",
               "min",
               "max",
               "count"
              ],
              "type": "string"
             },
             "expression": {
              "$ref": "#/components/schemas/MeasureExpression"
             },
             "kind": {
              "description": "What the number counts: a price is averaged, never summed, unless multiplied by a quantity.",
              "enum": [
               "amount",
               "price",
               "quantity",
               "duration",
               "score",
               "number"
              ],
              "type": "string"
             },
             "name": {
              "description": "The column name, or a derived name (`line_total`).",
              "type": "string"
             },
             "synonyms": {
              "description": "Words a question may use for the measure.",
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "table": {
              "type": "string"
             },
             "unit": {
              "description": "The unit of a duration (`seconds`, `milliseconds`…).",
              "type": [
               "string",
               "null"
              ]
             }
            },
            "required": [
             "name",
             "table",
             "expression",
             "aggregation",
             "kind",
             "synonyms"
            ],
            "type": "object"
           },
           "MeasureEdit": {
            "description": "A change to the measure `name` of `table`, or a new measure (then `expression` is needed).",
            "properties": {
             "aggregation": {
              "enum": [
               "sum",
               "avg",
               "min",
               "max",
               "count",
               null
              ],
              "type": [
               "string",
               "null"
              ]
             },
             "expression": {
              "description": "Column names and numbers joined by `+`, `-` and `*` (`quantity * unit_price`).",
              "type": [
               "string",
               "null"
              ]
             },
             "name": {
              "type": "string"
             },
             "table": {
              "type": "string"
             },
             "unit": {
              "type": [
               "string",
               "null"
              ]
             }
            },
            "required": [
             "table",
             "name"
            ],
            "type": "object"
           },
           "MeasureExpression": {
            "description": "Columns of the measure's table and numbers joined by operators, `*` binding tighter than `+` and `-`.",
            "properties": {
             "operators": {
              "description": "One fewer than `terms`.",
              "items": {
               "enum": [
                "*",
                "+",
                "-"
               ],
               "type": "string"
              },
              "type": "array"
             },
             "terms": {
              "items": {
               "description": "A column or a number.",
               "properties": {
                "column": {
                 "type": "string"
                },
                "number": {
                 "type": "number"
                }
               },
               "type": "object"
              },
              "minItems": 1,
              "type": "array"
             }
            },
            "required": [
             "terms",
             "operators"
            ],
            "type": "object"
           },
           "NamedFilter": {
            "description": "A condition on one table that a glossary term names; the term (or its words) in a question adds the condition to the answer's filters.",
            "properties": {
             "condition": {
              "description": "The condition, with columns qualified by the table (`customers.status = 'active'`).",
              "type": "string"
             },
             "table": {
              "description": "The table the condition is on.",
              "type": "string"
             },
             "term": {
              "description": "The glossary term.",
              "type": "string"
             }
            },
            "required": [
             "term",
             "table",
             "condition"
            ],
            "type": "object"
           },
           "PostgresConnection": {
            "additionalProperties": false,
            "properties": {
             "database": {
              "type": "string"
             },
             "host": {
              "type": "string"
             },
             "password": {
              "type": "string",
              "writeOnly": true
             },
             "port": {
              "default": 5432,
              "maximum": 65535,
              "minimum": 1,
              "type": "integer"
             },
             "sslmode": {
              "enum": [
               "disable",
               "allow",
               "prefer",
               "require",
               "verify-ca",
               "verify-full"
              ],
              "type": "string"
             },
             "user": {
              "type": "string"
             }
            },
            "required": [
             "host",
             "database"
            ],
            "type": "object"
           },
           "QueryAnswer": {
            "properties": {
             "generation": {
              "$ref": "#/components/schemas/SQLGenerationResult"
             },
             "history_id": {
              "description": "The history entry that records this answer: what `…/query-history/{historyId}/feedback` names.",
              "format": "int64",
              "type": "integer"
             },
             "result": {
              "description": "Absent when the SQL was not executed.",
              "oneOf": [
               {
                "$ref": "#/components/schemas/QueryExecutionResult"
               },
               {
                "type": "null"
               }
              ]
             },
             "retrieved": {
              "description": "The trained tables retrieval offered the generator, most relevant first, with their scores and why each was chosen.",
              "items": {
               "$ref": "#/components/schemas/RetrievedTable"
              },
              "type": "array"
             }
            },
            "required": [
             "generation",
             "retrieved"
            ],
            "type": "object"
           },
           "QueryExecutionResult": {
            "properties": {
             "columns": {
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "data": {
              "description": "Rows as objects, column name to value.",
              "items": {
               "additionalProperties": true,
               "type": "object"
              },
              "maxItems": 1000,
              "type": "array"
             },
             "error": {
              "type": [
               "string",
               "null"
              ]
             },
             "execution_time_ms": {
              "minimum": 0,
              "type": "number"
             },
             "generated_sql": {
              "type": "string"
             },
             "row_count": {
              "minimum": 0,
              "type": "integer"
             },
             "success": {
              "type": "boolean"
             },
             "table_used": {
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "truncated": {
              "description": "More than 1000 rows existed; the rest were cut.",
              "type": "boolean"
             }
            },
            "required": [
             "success",
             "data",
             "columns",
             "row_count",
             "truncated",
             "execution_time_ms",
             "generated_sql",
             "table_used"
            ],
            "type": "object"
           },
           "QueryHistoryEntry": {
            "properties": {
             "agent_id": {
              "type": "string"
             },
             "confidence": {
              "type": [
               "number",
               "null"
              ]
             },
             "created_at": {
              "format": "date-time",
              "type": "string"
             },
             "error": {
              "type": [
               "string",
               "null"
              ]
             },
             "execution_time_ms": {
              "type": "number"
             },
             "feedback": {
              "description": "The user's verdict on the answer, once given (`POST …/query-history/{historyId}/feedback`).",
              "oneOf": [
               {
                "$ref": "#/components/schemas/AnswerFeedback"
               },
               {
                "type": "null"
               }
              ]
             },
             "generator": {
              "description": "`builtin`, `llm`, `hybrid` or `sql` (hand-written).",
              "type": "string"
             },
             "id": {
              "description": "Increasing; also the pagination cursor.",
              "format": "int64",
              "type": "integer"
             },
             "question": {
              "description": "Absent for hand-written SQL.",
              "type": [
               "string",
               "null"
              ]
             },
             "row_count": {
              "type": "integer"
             },
             "source_id": {
              "type": "string"
             },
             "sql": {
              "type": "string"
             },
             "success": {
              "type": "boolean"
             },
             "user_id": {
              "type": "string"
             }
            },
            "required": [
             "id",
             "source_id",
             "user_id",
             "agent_id",
             "sql",
             "success",
             "row_count",
             "execution_time_ms",
             "generator",
             "created_at"
            ],
            "type": "object"
           },
           "QueryHistoryPage": {
            "properties": {
             "history": {
              "items": {
               "$ref": "#/components/schemas/QueryHistoryEntry"
              },
              "type": "array"
             },
             "next_cursor": {
              "description": "Pass as `cursor` for the next (older) page; absent on the last page.",
              "type": [
               "string",
               "null"
              ]
             }
            },
            "required": [
             "history"
            ],
            "type": "object"
           },
           "QueryRequest": {
            "properties": {
             "execute": {
              "default": true,
              "description": "false: generate and check the SQL only; absent or null: true.",
              "type": [
               "boolean",
               "null"
              ]
             },
             "generator": {
              "description": "`builtin`, or `llm` or `hybrid` when an LLM is configured (hybrid keeps a confident built-in answer and lets execution choose otherwise); the service default when absent or null. A generator this server has not configured answers `422 generator_unavailable`.",
              "enum": [
               "builtin",
               "llm",
               "hybrid",
               null
              ],
              "type": [
               "string",
               "null"
              ]
             },
             "max_tables": {
              "description": "The most tables retrieval offers, neighbours included (default 10). On a source of several unrelated schemas they all come from the best matching one, unless the question names another schema (`the hr schema`, `hr.employees`).",
              "maximum": 100,
              "minimum": 1,
              "type": [
               "integer",
               "null"
              ]
             },
             "question": {
              "maxLength": 2000,
              "minLength": 1,
              "pattern": "^[^\\x00]*[^\\x00\\s][^\\x00]*$",
              "type": "string"
             }
            },
            "required": [
             "question"
            ],
            "type": "object"
           },
           "Relationship": {
            "properties": {
             "columns": {
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "inferred": {
              "description": "Present (true) on a join no foreign key declares, inferred from the names and types of the source's trained tables (a `customer_id` column and a `customers` table with key `id`, in the same schema); absent on declared keys. Shown on trained tables, never stored.",
              "type": "boolean"
             },
             "name": {
              "type": [
               "string",
               "null"
              ]
             },
             "references_columns": {
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "references_table": {
              "type": "string"
             }
            },
            "required": [
             "columns",
             "references_table",
             "references_columns"
            ],
            "type": "object"
           },
           "RetrievedTable": {
            "properties": {
             "reason": {
              "description": "`lexical`: words of the question name it, its columns or comments (BM25 over the trained tables);\n`vector`: its schema document is among the closest to the question;\n`value`: a word of the question is one of its stored values;\n`foreign_key_neighbour`: a foreign key joins it to a chosen table;\n`inferred_join`: a join inferred from names and types (no foreign key declared) links it to a chosen table;\n`measure_path`: it holds the money measure asked for, or lies on the join path to it;\n`fallback`: nothing matched, the first trained table is offered.\n",
              "enum": [
               "lexical",
               "vector",
               "value",
               "foreign_key_neighbour",
               "inferred_join",
               "measure_path",
               "fallback"
              ],
              "type": "string"
             },
             "score": {
              "description": "How well it matches the question, 0 to 1: the lexical score and the vector similarity, each relative to the best table (0 for a table added for another reason).",
              "type": "number"
             },
             "table": {
              "description": "Canonical table name.",
              "type": "string"
             }
            },
            "required": [
             "table",
             "score",
             "reason"
            ],
            "type": "object"
           },
           "RunSQLRequest": {
            "properties": {
             "sql": {
              "minLength": 1,
              "pattern": "^[^\\x00]*$",
              "type": "string"
             }
            },
            "required": [
             "sql"
            ],
            "type": "object"
           },
           "SQLGenerationResult": {
            "properties": {
             "confidence": {
              "maximum": 1,
              "minimum": 0,
              "type": "number"
             },
             "estimated_rows": {
              "format": "int64",
              "type": [
               "integer",
               "null"
              ]
             },
             "explanation": {
              "type": "string"
             },
             "generator": {
              "description": "`builtin`, `llm` or `hybrid`.",
              "type": [
               "string",
               "null"
              ]
             },
             "safety_warnings": {
              "items": {
               "type": "string"
              },
              "type": [
               "array",
               "null"
              ]
             },
             "sql": {
              "description": "The SQL, or empty when the generator could not answer.",
              "type": "string"
             },
             "table_used": {
              "items": {
               "type": "string"
              },
              "type": "array"
             }
            },
            "required": [
             "sql",
             "confidence",
             "explanation",
             "table_used"
            ],
            "type": "object"
           },
           "SQLiteConnection": {
            "additionalProperties": false,
            "properties": {
             "path": {
              "description": "Absolute path of the database file as seen by the Querent services.",
              "minLength": 1,
              "type": "string"
             }
            },
            "required": [
             "path"
            ],
            "type": "object"
           },
           "SampleRows": {
            "properties": {
             "rows": {
              "items": {
               "additionalProperties": true,
               "type": "object"
              },
              "type": "array"
             }
            },
            "required": [
             "rows"
            ],
            "type": "object"
           },
           "SemanticModel": {
            "description": "What a source's trained tables mean to an analyst; derived by training, adjusted by the user's edits.",
            "properties": {
             "dimensions": {
              "description": "Columns to group or filter by.",
              "items": {
               "$ref": "#/components/schemas/Dimension"
              },
              "type": "array"
             },
             "entities": {
              "description": "One per trained table.",
              "items": {
               "$ref": "#/components/schemas/Entity"
              },
              "type": "array"
             },
             "filters": {
              "description": "Conditions the source's glossary names (\"active customer\" →\n`customers.status = 'active'`). The glossary is laid over the model\nthis route answers and the generators read (its aggregates as\nmeasures, its conditions as filters, its tables and columns as\nsynonyms). May be absent in models stored before glossaries existed.\n",
              "items": {
               "$ref": "#/components/schemas/NamedFilter"
              },
              "type": "array"
             },
             "measures": {
              "description": "Numeric columns, and expressions over one table's columns, worth aggregating.",
              "items": {
               "$ref": "#/components/schemas/Measure"
              },
              "type": "array"
             },
             "relationships": {
              "description": "The join graph.",
              "items": {
               "$ref": "#/components/schemas/Link"
              },
              "type": "array"
             },
             "source_id": {
              "type": "string"
             }
            },
            "required": [
             "source_id",
             "entities",
             "measures",
             "dimensions",
             "relationships"
            ],
            "type": "object"
           },
           "SemanticModelEdits": {
            "description": "The user's adjustments; every field is optional (absent or null leaves it as it is) and a PATCH merges them into the stored ones.",
            "properties": {
             "display": {
              "additionalProperties": {
               "items": {
                "type": "string"
               },
               "minItems": 1,
               "type": "array"
              },
              "description": "The columns that show a row of a table to a person, by table; not empty.",
              "type": [
               "object",
               "null"
              ]
             },
             "hidden": {
              "additionalProperties": {
               "items": {
                "type": "string"
               },
               "type": "array"
              },
              "description": "Columns generated answers must not show, by table.",
              "type": [
               "object",
               "null"
              ]
             },
             "measures": {
              "items": {
               "$ref": "#/components/schemas/MeasureEdit"
              },
              "type": [
               "array",
               "null"
              ]
             },
             "synonyms": {
              "additionalProperties": {
               "items": {
                "type": "string"
               },
               "type": "array"
              },
              "description": "Extra words, by table (`customers`) or by `table.column` / a measure's `table.name`; each 1 to 100 characters.",
              "type": [
               "object",
               "null"
              ]
             }
            },
            "type": "object"
           },
           "SourceKnowledge": {
            "description": "A source's teaching material as one document, without ids or states, to review in git and copy between sources or environments.",
            "properties": {
             "examples": {
              "items": {
               "$ref": "#/components/schemas/KnowledgeExample"
              },
              "maxItems": 5000,
              "type": "array"
             },
             "glossary": {
              "items": {
               "$ref": "#/components/schemas/KnowledgeTerm"
              },
              "maxItems": 1000,
              "type": "array"
             },
             "instructions": {
              "description": "Instructions for the LLM generator; absent, null or empty for none.",
              "maxLength": 10000,
              "pattern": "^[^\\x00]*$",
              "type": [
               "string",
               "null"
              ]
             },
             "version": {
              "const": 1,
              "description": "The document format.",
              "type": "integer"
             }
            },
            "required": [
             "version",
             "examples",
             "glossary"
            ],
            "type": "object"
           },
           "SourceList": {
            "properties": {
             "sources": {
              "items": {
               "$ref": "#/components/schemas/DatabaseSource"
              },
              "type": "array"
             }
            },
            "required": [
             "sources"
            ],
            "type": "object"
           },
           "TableKind": {
            "enum": [
             "table",
             "view",
             "materialized_view",
             "foreign_table"
            ],
            "type": "string"
           },
           "TableList": {
            "properties": {
             "tables": {
              "items": {
               "$ref": "#/components/schemas/TableSummary"
              },
              "type": "array"
             }
            },
            "required": [
             "tables"
            ],
            "type": "object"
           },
           "TableSchema": {
            "properties": {
             "business_description": {
              "description": "The user's own description.",
              "type": [
               "string",
               "null"
              ]
             },
             "columns": {
              "items": {
               "$ref": "#/components/schemas/ColumnSchema"
              },
              "type": "array"
             },
             "description": {
              "description": "Table comment.",
              "type": [
               "string",
               "null"
              ]
             },
             "indexes": {
              "items": {
               "$ref": "#/components/schemas/IndexSchema"
              },
              "type": "array"
             },
             "kind": {
              "$ref": "#/components/schemas/TableKind"
             },
             "relationships": {
              "items": {
               "$ref": "#/components/schemas/Relationship"
              },
              "type": "array"
             },
             "row_estimate": {
              "format": "int64",
              "type": [
               "integer",
               "null"
              ]
             },
             "sample_data": {
              "description": "Up to three rows, column name to value.",
              "items": {
               "additionalProperties": true,
               "type": "object"
              },
              "maxItems": 3,
              "type": [
               "array",
               "null"
              ]
             },
             "schema_name": {
              "type": [
               "string",
               "null"
              ]
             },
             "source_id": {
              "type": "string"
             },
             "table_name": {
              "type": "string"
             },
             "unique_constraints": {
              "items": {
               "$ref": "#/components/schemas/UniqueConstraint"
              },
              "type": "array"
             },
             "value_profile": {
              "additionalProperties": {
               "items": {
                "type": "string"
               },
               "type": "array"
              },
              "description": "Set by training; distinct values of low-cardinality text columns, by column.",
              "type": [
               "object",
               "null"
              ]
             }
            },
            "required": [
             "source_id",
             "table_name",
             "kind",
             "columns",
             "relationships",
             "indexes",
             "unique_constraints"
            ],
            "type": "object"
           },
           "TableSchemaRecord": {
            "description": "A row of `database_table_schemas`.",
            "properties": {
             "business_context": {
              "type": "string"
             },
             "created_at": {
              "format": "date-time",
              "type": "string"
             },
             "created_by": {
              "type": "string"
             },
             "is_trained": {
              "type": "boolean"
             },
             "schema_data": {
              "$ref": "#/components/schemas/TableSchema"
             },
             "source_id": {
              "type": "string"
             },
             "table_name": {
              "type": "string"
             },
             "updated_at": {
              "format": "date-time",
              "type": "string"
             },
             "updated_by": {
              "type": "string"
             }
            },
            "required": [
             "source_id",
             "table_name",
             "schema_data",
             "business_context",
             "is_trained",
             "created_at",
             "updated_at"
            ],
            "type": "object"
           },
           "TableSchemaResponse": {
            "properties": {
             "business_context": {
              "type": "string"
             },
             "is_trained": {
              "type": "boolean"
             },
             "schema": {
              "$ref": "#/components/schemas/TableSchema"
             },
             "updated_at": {
              "format": "date-time",
              "type": "string"
             }
            },
            "required": [
             "schema",
             "business_context",
             "is_trained",
             "updated_at"
            ],
            "type": "object"
           },
           "TableSummary": {
            "properties": {
             "kind": {
              "$ref": "#/components/schemas/TableKind"
             },
             "name": {
              "description": "Canonical name, usable in routes.",
              "type": "string"
             },
             "row_estimate": {
              "format": "int64",
              "type": [
               "integer",
               "null"
              ]
             },
             "schema": {
              "type": [
               "string",
               "null"
              ]
             },
             "trained": {
              "type": "boolean"
             }
            },
            "required": [
             "name",
             "kind",
             "trained"
            ],
            "type": "object"
           },
           "TaughtExample": {
            "description": "A verified question → SQL pair taught to a source (`POST …/examples`, an up-vote, or a corrected down-vote). Both generators answer its paraphrases with its SQL once it is trained.",
            "properties": {
             "created_at": {
              "format": "date-time",
              "type": "string"
             },
             "created_by": {
              "description": "The user who taught it.",
              "type": "string"
             },
             "error": {
              "description": "Why training failed, when it did.",
              "type": [
               "string",
               "null"
              ]
             },
             "history_id": {
              "description": "The history entry whose feedback made it (`upvote`, `correction`).",
              "format": "int64",
              "type": [
               "integer",
               "null"
              ]
             },
             "id": {
              "description": "A lower-case UUID.",
              "type": "string"
             },
             "origin": {
              "description": "`taught`: posted to `…/examples` or imported with `…/knowledge`; `upvote`: an up-voted answer from the history; `correction`: the corrected SQL of a down-voted answer.",
              "enum": [
               "taught",
               "upvote",
               "correction"
              ],
              "type": "string"
             },
             "question": {
              "description": "The question, as taught (1 to 2,000 characters).",
              "type": "string"
             },
             "source_id": {
              "type": "string"
             },
             "sql": {
              "description": "The SQL that answers it, checked by the safety gate and run once before it was stored.",
              "type": "string"
             },
             "state": {
              "description": "Training state; only trained examples are retrieved for questions.",
              "enum": [
               "queued",
               "trained",
               "failed"
              ],
              "type": "string"
             }
            },
            "required": [
             "id",
             "source_id",
             "question",
             "sql",
             "origin",
             "state",
             "created_by",
             "created_at"
            ],
            "type": "object"
           },
           "TestConnectionRequest": {
            "allOf": [
             {
              "$ref": "#/components/schemas/ConnectionOfTheDialect"
             }
            ],
            "properties": {
             "connection": {
              "$ref": "#/components/schemas/Connection"
             },
             "dialect": {
              "$ref": "#/components/schemas/Dialect"
             }
            },
            "required": [
             "dialect",
             "connection"
            ],
            "type": "object"
           },
           "TestConnectionResponse": {
            "properties": {
             "ok": {
              "const": true,
              "type": "boolean"
             },
             "table_count": {
              "minimum": 0,
              "type": "integer"
             }
            },
            "required": [
             "ok",
             "table_count"
            ],
            "type": "object"
           },
           "TrainTableResponse": {
            "properties": {
             "job_id": {
              "type": "string"
             },
             "training_type": {
              "$ref": "#/components/schemas/TrainingType"
             }
            },
            "required": [
             "job_id",
             "training_type"
            ],
            "type": "object"
           },
           "TrainTablesRequest": {
            "properties": {
             "tables": {
              "items": {
               "maxLength": 512,
               "minLength": 1,
               "pattern": "^[^\\x00]*$",
               "type": "string"
              },
              "minItems": 1,
              "type": "array"
             }
            },
            "required": [
             "tables"
            ],
            "type": "object"
           },
           "TrainTablesResponse": {
            "properties": {
             "jobs": {
              "items": {
               "properties": {
                "job_id": {
                 "type": "string"
                },
                "table": {
                 "type": "string"
                },
                "training_type": {
                 "$ref": "#/components/schemas/TrainingType"
                }
               },
               "required": [
                "table",
                "job_id",
                "training_type"
               ],
               "type": "object"
              },
              "type": "array"
             }
            },
            "required": [
             "jobs"
            ],
            "type": "object"
           },
           "TrainedTables": {
            "properties": {
             "trained_tables": {
              "items": {
               "type": "string"
              },
              "type": "array"
             }
            },
            "required": [
             "trained_tables"
            ],
            "type": "object"
           },
           "TrainingEvent": {
            "description": "Data of one training-events SSE event (and of the Redis pub/sub message).",
            "properties": {
             "agent_id": {
              "type": "string"
             },
             "at": {
              "format": "date-time",
              "type": "string"
             },
             "attempt": {
              "type": [
               "integer",
               "null"
              ]
             },
             "channel": {
              "description": "`knowledge.changed`: the source's examples, glossary or instructions changed (an example trained or deleted, a term added…); caches of the source are stale.",
              "enum": [
               "training.progress",
               "schema.trained",
               "schema.untrained",
               "knowledge.changed"
              ],
              "type": "string"
             },
             "error": {
              "type": [
               "string",
               "null"
              ]
             },
             "example_id": {
              "description": "The taught example the event is about (its training progress, its training or removal).",
              "type": [
               "string",
               "null"
              ]
             },
             "job_id": {
              "type": [
               "string",
               "null"
              ]
             },
             "progress": {
              "maximum": 100,
              "minimum": 0,
              "type": [
               "integer",
               "null"
              ]
             },
             "source_id": {
              "type": "string"
             },
             "stage": {
              "oneOf": [
               {
                "$ref": "#/components/schemas/TrainingStage"
               },
               {
                "type": "null"
               }
              ]
             },
             "state": {
              "oneOf": [
               {
                "$ref": "#/components/schemas/TrainingState"
               },
               {
                "type": "null"
               }
              ]
             },
             "table_name": {
              "description": "The table; `*` for every table of a deleted source; empty for an event about an example, the glossary or the instructions.",
              "type": "string"
             },
             "user_id": {
              "type": "string"
             }
            },
            "required": [
             "channel",
             "source_id",
             "table_name",
             "user_id",
             "agent_id",
             "at"
            ],
            "type": "object"
           },
           "TrainingStage": {
            "enum": [
             "queued",
             "started",
             "fetch",
             "analyze",
             "vectorize",
             "model",
             "complete",
             "failed"
            ],
            "type": "string"
           },
           "TrainingState": {
            "enum": [
             "queued",
             "active",
             "completed",
             "failed"
            ],
            "type": "string"
           },
           "TrainingStatus": {
            "properties": {
             "attempts": {
              "minimum": 0,
              "type": "integer"
             },
             "error": {
              "type": [
               "string",
               "null"
              ]
             },
             "job_id": {
              "type": "string"
             },
             "progress": {
              "description": "0 → 25 (fetch) → 50 (analyze) → 75 (vectorize) → 90 (model) → 100 (complete).",
              "maximum": 100,
              "minimum": 0,
              "type": "integer"
             },
             "source_id": {
              "type": "string"
             },
             "stage": {
              "$ref": "#/components/schemas/TrainingStage"
             },
             "state": {
              "$ref": "#/components/schemas/TrainingState"
             },
             "table_name": {
              "type": "string"
             },
             "updated_at": {
              "format": "date-time",
              "type": "string"
             }
            },
            "required": [
             "job_id",
             "source_id",
             "table_name",
             "state",
             "progress",
             "stage",
             "attempts",
             "updated_at"
            ],
            "type": "object"
           },
           "TrainingStreamEvent": {
            "description": "One event of the training-events stream; `event` is the channel and `data` a TrainingEvent as JSON.",
            "properties": {
             "data": {
              "contentMediaType": "application/json",
              "type": "string"
             },
             "event": {
              "enum": [
               "training.progress",
               "schema.trained",
               "schema.untrained",
               "knowledge.changed"
              ],
              "type": "string"
             },
             "id": {
              "type": "string"
             },
             "retry": {
              "minimum": 0,
              "type": "integer"
             }
            },
            "required": [
             "event",
             "data"
            ],
            "type": "object"
           },
           "TrainingType": {
            "description": "`new_table` (job `train_table_schema`) or `retrain_table` (job `retrain_table_schema`, the table was trained already).",
            "enum": [
             "new_table",
             "retrain_table"
            ],
            "type": "string"
           },
           "UniqueConstraint": {
            "properties": {
             "columns": {
              "items": {
               "type": "string"
              },
              "type": "array"
             },
             "name": {
              "type": [
               "string",
               "null"
              ]
             }
            },
            "required": [
             "columns"
            ],
            "type": "object"
           },
           "UpdateBusinessContextRequest": {
            "properties": {
             "business_description": {
              "description": "Plain text without NUL; empty clears it.",
              "maxLength": 10000,
              "pattern": "^[^\\x00]*$",
              "type": "string"
             }
            },
            "required": [
             "business_description"
            ],
            "type": "object"
           }
          },
          "securitySchemes": {
           "bearerAuth": {
            "bearerFormat": "JWT",
            "description": "HS256 JWT signed with QUERENT_JWT_SECRET. Claims: `sub` (user id),\n`agent_id`, `exp` (seconds since epoch; optional `iat`, `nbf`). Any other\nalgorithm, including `none`, is refused with 401.\n",
            "scheme": "bearer",
            "type": "http"
           }
          }
         },
         "info": {
          "description": "Querent stores **schemas, not data**. A client registers a customer database\n(a *source*), picks the tables that matter, trains on their schemas, and asks\nquestions. Querent answers with SQL it can explain, runs that SQL safely\n(a single read-only `SELECT`/`WITH … SELECT`, read-only transaction and\nconnection, 30 s timeout, at most 1000 rows, trained tables only) and can\nstream the answer into a chat.\n\n**Teaching.** Users can teach a source what its schema cannot say:\nverified question → SQL examples (trained like tables, on the training\nqueue, then retrieved for similar questions), a glossary of business\nterms (measures, named filters and synonyms of the semantic model),\nfree-text instructions for the LLM generator, all of it as one\nexportable document (`…/knowledge`), and up- or down-votes (with a\ncorrected SQL) on recorded answers. Every SQL taught passes the safety\ngate and runs once before it is stored.\n\n**Where routes are served.** Behind the nginx gateway (port 8080 in the\ndocker-compose stack and in `deploy/local-stack.sh start`; routing in\n`deploy/nginx/nginx.conf`) every route below has the same path. Each path\nnames the service that owns it in `x-querent-services`:\n`…/{sourceId}/query`, `…/sql`, `…/query-history`,\n`…/query-history/{historyId}/feedback`, `…/{sourceId}/context` and\n`/api/v1/chat` go to **query-service** (8083); `…/train`,\n`…/tables/{tableName}/train`, `…/training-status` and `…/training-events`\nto **trainer-service** (8082, N replicas); every other `/api` route to\n**schema-service** (8081), teaching included (`…/examples`,\n`…/glossary`, `…/instructions`, `…/knowledge`). The embedded all-in-one\n`querent serve` (8080) serves all of them itself. Every service also\nserves `/health/live`, `/health/ready`, `/metrics` and this document at\n`/openapi.json`.\n\n**Authentication.** Every `/api` route needs `Authorization: Bearer <JWT>`,\nan HS256 token signed with `QUERENT_JWT_SECRET` carrying the claims `sub`\n(user id), `agent_id` and `exp`. The pair (`sub`, `agent_id`) is the tenant:\nanother tenant's source answers `404 not_found`, exactly like one that does\nnot exist. Health and metrics routes need no token.\n\n**Errors.** Every error is `{\"error\": {\"code\": \"...\", \"message\": \"...\"}}`:\n`bad_request` 400, `unauthorized` 401, `not_found` 404, `conflict` 409,\n`connection_failed` 422, `database_error` 422, `unsafe_query` 422,\n`generator_unavailable` 422, `unprocessable_content` 422 (well-formed but\nnaming what is not there or what the resource's state does not allow),\n`timeout` 408 (a customer query past its 30 s limit, or a request\ndeadline), `unavailable` 503, `internal_error` 500; for any route:\n`method_not_allowed` 405 (with `Allow`), `content_too_large` 413,\n`too_many_requests` 429 (with `Retry-After`; questions, SQL, chat and\ntraining requests only),\n`uri_too_long` 414, `request_header_fields_too_large` 431; from the\ngateway itself: `timeout` 504, `unavailable` 503, `not_found` 404 (no\nsuch route). Messages never contain credentials.\n\n**Table names** in paths are canonical names: `orders` in the default\nschema, `sales.orders` elsewhere. Percent-encode anything outside\n`[A-Za-z0-9._~-]`.\n\n**Request ids.** Send `X-Request-Id` (letters, digits, `-`, `_`; at most\n128) to correlate logs; the gateway forwards it, the services log it with\nevery line of the request, and the response carries it. One is generated\nwhen it is absent or malformed.\n\n**Limits.** Every service, `querent serve` and the gateway refuse a\nrequest body over 1 MiB (`413 content_too_large`; services:\n`QUERENT_MAX_BODY_BYTES`), a request target over 8 KiB (`414`;\n`QUERENT_MAX_URL_BYTES`) and headers over 16 KiB (`431`;\n`QUERENT_MAX_HEADER_BYTES`), before any handler runs. Fields have the\nlengths and ranges their schemas state. A method a path does not have\nanswers `405` with `Allow`. Each tenant (user and agent) may ask\nquestions, run SQL and chat at 300 requests a minute with bursts of 60\n(`QUERENT_RATE_QUERIES_PER_MINUTE`, `QUERENT_RATE_QUERIES_BURST`), and\nrequest training at 60 a minute with bursts of 20\n(`QUERENT_RATE_TRAINING_PER_MINUTE`, `QUERENT_RATE_TRAINING_BURST`); 0\nturns a limit off. Each service process counts on its own. The gateway waits 75 s for an answer\n(`504 timeout`) and keeps the two Server-Sent Events routes open for up\nto an hour.\n\nThe typed message definitions also exist as proto3 files next to this\ndocument (common.proto, schema_service.proto, trainer_service.proto,\nquery_service.proto).\n",
          "license": {
           "identifier": "LicenseRef-Proprietary",
           "name": "Proprietary"
          },
          "summary": "Point at a database, train on its schemas, ask questions in plain language.",
          "title": "Querent public HTTP API",
          "version": "1.0.0"
         },
         "openapi": "3.1.0",
         "paths": {
          "/api/v1/chat": {
           "post": {
            "description": "Same pipeline as `query`, with the source's schema context cached for 5\nminutes (dropped on `schema.trained`). Without `source_id`, the source is\nthe tenant's only one, or the one whose trained tables best match the\nmessage. The answer streams as `text/event-stream`; each SSE event's\n`event:` names its kind and `data:` is JSON: `sql` → SQLGenerationResult,\n`rows` → QueryExecutionResult (when the SQL ran), `token` →\n`{\"text\": \"...\"}` (the answer in pieces), then `done` →\n`{\"source_id\": \"...\", \"history_id\": 42}` (the history entry, for\nfeedback), or `error` → ErrorBody instead. The gateway does\nnot buffer this route. A malformed request answers a normal JSON error.\n",
            "operationId": "chat",
            "requestBody": {
             "content": {
              "application/json": {
               "example": {
                "message": "How many customers live in Paris?",
                "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21"
               },
               "schema": {
                "$ref": "#/components/schemas/ChatRequest"
               }
              }
             },
             "required": true
            },
            "responses": {
             "200": {
              "content": {
               "text/event-stream": {
                "example": "event: sql\ndata: {\"confidence\":0.72,\"explanation\":\"Linked: counting rows of customers; 'Paris' is a value of customers.city.\",\"generator\":\"builtin\",\"sql\":\"SELECT count(*) FROM customers WHERE city = 'Paris'\",\"table_used\":[\"customers\"]}\n\nevent: rows\ndata: {\"columns\":[\"count\"],\"data\":[{\"count\":8}],\"execution_time_ms\":0.27,\"generated_sql\":\"SELECT count(*) FROM customers WHERE city = 'Paris'\",\"row_count\":1,\"success\":true,\"table_used\":[\"customers\"],\"truncated\":false}\n\nevent: token\ndata: {\"text\":\"The answer is 8. \"}\n\nevent: done\ndata: {\"history_id\":42,\"source_id\":\"5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21\"}\n",
                "schema": {
                 "$ref": "#/components/schemas/ChatStreamEvent"
                }
               }
              },
              "description": "The answer stream."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "$ref": "#/components/responses/DatabaseProblem"
             },
             "429": {
              "$ref": "#/components/responses/TooManyRequests"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Chat about the data (Server-Sent Events)",
            "tags": [
             "queries"
            ]
           },
           "x-querent-services": [
            "query-service"
           ]
          },
          "/api/v1/sources/database": {
           "get": {
            "operationId": "listSources",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "sources": [
                  {
                   "agent_id": "agent-7",
                   "connection_summary": "postgres://readonly@db.internal:5432/shop",
                   "created_at": "2026-11-25T14:52:45.123Z",
                   "dialect": "postgres",
                   "id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                   "last_schema_update": "2026-11-25T15:02:11.480Z",
                   "name": "shop",
                   "trained_tables": [
                    "orders",
                    "customers"
                   ],
                   "user_id": "user-42"
                  }
                 ]
                },
                "schema": {
                 "$ref": "#/components/schemas/SourceList"
                }
               }
              },
              "description": "The sources (without credentials)."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "List the tenant's sources",
            "tags": [
             "sources"
            ]
           },
           "post": {
            "description": "Tests the connection first (`422 connection_failed` when it cannot be\nreached or refuses the credentials), then stores the source with its\ncredentials encrypted (AES-GCM). Credentials are never returned.\n",
            "operationId": "createSource",
            "requestBody": {
             "content": {
              "application/json": {
               "examples": {
                "postgresConninfo": {
                 "summary": "libpq key=value conninfo",
                 "value": {
                  "connection": "host=db.internal port=5432 dbname=shop user=readonly password=secret",
                  "dialect": "postgres",
                  "name": "shop"
                 }
                },
                "postgresObject": {
                 "summary": "Discrete fields",
                 "value": {
                  "connection": {
                   "database": "shop",
                   "host": "db.internal",
                   "password": "secret",
                   "port": 5432,
                   "sslmode": "require",
                   "user": "readonly"
                  },
                  "dialect": "postgres",
                  "name": "shop"
                 }
                },
                "postgresUrl": {
                 "summary": "Postgres URL",
                 "value": {
                  "connection": "postgres://readonly:secret@db.internal:5432/shop?sslmode=require",
                  "dialect": "postgres",
                  "name": "shop"
                 }
                },
                "sqlite": {
                 "summary": "SQLite file",
                 "value": {
                  "connection": {
                   "path": "/data/chinook.sqlite"
                  },
                  "dialect": "sqlite",
                  "name": "chinook"
                 }
                }
               },
               "schema": {
                "$ref": "#/components/schemas/CreateSourceRequest"
               }
              }
             },
             "required": true
            },
            "responses": {
             "201": {
              "content": {
               "application/json": {
                "example": {
                 "agent_id": "agent-7",
                 "connection_summary": "postgres://readonly@db.internal:5432/shop",
                 "created_at": "2026-11-25T14:52:45.123Z",
                 "dialect": "postgres",
                 "id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                 "last_schema_update": null,
                 "name": "shop",
                 "trained_tables": [],
                 "user_id": "user-42"
                },
                "schema": {
                 "$ref": "#/components/schemas/DatabaseSource"
                }
               }
              },
              "description": "Created.",
              "links": {
               "AddExample": {
                "operationId": "addExample",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "AddGlossaryTerm": {
                "operationId": "addGlossaryTerm",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "DeleteSource": {
                "operationId": "deleteSource",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "EditSemanticModel": {
                "operationId": "editSemanticModel",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "ExportKnowledge": {
                "operationId": "exportKnowledge",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "GetDatabaseContext": {
                "operationId": "getDatabaseContext",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "GetInstructions": {
                "operationId": "getInstructions",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "GetSemanticModel": {
                "operationId": "getSemanticModel",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "GetSource": {
                "operationId": "getSource",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "ListExamples": {
                "operationId": "listExamples",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "ListGlossary": {
                "operationId": "listGlossary",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "ListQueryHistory": {
                "operationId": "listQueryHistory",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "ListTables": {
                "operationId": "listTables",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "ListTrainedTables": {
                "operationId": "listTrainedTables",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "Query": {
                "operationId": "query",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "ReplaceKnowledge": {
                "operationId": "replaceKnowledge",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "RunSQL": {
                "operationId": "runSQL",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "SetInstructions": {
                "operationId": "setInstructions",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "StreamTrainingEvents": {
                "operationId": "streamTrainingEvents",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               },
               "TrainTables": {
                "operationId": "trainTables",
                "parameters": {
                 "sourceId": "$response.body#/id"
                }
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "409": {
              "$ref": "#/components/responses/Conflict"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "$ref": "#/components/responses/ConnectionFailed"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Register a database",
            "tags": [
             "sources"
            ]
           },
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/test-connection": {
           "post": {
            "operationId": "testConnection",
            "requestBody": {
             "content": {
              "application/json": {
               "example": {
                "connection": "postgres://readonly:secret@db.internal:5432/shop",
                "dialect": "postgres"
               },
               "schema": {
                "$ref": "#/components/schemas/TestConnectionRequest"
               }
              }
             },
             "required": true
            },
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "ok": true,
                 "table_count": 12
                },
                "schema": {
                 "$ref": "#/components/schemas/TestConnectionResponse"
                }
               }
              },
              "description": "Reachable; `table_count` counts the tables and views visible to the user."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "$ref": "#/components/responses/ConnectionFailed"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Try a connection without storing it",
            "tags": [
             "sources"
            ]
           },
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}": {
           "delete": {
            "description": "Removes the source, its cached schemas, training state, vectors, semantic model and edits, and what it was taught (examples, glossary, instructions).",
            "operationId": "deleteSource",
            "responses": {
             "204": {
              "description": "Deleted."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Delete a source and what Querent stored for it",
            "tags": [
             "sources"
            ]
           },
           "get": {
            "operationId": "getSource",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/DatabaseSource"
                }
               }
              },
              "description": "The source."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Get one source",
            "tags": [
             "sources"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/context": {
           "get": {
            "description": "The trained tables and their business context, and what users taught\nthe source (its trained examples, glossary and instructions), as the\nchat and the generators see them (cached for five minutes, dropped on\n`schema.trained` / `schema.untrained` / `knowledge.changed`).\n",
            "operationId": "getDatabaseContext",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "dialect": "postgres",
                 "examples": [
                  {
                   "question": "How many orders were cancelled?",
                   "sql": "SELECT count(*) FROM orders WHERE status = 'cancelled'"
                  }
                 ],
                 "glossary": [
                  {
                   "definition": "A customer whose account is active.",
                   "sql": "customers.status = 'active'",
                   "term": "active customer"
                  }
                 ],
                 "instructions": "Amounts are in EUR, VAT included.",
                 "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                 "source_name": "shop",
                 "tables": {
                  "orders": "The table orders records one row per checkout …"
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/DatabaseContext"
                }
               }
              },
              "description": "The context."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "The cached schema context of a source",
            "tags": [
             "queries"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "x-querent-services": [
            "query-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/examples": {
           "get": {
            "description": "Every example, whatever its origin (`taught`, `upvote`, `correction`) and training state (`queued`, `trained`, `failed` with its `error`).",
            "operationId": "listExamples",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "examples": [
                  {
                   "created_at": "2026-12-07T09:15:02.310Z",
                   "created_by": "user-42",
                   "id": "3c2b7f4e-8a1d-4e6b-9f20-5d7c1a0b9e33",
                   "origin": "taught",
                   "question": "How many orders were cancelled?",
                   "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                   "sql": "SELECT count(*) FROM orders WHERE status = 'cancelled'",
                   "state": "trained"
                  },
                  {
                   "created_at": "2026-12-07T09:20:45.004Z",
                   "created_by": "user-42",
                   "history_id": 42,
                   "id": "9a4e0c11-27b5-4f3d-8c6a-1e2d3f4a5b6c",
                   "origin": "correction",
                   "question": "Revenue per country",
                   "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                   "sql": "SELECT c.country, sum(o.total) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.country",
                   "state": "queued"
                  }
                 ]
                },
                "schema": {
                 "$ref": "#/components/schemas/ExampleList"
                }
               }
              },
              "description": "The examples."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "The source's examples, oldest first",
            "tags": [
             "teaching"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "post": {
            "description": "Checks the SQL through the safety gate (one read-only `SELECT`/`WITH …\nSELECT` over the source's trained tables), runs it once under the query\nlimits, stores the example (`origin: taught`, `state: queued`) and\nenqueues its training on the training queue (job `train_example`,\ntrainingType `example`): a trainer embeds the question into the\ntenant's vector namespace (id `db_{sourceId}_example_{exampleId}`) and\nmarks it `trained`, publishing `training.progress` events with\n`example_id` and `table_name: \"\"`, then `knowledge.changed`. Trained\nexamples are retrieved for similar questions: the built-in generator\nanswers a paraphrase with the example's SQL (the question's literals\nsubstituted), the LLM generator gets them as few-shot examples.\nNothing is stored when the SQL is refused or fails. The question is 1\nto 2,000 characters, the SQL 1 to 100,000 bytes (both trimmed); a\nsource holds at most 5,000 examples.\n",
            "operationId": "addExample",
            "requestBody": {
             "content": {
              "application/json": {
               "example": {
                "question": "How many orders were cancelled?",
                "sql": "SELECT count(*) FROM orders WHERE status = 'cancelled'"
               },
               "schema": {
                "$ref": "#/components/schemas/AddExampleRequest"
               }
              }
             },
             "required": true
            },
            "responses": {
             "201": {
              "content": {
               "application/json": {
                "example": {
                 "created_at": "2026-12-07T09:15:02.310Z",
                 "created_by": "user-42",
                 "id": "3c2b7f4e-8a1d-4e6b-9f20-5d7c1a0b9e33",
                 "origin": "taught",
                 "question": "How many orders were cancelled?",
                 "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                 "sql": "SELECT count(*) FROM orders WHERE status = 'cancelled'",
                 "state": "queued"
                },
                "schema": {
                 "$ref": "#/components/schemas/TaughtExample"
                }
               }
              },
              "description": "Stored and queued for training.",
              "links": {
               "DeleteExample": {
                "operationId": "deleteExample",
                "parameters": {
                 "exampleId": "$response.body#/id",
                 "sourceId": "$request.path.sourceId"
                }
               }
              }
             },
             "400": {
              "content": {
               "application/json": {
                "example": {
                 "error": {
                  "code": "bad_request",
                  "message": "sql must be 1 to 100,000 bytes"
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/Error"
                }
               }
              },
              "description": "Malformed JSON, or an empty or over-long question or SQL."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "408": {
              "$ref": "#/components/responses/Timeout"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "$ref": "#/components/responses/SQLRejected"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Teach a verified question → SQL example",
            "tags": [
             "teaching"
            ]
           },
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/examples/{exampleId}": {
           "delete": {
            "description": "Deletes the example and its vector and publishes `knowledge.changed`; questions stop using it at once.",
            "operationId": "deleteExample",
            "responses": {
             "204": {
              "description": "Deleted."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "content": {
               "application/json": {
                "example": {
                 "error": {
                  "code": "not_found",
                  "message": "example '3c2b7f4e-8a1d-4e6b-9f20-5d7c1a0b9e33' does not exist"
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/Error"
                }
               }
              },
              "description": "No such source or example for this tenant."
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Forget an example",
            "tags": [
             "teaching"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            },
            {
             "$ref": "#/components/parameters/ExampleId"
            }
           ],
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/glossary": {
           "get": {
            "operationId": "listGlossary",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "glossary": [
                  {
                   "created_at": "2026-12-07T09:30:00.000Z",
                   "definition": "A customer whose account is active.",
                   "id": "71d0e2a9-5c3b-4b8e-a1f6-0d9c8b7a6e54",
                   "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                   "sql": "customers.status = 'active'",
                   "term": "active customer"
                  },
                  {
                   "created_at": "2026-12-07T09:31:12.500Z",
                   "definition": "Sum of line totals, VAT included.",
                   "id": "0e5f6a7b-8c9d-4e1f-a2b3-c4d5e6f7a8b9",
                   "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                   "sql": "SUM(order_items.quantity * order_items.unit_price)",
                   "term": "revenue"
                  }
                 ]
                },
                "schema": {
                 "$ref": "#/components/schemas/GlossaryList"
                }
               }
              },
              "description": "The terms, by term."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "The source's glossary",
            "tags": [
             "teaching"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "post": {
            "description": "Stores what a word means on this source, in words and optionally as\nSQL over one trained table, qualified by its name: an aggregate\n(`SUM(order_items.quantity * order_items.unit_price)`) becomes a\nmeasure of the semantic model the generators read, a condition\n(`customers.status = 'active'`) a named filter, a table or\n`table.column` gets the term as a synonym. The SQL is checked through\nthe safety gate and run once; nothing is stored when it is refused or\nfails. Terms are unique per source ignoring case and spacing; a\nsource holds at most 1,000. Publishes `knowledge.changed`.\n",
            "operationId": "addGlossaryTerm",
            "requestBody": {
             "content": {
              "application/json": {
               "example": {
                "definition": "A customer whose account is active.",
                "sql": "customers.status = 'active'",
                "term": "active customer"
               },
               "schema": {
                "$ref": "#/components/schemas/AddGlossaryTermRequest"
               }
              }
             },
             "required": true
            },
            "responses": {
             "201": {
              "content": {
               "application/json": {
                "example": {
                 "created_at": "2026-12-07T09:30:00.000Z",
                 "definition": "A customer whose account is active.",
                 "id": "71d0e2a9-5c3b-4b8e-a1f6-0d9c8b7a6e54",
                 "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                 "sql": "customers.status = 'active'",
                 "term": "active customer"
                },
                "schema": {
                 "$ref": "#/components/schemas/GlossaryTerm"
                }
               }
              },
              "description": "Stored.",
              "links": {
               "DeleteGlossaryTerm": {
                "operationId": "deleteGlossaryTerm",
                "parameters": {
                 "sourceId": "$request.path.sourceId",
                 "termId": "$response.body#/id"
                }
               }
              }
             },
             "400": {
              "content": {
               "application/json": {
                "example": {
                 "error": {
                  "code": "bad_request",
                  "message": "term must be 1 to 100 characters"
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/Error"
                }
               }
              },
              "description": "Malformed JSON, an empty or over-long term (1-100) or definition (1-2,000), SQL that is not an aggregate, a condition, a table or a column of one trained table, a source without trained tables, or a full glossary (1,000 terms)."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "408": {
              "$ref": "#/components/responses/Timeout"
             },
             "409": {
              "content": {
               "application/json": {
                "example": {
                 "error": {
                  "code": "conflict",
                  "message": "the glossary already defines 'active customer'"
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/Error"
                }
               }
              },
              "description": "The source already has this term (compared ignoring case and spacing)."
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "$ref": "#/components/responses/SQLRejected"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Define a business term",
            "tags": [
             "teaching"
            ]
           },
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/glossary/{termId}": {
           "delete": {
            "description": "Deletes the term and publishes `knowledge.changed`.",
            "operationId": "deleteGlossaryTerm",
            "responses": {
             "204": {
              "description": "Deleted."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "content": {
               "application/json": {
                "example": {
                 "error": {
                  "code": "not_found",
                  "message": "glossary term '71d0e2a9-5c3b-4b8e-a1f6-0d9c8b7a6e54' does not exist"
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/Error"
                }
               }
              },
              "description": "No such source or term for this tenant."
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Remove a glossary term",
            "tags": [
             "teaching"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            },
            {
             "$ref": "#/components/parameters/TermId"
            }
           ],
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/instructions": {
           "get": {
            "operationId": "getInstructions",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "instructions": "Amounts are in EUR, VAT included. Weeks start on Monday."
                },
                "schema": {
                 "$ref": "#/components/schemas/Instructions"
                }
               }
              },
              "description": "The instructions; `\"\"` when none are set."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "The source's instructions for the LLM generator",
            "tags": [
             "teaching"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "put": {
            "description": "Free text (at most 10,000 characters) added to the LLM generator's\nprompt for every question on this source; blank text clears them.\nPublishes `knowledge.changed`.\n",
            "operationId": "setInstructions",
            "requestBody": {
             "content": {
              "application/json": {
               "example": {
                "instructions": "Amounts are in EUR, VAT included. Weeks start on Monday."
               },
               "schema": {
                "$ref": "#/components/schemas/Instructions"
               }
              }
             },
             "required": true
            },
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Instructions"
                }
               }
              },
              "description": "The stored instructions (`\"\"` when cleared)."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Replace the source's instructions",
            "tags": [
             "teaching"
            ]
           },
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/knowledge": {
           "get": {
            "description": "The examples (every state and origin, oldest first), the glossary and\nthe instructions without ids or states, to review in git or copy to\nanother source or environment with `PUT`.\n",
            "operationId": "exportKnowledge",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "examples": [
                  {
                   "question": "How many orders were cancelled?",
                   "sql": "SELECT count(*) FROM orders WHERE status = 'cancelled'"
                  }
                 ],
                 "glossary": [
                  {
                   "definition": "A customer whose account is active.",
                   "sql": "customers.status = 'active'",
                   "term": "active customer"
                  },
                  {
                   "definition": "Customers who closed their account in the period.",
                   "term": "churn"
                  }
                 ],
                 "instructions": "Amounts are in EUR, VAT included.",
                 "version": 1
                },
                "schema": {
                 "$ref": "#/components/schemas/SourceKnowledge"
                }
               }
              },
              "description": "The document (format version 1)."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Everything the source was taught, as one document",
            "tags": [
             "teaching"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "put": {
            "description": "Checks every example and glossary term first (each SQL through the\nsafety gate and run once, as `POST …/examples` and `POST …/glossary`\ndo); the first invalid entry answers its error with its position\n(`examples[3]: …`, `glossary[0]: …`) and nothing changes. Then the\nold examples, their vectors, the glossary and the instructions are\nreplaced, every example is queued for training (`state: queued`,\n`origin: taught`) and `knowledge.changed` is published. A term given\ntwice (ignoring case) is a `400`, not a conflict. Answers the new\ndocument.\n",
            "operationId": "replaceKnowledge",
            "requestBody": {
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/SourceKnowledge"
               }
              }
             },
             "required": true
            },
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/SourceKnowledge"
                }
               }
              },
              "description": "The stored document."
             },
             "400": {
              "content": {
               "application/json": {
                "example": {
                 "error": {
                  "code": "bad_request",
                  "message": "examples[0]: question must be 1 to 2,000 characters and sql 1 to 100,000 bytes"
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/Error"
                }
               }
              },
              "description": "Malformed JSON, a version other than 1, more than 5,000 examples or 1,000 terms, instructions over 10,000 characters, or an entry with an empty or over-long field (named by its position)."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "408": {
              "$ref": "#/components/responses/Timeout"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "$ref": "#/components/responses/SQLRejected"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Replace everything the source was taught",
            "tags": [
             "teaching"
            ]
           },
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/query": {
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "post": {
            "description": "Embeds the question, retrieves the relevant trained tables (and their\nforeign-key neighbours), generates SQL, validates it and runs it under\nthe safety limits, records history. SQL the safety gate refuses, or that\nfails while running, is reported inside `result` (`success: false`,\n`error`); a question nothing trained can answer gets an empty\n`generation.sql`, a low confidence and no `result`.\n",
            "operationId": "query",
            "requestBody": {
             "content": {
              "application/json": {
               "example": {
                "execute": true,
                "generator": "builtin",
                "question": "How many orders have the status cancelled?"
               },
               "schema": {
                "$ref": "#/components/schemas/QueryRequest"
               }
              }
             },
             "required": true
            },
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "generation": {
                  "confidence": 0.72,
                  "estimated_rows": 1,
                  "explanation": "Linked: counting rows of orders; 'cancelled' is a value of orders.status.",
                  "generator": "builtin",
                  "sql": "SELECT count(*) FROM orders WHERE status = 'cancelled'",
                  "table_used": [
                   "orders"
                  ]
                 },
                 "result": {
                  "columns": [
                   "count"
                  ],
                  "data": [
                   {
                    "count": 30
                   }
                  ],
                  "execution_time_ms": 0.41,
                  "generated_sql": "SELECT count(*) FROM orders WHERE status = 'cancelled'",
                  "row_count": 1,
                  "success": true,
                  "table_used": [
                   "orders"
                  ],
                  "truncated": false
                 },
                 "retrieved": [
                  {
                   "reason": "vector",
                   "score": 0.6124,
                   "table": "orders"
                  },
                  {
                   "reason": "foreign_key_neighbour",
                   "score": 0,
                   "table": "customers"
                  }
                 ]
                },
                "schema": {
                 "$ref": "#/components/schemas/QueryAnswer"
                }
               }
              },
              "description": "The generated SQL and, when it ran, its result."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "$ref": "#/components/responses/DatabaseProblem"
             },
             "429": {
              "$ref": "#/components/responses/TooManyRequests"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Ask a question; get SQL and its result",
            "tags": [
             "queries"
            ]
           },
           "x-querent-services": [
            "query-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/query-history": {
           "get": {
            "operationId": "listQueryHistory",
            "parameters": [
             {
              "in": "query",
              "name": "limit",
              "required": false,
              "schema": {
               "default": 50,
               "maximum": 500,
               "minimum": 1,
               "type": "integer"
              }
             },
             {
              "description": "`next_cursor` of the previous page: entries older than it.",
              "in": "query",
              "name": "cursor",
              "required": false,
              "schema": {
               "pattern": "^[1-9][0-9]{0,17}$",
               "type": "string"
              }
             }
            ],
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "history": [
                  {
                   "agent_id": "agent-7",
                   "confidence": 0.72,
                   "created_at": "2026-11-25T15:10:02Z",
                   "execution_time_ms": 0.41,
                   "generator": "builtin",
                   "id": 42,
                   "question": "How many orders have the status cancelled?",
                   "row_count": 1,
                   "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                   "sql": "SELECT count(*) FROM orders WHERE status = 'cancelled'",
                   "success": true,
                   "user_id": "user-42"
                  }
                 ],
                 "next_cursor": "42"
                },
                "schema": {
                 "$ref": "#/components/schemas/QueryHistoryPage"
                }
               }
              },
              "description": "One page of history entries (never with credentials)."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Past questions and statements on this source, newest first",
            "tags": [
             "queries"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "x-querent-services": [
            "query-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/query-history/{historyId}/feedback": {
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            },
            {
             "$ref": "#/components/parameters/HistoryId"
            }
           ],
           "post": {
            "description": "Feedback on the answer to a question (not on hand-written SQL):\n`up` stores the answer's SQL as a verified example for its question\n(`origin: upvote`; only an answer that ran successfully); `down` with\n`sql` stores that corrected SQL as the example instead (`origin:\ncorrection`), checked through the safety gate and run once like\n`POST …/examples`; a bare `down` marks the SQL wrong for that\nquestion, which lowers the confidence of the same SQL for it from then\non. New feedback replaces the entry's earlier verdict (an example an\nearlier vote stored stays until deleted). Publishes\n`knowledge.changed`. Answers the entry with its `feedback`\n(`example_id` names the stored example).\n",
            "operationId": "giveFeedback",
            "requestBody": {
             "content": {
              "application/json": {
               "examples": {
                "correction": {
                 "value": {
                  "sql": "SELECT count(*) FROM orders WHERE status IN ('cancelled', 'refunded')",
                  "verdict": "down"
                 }
                },
                "downvote": {
                 "value": {
                  "verdict": "down"
                 }
                },
                "upvote": {
                 "value": {
                  "verdict": "up"
                 }
                }
               },
               "schema": {
                "$ref": "#/components/schemas/FeedbackRequest"
               }
              }
             },
             "required": true
            },
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "agent_id": "agent-7",
                 "confidence": 0.72,
                 "created_at": "2026-11-25T15:10:02Z",
                 "execution_time_ms": 0.41,
                 "feedback": {
                  "at": "2026-12-07T09:40:11.020Z",
                  "example_id": "5b8d2e61-0f3a-4c97-b1d4-7e6a9c2f0d18",
                  "verdict": "up"
                 },
                 "generator": "builtin",
                 "id": 42,
                 "question": "How many orders have the status cancelled?",
                 "row_count": 1,
                 "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                 "sql": "SELECT count(*) FROM orders WHERE status = 'cancelled'",
                 "success": true,
                 "user_id": "user-42"
                },
                "schema": {
                 "$ref": "#/components/schemas/QueryHistoryEntry"
                }
               }
              },
              "description": "The history entry with its feedback."
             },
             "400": {
              "content": {
               "application/json": {
                "example": {
                 "error": {
                  "code": "bad_request",
                  "message": "sql must not be empty"
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/Error"
                }
               }
              },
              "description": "Malformed JSON or an unknown verdict, or a correction whose `sql` is empty or over-long."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "content": {
               "application/json": {
                "example": {
                 "error": {
                  "code": "not_found",
                  "message": "history entry 42 does not exist"
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/Error"
                }
               }
              },
              "description": "No such source or history entry for this tenant."
             },
             "408": {
              "$ref": "#/components/responses/Timeout"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "$ref": "#/components/responses/SQLRejected"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Up- or down-vote a recorded answer",
            "tags": [
             "queries",
             "teaching"
            ]
           },
           "x-querent-services": [
            "query-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/semantic-model": {
           "get": {
            "description": "What the source's trained tables mean to an analyst: an entity per\ntrained table (label, display columns, key, person or bridge table),\nmeasures (numbers worth aggregating, with a default aggregation and a\nunit, derived ones such as `quantity * unit_price` included),\ndimensions (categories, flags, and dates with their time grains) and\nrelationships (declared and inferred joins, with the roles of\nself-references). Training derives it again from all trained tables\neach time a table is trained (stage `model`; for tables queued together,\nonce, when the last is trained) or untrained; the user's\nedits (`PATCH`) are stored apart and applied on top, so they survive\nretraining. Without a trained table the model has no entities.\nGenerators read the same model when answering questions.\n",
            "operationId": "getSemanticModel",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "dimensions": [
                  {
                   "column": "country",
                   "grains": [],
                   "kind": "categorical",
                   "synonyms": [],
                   "table": "customers"
                  },
                  {
                   "column": "signed_up_at",
                   "grains": [
                    "day",
                    "week",
                    "month",
                    "quarter",
                    "year"
                   ],
                   "kind": "time",
                   "synonyms": [],
                   "table": "customers"
                  }
                 ],
                 "entities": [
                  {
                   "current_when_null": [],
                   "display": [
                    "first_name",
                    "last_name"
                   ],
                   "hidden": [
                    "email"
                   ],
                   "is_bridge": false,
                   "is_person": true,
                   "key": [
                    "id"
                   ],
                   "label": "customer",
                   "synonyms": [
                    "client"
                   ],
                   "table": "customers"
                  },
                  {
                   "current_when_null": [],
                   "display": [],
                   "hidden": [],
                   "is_bridge": false,
                   "is_person": false,
                   "key": [
                    "id"
                   ],
                   "label": "order item",
                   "synonyms": [],
                   "table": "order_items"
                  }
                 ],
                 "measures": [
                  {
                   "aggregation": "sum",
                   "expression": {
                    "operators": [
                     "*"
                    ],
                    "terms": [
                     {
                      "column": "quantity"
                     },
                     {
                      "column": "unit_price"
                     }
                    ]
                   },
                   "kind": "amount",
                   "name": "line_total",
                   "synonyms": [
                    "revenue",
                    "sales"
                   ],
                   "table": "order_items"
                  }
                 ],
                 "relationships": [
                  {
                   "columns": [
                    "customer_id"
                   ],
                   "inferred": false,
                   "references_columns": [
                    "id"
                   ],
                   "references_table": "customers",
                   "table": "orders"
                  },
                  {
                   "columns": [
                    "reports_to"
                   ],
                   "inferred": false,
                   "references_columns": [
                    "id"
                   ],
                   "references_table": "employees",
                   "role": "manager",
                   "table": "employees"
                  }
                 ],
                 "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21"
                },
                "schema": {
                 "$ref": "#/components/schemas/SemanticModel"
                }
               }
              },
              "description": "The model with the stored edits applied."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "The semantic model of a source",
            "tags": [
             "schemas"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "patch": {
            "description": "Merges the body into the stored edits: `synonyms`, `display` and\n`hidden` replace the list of each key they name; a measure edit\nreplaces the earlier edit of the same table and name, and adds a\nmeasure when the table has none of that name (it then needs an\n`expression`). Every table and column named must belong to a trained\ntable, and an expression is column names and numbers joined by `+`,\n`-` and `*`; otherwise `400 bad_request` and nothing is stored. Edits\nof a table that is later untrained are kept and apply again when it is\ntrained again. Answers the edited model. Questions use it at once in\n`querent serve`; a separate query-service sees it on its next schema\nevent or within its five-minute context cache.\n",
            "operationId": "editSemanticModel",
            "requestBody": {
             "content": {
              "application/json": {
               "example": {
                "display": {
                 "customers": [
                  "first_name",
                  "last_name"
                 ]
                },
                "hidden": {
                 "customers": [
                  "email"
                 ]
                },
                "measures": [
                 {
                  "aggregation": "sum",
                  "expression": "quantity * unit_price - discount",
                  "name": "net_total",
                  "table": "order_items"
                 }
                ],
                "synonyms": {
                 "customers": [
                  "client",
                  "buyer"
                 ],
                 "order_items.line_total": [
                  "revenue"
                 ]
                }
               },
               "schema": {
                "$ref": "#/components/schemas/SemanticModelEdits"
               }
              }
             },
             "required": true
            },
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/SemanticModel"
                }
               }
              },
              "description": "The model with the merged edits applied."
             },
             "400": {
              "content": {
               "application/json": {
                "example": {
                 "error": {
                  "code": "bad_request",
                  "message": "display columns of 'customers' must not be empty"
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/Error"
                }
               }
              },
              "description": "Malformed JSON, an empty display list, or a synonym that is empty or over 100 characters."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "content": {
               "application/json": {
                "example": {
                 "error": {
                  "code": "unprocessable_content",
                  "message": "unknown column 'nickname' of table 'customers'"
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/Error"
                }
               }
              },
              "description": "An edit naming an unknown or untrained table or an unknown column, or a measure expression that is not columns and numbers joined by `+`, `-` and `*` (`unprocessable_content`)."
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Edit the semantic model of a source",
            "tags": [
             "schemas"
            ]
           },
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/sql": {
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "post": {
            "description": "One read-only `SELECT` (or `WITH … SELECT`) over trained tables only, in a\nread-only transaction, 30 s timeout, at most 1000 rows. A refused or\nfailing statement answers `success: false` with the reason. Recorded in\nthe history with generator `sql`.\n",
            "operationId": "runSQL",
            "requestBody": {
             "content": {
              "application/json": {
               "example": {
                "sql": "SELECT status, count(*) FROM orders GROUP BY status"
               },
               "schema": {
                "$ref": "#/components/schemas/RunSQLRequest"
               }
              }
             },
             "required": true
            },
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "examples": {
                 "ran": {
                  "value": {
                   "columns": [
                    "status",
                    "count"
                   ],
                   "data": [
                    {
                     "count": 30,
                     "status": "paid"
                    },
                    {
                     "count": 30,
                     "status": "shipped"
                    }
                   ],
                   "execution_time_ms": 0.52,
                   "generated_sql": "SELECT status, count(*) FROM orders GROUP BY status",
                   "row_count": 2,
                   "success": true,
                   "table_used": [
                    "orders"
                   ],
                   "truncated": false
                  }
                 },
                 "refused": {
                  "value": {
                   "columns": [],
                   "data": [],
                   "error": "table 'products' is not one of the trained tables this query may read",
                   "execution_time_ms": 0,
                   "generated_sql": "SELECT avg(price) FROM products",
                   "row_count": 0,
                   "success": false,
                   "table_used": [],
                   "truncated": false
                  }
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/QueryExecutionResult"
                }
               }
              },
              "description": "The result (or the refusal)."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "$ref": "#/components/responses/DatabaseProblem"
             },
             "429": {
              "$ref": "#/components/responses/TooManyRequests"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Run hand-written SQL under the same safety gate and limits",
            "tags": [
             "queries"
            ]
           },
           "x-querent-services": [
            "query-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/tables": {
           "get": {
            "operationId": "listTables",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "tables": [
                  {
                   "kind": "table",
                   "name": "customers",
                   "row_estimate": 1200,
                   "schema": "public",
                   "trained": true
                  },
                  {
                   "kind": "table",
                   "name": "orders",
                   "row_estimate": 48210,
                   "schema": "public",
                   "trained": false
                  },
                  {
                   "kind": "view",
                   "name": "sales.monthly_totals",
                   "row_estimate": null,
                   "schema": "sales",
                   "trained": false
                  }
                 ]
                },
                "schema": {
                 "$ref": "#/components/schemas/TableList"
                }
               }
              },
              "description": "Live listing, with the trained flag from Querent's metadata."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "422": {
              "$ref": "#/components/responses/ConnectionFailed"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "List the tables and views of the customer database",
            "tags": [
             "schemas"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/tables/{tableName}/context": {
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            },
            {
             "$ref": "#/components/parameters/TableName"
            }
           ],
           "put": {
            "description": "Stores the user's own description of the table. It is kept across\nre-introspection and retraining, and reaches the vectors at the next\n(re)training.\n",
            "operationId": "updateBusinessContext",
            "requestBody": {
             "content": {
              "application/json": {
               "example": {
                "business_description": "Orders placed in the web shop; totals include VAT."
               },
               "schema": {
                "$ref": "#/components/schemas/UpdateBusinessContextRequest"
               }
              }
             },
             "required": true
            },
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/TableSchemaResponse"
                }
               }
              },
              "description": "The stored schema with its new business context."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "$ref": "#/components/responses/DatabaseProblem"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Set the business description of a table",
            "tags": [
             "schemas"
            ]
           },
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/tables/{tableName}/sample": {
           "get": {
            "description": "Reads up to `limit` rows through the read-only connection (never stored).",
            "operationId": "getTableSample",
            "parameters": [
             {
              "in": "query",
              "name": "limit",
              "required": false,
              "schema": {
               "default": 3,
               "maximum": 100,
               "minimum": 0,
               "type": "integer"
              }
             }
            ],
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "rows": [
                  {
                   "customer_id": 17,
                   "id": 1,
                   "status": "paid",
                   "total": "42.50"
                  }
                 ]
                },
                "schema": {
                 "$ref": "#/components/schemas/SampleRows"
                }
               }
              },
              "description": "The rows, column name to value."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "422": {
              "$ref": "#/components/responses/DatabaseProblem"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Live sample rows of a table",
            "tags": [
             "schemas"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            },
            {
             "$ref": "#/components/parameters/TableName"
            }
           ],
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/tables/{tableName}/schema": {
           "get": {
            "description": "Introspects columns, keys, foreign keys, indexes, unique constraints and\nup to three sample rows, and caches the result in\n`database_table_schemas`. Later calls answer from the cache unless\n`refresh=true`.\n",
            "operationId": "getTableSchema",
            "parameters": [
             {
              "description": "Re-introspect instead of answering from the cache.",
              "in": "query",
              "name": "refresh",
              "required": false,
              "schema": {
               "default": false,
               "type": "boolean"
              }
             }
            ],
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "business_context": "Orders placed in the web shop; totals include VAT. The orders table records purchases by customers (customer_id → customers.id) …",
                 "is_trained": true,
                 "schema": {
                  "business_description": "Orders placed in the web shop; totals include VAT.",
                  "columns": [
                   {
                    "default": "nextval('orders_id_seq'::regclass)",
                    "name": "id",
                    "nullable": false,
                    "primary_key": true,
                    "type": "integer"
                   },
                   {
                    "foreign_key": {
                     "references_column": "id",
                     "references_table": "customers"
                    },
                    "name": "customer_id",
                    "nullable": false,
                    "primary_key": false,
                    "type": "integer"
                   },
                   {
                    "description": "paid, shipped or cancelled",
                    "name": "status",
                    "nullable": false,
                    "primary_key": false,
                    "type": "text"
                   },
                   {
                    "name": "total",
                    "nullable": false,
                    "primary_key": false,
                    "type": "numeric(10,2)"
                   },
                   {
                    "default": "now()",
                    "name": "created_at",
                    "nullable": false,
                    "primary_key": false,
                    "type": "timestamp with time zone"
                   }
                  ],
                  "description": "One row per customer order.",
                  "indexes": [
                   {
                    "columns": [
                     "id"
                    ],
                    "definition": "CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)",
                    "name": "orders_pkey",
                    "primary": true,
                    "unique": true
                   },
                   {
                    "columns": [
                     "customer_id"
                    ],
                    "name": "orders_customer_idx",
                    "primary": false,
                    "unique": false
                   }
                  ],
                  "kind": "table",
                  "relationships": [
                   {
                    "columns": [
                     "customer_id"
                    ],
                    "name": "orders_customer_id_fkey",
                    "references_columns": [
                     "id"
                    ],
                    "references_table": "customers"
                   }
                  ],
                  "row_estimate": 48210,
                  "sample_data": [
                   {
                    "created_at": "2026-01-03T10:00:00Z",
                    "customer_id": 17,
                    "id": 1,
                    "status": "paid",
                    "total": 42.5
                   }
                  ],
                  "schema_name": "public",
                  "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                  "table_name": "orders",
                  "unique_constraints": []
                 },
                 "updated_at": "2026-11-25T15:02:11.480Z"
                },
                "schema": {
                 "$ref": "#/components/schemas/TableSchemaResponse"
                }
               }
              },
              "description": "The schema and its training state."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "422": {
              "$ref": "#/components/responses/DatabaseProblem"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Get a table's introspected schema",
            "tags": [
             "schemas"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            },
            {
             "$ref": "#/components/parameters/TableName"
            }
           ],
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/tables/{tableName}/train": {
           "delete": {
            "description": "Marks the table untrained, derives the source's semantic model again without it, deletes its vectors and publishes `schema.untrained`.",
            "operationId": "untrainTable",
            "responses": {
             "204": {
              "description": "Untrained."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Untrain one table",
            "tags": [
             "training"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            },
            {
             "$ref": "#/components/parameters/TableName"
            }
           ],
           "post": {
            "description": "Enqueues a job on the Redis Streams queue `database-schema-training`:\n`train_table_schema` (trainingType `new_table`), or\n`retrain_table_schema` (`retrain_table`) when the table is already\ntrained. A trainer replica runs fetch (25) → analyze (50) →\nvectorize (75) → model (90: the table is marked trained and the\nsource's semantic model derived again) → complete (100); follow it\nwith `training-status` or `training-events`.\n",
            "operationId": "trainTable",
            "responses": {
             "202": {
              "content": {
               "application/json": {
                "example": {
                 "job_id": "0b6f3a52-9d8e-4a47-8f0e-5c2d7b1e6a90",
                 "training_type": "new_table"
                },
                "schema": {
                 "$ref": "#/components/schemas/TrainTableResponse"
                }
               }
              },
              "description": "Queued."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "422": {
              "$ref": "#/components/responses/DatabaseProblem"
             },
             "429": {
              "$ref": "#/components/responses/TooManyRequests"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Train one table",
            "tags": [
             "training"
            ]
           },
           "x-querent-services": [
            "trainer-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/tables/{tableName}/training-status": {
           "get": {
            "operationId": "getTrainingStatus",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "examples": {
                 "active": {
                  "value": {
                   "attempts": 1,
                   "error": null,
                   "job_id": "0b6f3a52-9d8e-4a47-8f0e-5c2d7b1e6a90",
                   "progress": 50,
                   "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                   "stage": "analyze",
                   "state": "active",
                   "table_name": "orders",
                   "updated_at": "2026-11-25T15:02:10.002Z"
                  }
                 },
                 "failed": {
                  "value": {
                   "attempts": 3,
                   "error": "connection_failed: could not connect to the database",
                   "job_id": "0b6f3a52-9d8e-4a47-8f0e-5c2d7b1e6a90",
                   "progress": 25,
                   "source_id": "5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21",
                   "stage": "failed",
                   "state": "failed",
                   "table_name": "orders",
                   "updated_at": "2026-11-25T15:04:40.310Z"
                  }
                 }
                },
                "schema": {
                 "$ref": "#/components/schemas/TrainingStatus"
                }
               }
              },
              "description": "The status of the latest job."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Latest training status of a table",
            "tags": [
             "training"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            },
            {
             "$ref": "#/components/parameters/TableName"
            }
           ],
           "x-querent-services": [
            "trainer-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/train": {
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "post": {
            "operationId": "trainTables",
            "requestBody": {
             "content": {
              "application/json": {
               "example": {
                "tables": [
                 "customers",
                 "orders",
                 "order_items"
                ]
               },
               "schema": {
                "$ref": "#/components/schemas/TrainTablesRequest"
               }
              }
             },
             "required": true
            },
            "responses": {
             "202": {
              "content": {
               "application/json": {
                "example": {
                 "jobs": [
                  {
                   "job_id": "2a7c9e10-5b3d-4f61-8e2a-9c0d1b3e5f70",
                   "table": "customers",
                   "training_type": "new_table"
                  },
                  {
                   "job_id": "0b6f3a52-9d8e-4a47-8f0e-5c2d7b1e6a90",
                   "table": "orders",
                   "training_type": "retrain_table"
                  },
                  {
                   "job_id": "7e1d4c93-6a2b-4b85-9f3c-1a0e8d2c4b56",
                   "table": "order_items",
                   "training_type": "new_table"
                  }
                 ]
                },
                "schema": {
                 "$ref": "#/components/schemas/TrainTablesResponse"
                }
               }
              },
              "description": "One queued job per table."
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "429": {
              "$ref": "#/components/responses/TooManyRequests"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "Train several tables",
            "tags": [
             "training"
            ]
           },
           "x-querent-services": [
            "trainer-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/trained-tables": {
           "get": {
            "operationId": "listTrainedTables",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "trained_tables": [
                  "customers",
                  "orders"
                 ]
                },
                "schema": {
                 "$ref": "#/components/schemas/TrainedTables"
                }
               }
              },
              "description": "Canonical names of the trained tables."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "500": {
              "$ref": "#/components/responses/InternalError"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            },
            "summary": "List the trained tables of a source",
            "tags": [
             "training"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "x-querent-services": [
            "schema-service"
           ]
          },
          "/api/v1/sources/database/{sourceId}/training-events": {
           "get": {
            "description": "A `text/event-stream` of the source's training events, relayed from the\nRedis pub/sub channels `training.progress`, `schema.trained`,\n`schema.untrained` and `knowledge.changed`. Each SSE event's `event:` is\nthe channel and its `data:` a `TrainingEvent` JSON object; lines\nstarting with `:` are keep-alive comments. The training of a taught\nexample reports `training.progress` with `example_id` set and\n`table_name` empty (0 queued → 25 fetch → 50 analyze → 75 vectorize →\n100 complete), then `knowledge.changed`; `knowledge.changed` also\nfollows every change of the examples, glossary or instructions. The\ngateway does not buffer this route.\n",
            "operationId": "streamTrainingEvents",
            "responses": {
             "200": {
              "content": {
               "text/event-stream": {
                "example": "event: training.progress\ndata: {\"channel\":\"training.progress\",\"job_id\":\"0b6f3a52-9d8e-4a47-8f0e-5c2d7b1e6a90\",\"source_id\":\"5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21\",\"table_name\":\"orders\",\"user_id\":\"user-42\",\"agent_id\":\"agent-7\",\"state\":\"active\",\"stage\":\"fetch\",\"progress\":25,\"attempt\":1,\"at\":\"2026-11-25T15:02:09.511Z\"}\n\nevent: schema.trained\ndata: {\"channel\":\"schema.trained\",\"job_id\":\"0b6f3a52-9d8e-4a47-8f0e-5c2d7b1e6a90\",\"source_id\":\"5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21\",\"table_name\":\"orders\",\"user_id\":\"user-42\",\"agent_id\":\"agent-7\",\"state\":\"completed\",\"stage\":\"complete\",\"progress\":100,\"attempt\":1,\"at\":\"2026-11-25T15:02:11.480Z\"}\n\nevent: knowledge.changed\ndata: {\"channel\":\"knowledge.changed\",\"job_id\":\"e4c1a9d0-7b2f-4e63-9a85-3d0f1c6b2e47\",\"source_id\":\"5f0c7a0e-3d1b-4c7e-9a53-2f4b8d1c9e21\",\"table_name\":\"\",\"example_id\":\"3c2b7f4e-8a1d-4e6b-9f20-5d7c1a0b9e33\",\"user_id\":\"user-42\",\"agent_id\":\"agent-7\",\"at\":\"2026-12-07T09:15:03.902Z\"}\n\n: keep-alive\n",
                "schema": {
                 "$ref": "#/components/schemas/TrainingStreamEvent"
                }
               }
              },
              "description": "The stream; it stays open until the client disconnects."
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             }
            },
            "summary": "Live training events (Server-Sent Events)",
            "tags": [
             "training"
            ]
           },
           "parameters": [
            {
             "$ref": "#/components/parameters/SourceId"
            }
           ],
           "x-querent-services": [
            "trainer-service"
           ]
          },
          "/health": {
           "get": {
            "operationId": "gatewayHealth",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "service": "gateway",
                 "status": "ok"
                },
                "schema": {
                 "$ref": "#/components/schemas/HealthStatus"
                }
               }
              },
              "description": "The gateway is up (says nothing about the services behind it)."
             }
            },
            "security": [],
            "servers": [
             {
              "url": "http://localhost:8080"
             }
            ],
            "summary": "Gateway liveness (nginx only)",
            "tags": [
             "operations"
            ]
           },
           "x-querent-services": [
            "gateway"
           ]
          },
          "/health/live": {
           "get": {
            "operationId": "live",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "checks": {},
                 "service": "schema-service",
                 "status": "ok"
                },
                "schema": {
                 "$ref": "#/components/schemas/HealthStatus"
                }
               }
              },
              "description": "The process is running."
             }
            },
            "security": [],
            "summary": "Liveness (every service)",
            "tags": [
             "operations"
            ]
           },
           "x-querent-services": [
            "schema-service",
            "trainer-service",
            "query-service"
           ]
          },
          "/health/ready": {
           "get": {
            "description": "200 when every dependency check of the service (e.g. `metadata`) answers; 503 otherwise.",
            "operationId": "ready",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "example": {
                 "checks": {
                  "metadata": "ok"
                 },
                 "service": "schema-service",
                 "status": "ok"
                },
                "schema": {
                 "$ref": "#/components/schemas/HealthStatus"
                }
               }
              },
              "description": "Ready."
             },
             "503": {
              "content": {
               "application/json": {
                "example": {
                 "checks": {
                  "metadata": "unavailable: connection refused"
                 },
                 "service": "schema-service",
                 "status": "unavailable"
                },
                "schema": {
                 "$ref": "#/components/schemas/HealthStatus"
                }
               }
              },
              "description": "Not ready."
             }
            },
            "security": [],
            "summary": "Readiness (every service)",
            "tags": [
             "operations"
            ]
           },
           "x-querent-services": [
            "schema-service",
            "trainer-service",
            "query-service"
           ]
          },
          "/metrics": {
           "get": {
            "description": "HTTP request counters and durations (Hummingbird's MetricsMiddleware), and\nQuerent's own: `querent_training_queue_depth{queue}` (gauge, trainers),\n`querent_training_job_duration_seconds{consumer,job,outcome}` (histogram),\n`querent_training_jobs_completed_total{consumer}` and\n`querent_training_jobs_failed_total{consumer,action}` (counters),\n`querent_query_duration_seconds{generator,outcome}` and\n`querent_generator_confidence{generator}` (histograms, query-service).\nNot routed by the gateway: scrape each service (each trainer replica) directly.\n",
            "operationId": "metrics",
            "responses": {
             "200": {
              "content": {
               "text/plain": {
                "example": "# TYPE querent_training_jobs_completed_total counter\nquerent_training_jobs_completed_total{consumer=\"trainer-7c9f-1\"} 42\n# TYPE querent_training_queue_depth gauge\nquerent_training_queue_depth{queue=\"database-schema-training\"} 3\n# TYPE querent_query_duration_seconds histogram\nquerent_query_duration_seconds_bucket{generator=\"builtin\",outcome=\"success\",le=\"0.025\"} 17\n",
                "schema": {
                 "type": "string"
                }
               }
              },
              "description": "Prometheus text exposition format."
             }
            },
            "security": [],
            "summary": "Prometheus metrics (every service)",
            "tags": [
             "operations"
            ]
           },
           "x-querent-services": [
            "schema-service",
            "trainer-service",
            "query-service"
           ]
          },
          "/openapi.json": {
           "get": {
            "operationId": "openapi",
            "responses": {
             "200": {
              "content": {
               "application/json": {
                "schema": {
                 "type": "object"
                }
               }
              },
              "description": "The OpenAPI 3.1 document (proto-docs/openapi.yaml converted to JSON)."
             }
            },
            "security": [],
            "summary": "This document, as JSON (every service; the gateway asks schema-service)",
            "tags": [
             "operations"
            ]
           },
           "x-querent-services": [
            "schema-service",
            "trainer-service",
            "query-service"
           ]
          }
         },
         "security": [
          {
           "bearerAuth": []
          }
         ],
         "servers": [
          {
           "description": "nginx gateway of the docker-compose stack, or the embedded `querent serve`",
           "url": "http://localhost:8080"
          },
          {
           "description": "schema-service directly (sources, tables, schemas, semantic models, teaching)",
           "url": "http://localhost:8081"
          },
          {
           "description": "trainer-service directly (one replica; training routes)",
           "url": "http://localhost:8082"
          },
          {
           "description": "query-service directly (query, sql, query-history and its feedback, context, chat)",
           "url": "http://localhost:8083"
          }
         ],
         "tags": [
          {
           "description": "Register, test, list and delete customer databases (schema-service).",
           "name": "sources"
          },
          {
           "description": "Tables, introspected schemas and business context (schema-service).",
           "name": "schemas"
          },
          {
           "description": "Enqueue, follow and undo training (trainer-service; any replica answers, the queue spreads the work).",
           "name": "training"
          },
          {
           "description": "Questions, hand-written SQL, history, feedback on answers, schema context and chat (query-service).",
           "name": "queries"
          },
          {
           "description": "Examples, glossary, instructions and the knowledge document (schema-service); feedback on answers (query-service).",
           "name": "teaching"
          },
          {
           "description": "Health, metrics and this document, served by every service on its own port; no authentication.",
           "name": "operations"
          }
         ]
        }
        """##
}
