using System.Text;
using Connector.OpenApiDerivation;
using Connector.Tests.OpenApiDerivation.Relaxations;
using Connector.Tests.RealPayloads;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.OpenApiDerivation;

/// <summary>Runs the deriver on a tiny OpenAPI document written here (never on ../shared).</summary>
[TestFixture]
public sealed class OpenApiDeriverTests
{
    private const string TinyOpenApi = """
        openapi: 3.0.3
        info:
          title: Tiny API
          version: '1.5'
        paths:
          /widgets:
            get:
              operationId: widgets_list
              summary: List widgets
              parameters:
              - $ref: '#/components/parameters/Pagination.limit'
              - name: offset
                in: query
                schema: {type: integer}
              - name: status
                in: query
                description: 'Filter for: status


                  **lookups:** eq, ne, in, out


                  **ordering:** true'
                schema: {type: string}
              - name: owner.id
                in: query
                description: "Filter for: owner.id\n\n**lookups:** eq, like, ilike\n\n**search:** true\n\n**null:** OW-0000, null()"
                schema: {type: string}
              - name: instance_id
                in: query
                schema: {type: string}
              - name: template
                in: query
                description: "Explicit select only.\n\n**lookups:** \n\n**default:** *hidden*"
                schema: {type: string}
              responses:
                '200':
                  content:
                    application/json:
                      schema:
                        type: array
                        items: {$ref: '#/components/schemas/Widget'}
                '400':
                  description: bad
            post:
              operationId: widgets_create
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Widget'}
                    examples:
                      inline: {value: {name: Inline, size: 3}}
                      shared: {$ref: '#/components/examples/WidgetExample'}
              responses:
                '201':
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Widget'}
          /widgets/{widget_verbose_id}:
            get:
              operationId: widgets_get
              responses:
                '200':
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Widget'}
            delete:
              operationId: widgets_delete
              responses:
                '204': {description: deleted}
          /widgets/{id}/file:
            get:
              operationId: widgets_file
              responses:
                '200':
                  content:
                    application/octet-stream:
                      schema: {type: string, format: binary}
        components:
          parameters:
            Pagination.limit:
              name: limit
              in: query
              schema: {type: integer}
          examples:
            WidgetExample:
              summary: shared example
              value: {name: Shared, size: '7', created: '2025-01-01T00:00:00Z'}
          schemas:
            Widget:
              type: object
              required: [name]
              properties:
                id: {type: string, readOnly: true}
                name: {type: string, maxLength: 20}
                size: {type: integer, nullable: true}
                created: {type: string, format: datetime}
                state: {type: string, enum: [active, retired]}
                owner: {$ref: '#/components/schemas/Owner', nullable: true}
                legacy: {$ref: '#/components/schemas/DoesNotExist'}
                parts: {type: array, items: {$ref: '#/components/schemas/Part'}}
                kind:
                  oneOf:
                  - {$ref: '#/components/schemas/Part'}
                  - {type: string}
                  discriminator: {propertyName: type}
            Owner:
              type: object
              properties:
                id: {type: string}
            Part:
              type: object
              additionalProperties: false
              properties:
                sku: {type: string, example: P-1}
        """;

    private const string TinyDescriptor = """
        {"objectTypes": [
          {"id": "widget", "operations": [
            {"method": "GET", "path": "/widgets/{id}"},
            {"method": "GET", "path": "/widgets"},
            {"method": "POST", "path": "/widgets"},
            {"method": "DELETE", "path": "/widgets/{id}"},
            {"method": "GET", "path": "/widgets/{id}/file"}
          ]}
        ]}
        """;

    [Test]
    public async Task Records_the_source_and_uses_the_descriptor_path_with_the_document_path_beside_it()
    {
        var derived = await DeriveAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);
        var get = Endpoint(derived, "GET", "/widgets/{id}");

        Assert.That((string?)derived["source"]!["title"], Is.EqualTo("Tiny API"));
        Assert.That((string?)derived["source"]!["version"], Is.EqualTo("1.5"));
        Assert.That((string?)derived["source"]!["document"], Is.EqualTo("tiny.yml"));
        Assert.That((string?)get["openApiPath"], Is.EqualTo("/widgets/{widget_verbose_id}"));
        Assert.That((string?)get["operationId"], Is.EqualTo("widgets_get"));
        Assert.That((string?)Endpoint(derived, "GET", "/widgets")["summary"], Is.EqualTo("List widgets"));
        Assert.That(get["summary"]!.Type, Is.EqualTo(JTokenType.Null));
        Assert.That(derived["endpoints"]!.Select(e => $"{e["method"]} {e["path"]}"), Is.EqualTo(new[]
        {
            "GET /widgets", "POST /widgets", "DELETE /widgets/{id}", "GET /widgets/{id}", "GET /widgets/{id}/file",
        }));
    }

    [Test]
    public async Task Records_the_sha256_of_the_input_bytes()
    {
        var derived = await DeriveAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(TinyOpenApi)));

        Assert.That((string?)derived["source"]!["sha256"], Is.EqualTo(expected));
    }

    [Test]
    public async Task Nullable_adds_null_to_the_type_or_wraps_a_reference_in_anyOf()
    {
        var derived = await DeriveAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);
        var properties = derived["definitions"]!["response.Widget"]!["properties"]!;

        Assert.That(properties["size"]!["type"]!.Values<string>(), Is.EqualTo(new[] { "integer", "string", "null" }));
        Assert.That(properties["owner"]!.ToString(Newtonsoft.Json.Formatting.None),
            Is.EqualTo("""{"anyOf":[{"$ref":"#/definitions/response.Owner"},{"type":"null"}]}"""));
    }

    [Test]
    public async Task Datetime_becomes_a_date_time_annotation()
    {
        var derived = await DeriveAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);
        var created = derived["definitions"]!["response.Widget"]!["properties"]!["created"]!;

        Assert.That((string?)created["x-format"], Is.EqualTo("date-time"));
        Assert.That(created["format"], Is.Null);
        Assert.That((string?)created["description"], Does.Contain("date-time"));
    }

    [Test]
    public async Task References_resolve_to_role_prefixed_definitions_reached_transitively()
    {
        var derived = await DeriveAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);
        var list = Endpoint(derived, "GET", "/widgets");
        var create = Endpoint(derived, "POST", "/widgets");

        Assert.That(((JObject)derived["definitions"]!).Properties().Select(p => p.Name), Is.EqualTo(new[]
        {
            "request.Owner", "request.Part", "request.Widget", "response.Owner", "response.Part", "response.Widget",
        }));
        Assert.That((string?)list["responses"]![0]!["schema"]!["items"]!["$ref"], Is.EqualTo("#/definitions/response.Widget"));
        Assert.That((string?)create["request"]!["schema"]!["$ref"], Is.EqualTo("#/definitions/request.Widget"));
        Assert.That(((JArray)list["responses"]!).Count, Is.EqualTo(1), "only 2xx responses are kept");
    }

    [Test]
    public async Task Relaxations_differ_by_role()
    {
        var derived = await DeriveAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);
        var response = derived["definitions"]!["response.Widget"]!;
        var request = derived["definitions"]!["request.Widget"]!;

        Assert.That(response["required"], Is.Null);
        Assert.That(request["required"], Is.Null);
        Assert.That(response["properties"]!["name"]!["maxLength"], Is.Null);
        Assert.That((int?)request["properties"]!["name"]!["maxLength"], Is.EqualTo(20));
        Assert.That(response["properties"]!["state"]!["enum"], Is.Null);
        Assert.That(response["properties"]!["state"]!["x-enum"]!.Values<string>(), Is.EqualTo(new[] { "active", "retired" }));
        Assert.That(response["properties"]!["parts"]!["type"]!.Values<string>(), Is.EqualTo(new[] { "array", "object", "string", "null" }), "the empty string stands for an absent value");
        Assert.That((string?)request["properties"]!["parts"]!["type"], Is.EqualTo("array"));
        Assert.That(derived["definitions"]!["response.Part"]!["additionalProperties"], Is.Null);
        Assert.That((bool?)derived["definitions"]!["request.Part"]!["additionalProperties"], Is.False);
        Assert.That(response["properties"]!["kind"]!["anyOf"], Is.Not.Null);
        Assert.That(response["properties"]!["kind"]!["oneOf"], Is.Null);
        Assert.That(response["properties"]!["kind"]!["discriminator"], Is.Null);
        Assert.That(derived["definitions"]!["response.Part"]!["properties"]!["sku"]!["examples"]!.Values<string>(), Is.EqualTo(new[] { "P-1" }));
    }

    [Test]
    public async Task An_unresolvable_reference_becomes_a_permissive_object_and_is_recorded()
    {
        var derived = await DeriveAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);
        var legacy = derived["definitions"]!["response.Widget"]!["properties"]!["legacy"]!;
        var record = ((JArray)derived["relaxations"]!).Single(r => (string?)r["id"] == "unresolved-ref-as-object");

        Assert.That((string?)legacy["type"], Is.EqualTo("object"));
        Assert.That(legacy["$ref"], Is.Null);
        Assert.That(record["references"]!.Values<string>(), Is.EqualTo(new[] { "#/components/schemas/DoesNotExist" }));
    }

    [Test]
    public async Task Filters_come_from_parameter_descriptions_and_plain_query_parameters()
    {
        var derived = await DeriveAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);
        var list = Endpoint(derived, "GET", "/widgets");

        Assert.That((bool?)list["paged"], Is.True);
        Assert.That(list["filters"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(
            """[{"name":"instance_id","lookups":["eq"],"orderable":false,"search":false,"nullable":false},"""
            + """{"name":"owner.id","lookups":["eq","like","ilike"],"orderable":false,"search":true,"nullable":true},"""
            + """{"name":"status","lookups":["eq","ne","in","out"],"orderable":true,"search":false,"nullable":false}]"""));
        Assert.That(((JArray)Endpoint(derived, "GET", "/widgets/{id}")["filters"]!).Count, Is.Zero);
        Assert.That((bool?)Endpoint(derived, "GET", "/widgets/{id}")["paged"], Is.False);
    }

    [Test]
    public async Task Request_examples_are_collected_inline_and_through_component_references()
    {
        var derived = await DeriveAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);
        var request = Endpoint(derived, "POST", "/widgets")["request"]!;

        Assert.That((string?)request["contentType"], Is.EqualTo("application/json"));
        Assert.That(request["examples"]!.Select(e => (string?)e["name"]), Is.EqualTo(new[] { "Inline", "Shared" }));
    }

    [Test]
    public async Task Empty_and_binary_responses_have_no_schema_but_keep_their_status_and_content_type()
    {
        var derived = await DeriveAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);
        var deleted = Endpoint(derived, "DELETE", "/widgets/{id}")["responses"]![0]!;
        var file = Endpoint(derived, "GET", "/widgets/{id}/file")["responses"]![0]!;

        Assert.That((int?)deleted["status"], Is.EqualTo(204));
        Assert.That(deleted["contentType"]!.Type, Is.EqualTo(JTokenType.Null));
        Assert.That(deleted["schema"]!.Type, Is.EqualTo(JTokenType.Null));
        Assert.That((string?)file["contentType"], Is.EqualTo("application/octet-stream"));
        Assert.That(file["schema"]!.Type, Is.EqualTo(JTokenType.Null));
    }

    [Test]
    public async Task Two_runs_on_the_same_input_are_byte_identical_with_lf_line_ends()
    {
        var first = await DeriveBytesAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);
        var second = await DeriveBytesAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Not.Contain((byte)'\r'));
        Assert.That(Encoding.UTF8.GetString(first), Does.StartWith("{\n  \"source\": {\n    \"title\""));
    }

    [Test]
    public async Task A_descriptor_entry_without_a_matching_operation_is_named_in_the_error()
    {
        const string descriptor = """
            {"objectTypes": [{"id": "widget", "operations": [
              {"method": "GET", "path": "/widgets"},
              {"method": "PUT", "path": "/widgets/{id}"},
              {"method": "GET", "path": "/gadgets"}
            ]}]}
            """;

        var error = await Assert.ThrowsAsync<OpenApiDerivationException>(() => DeriveAsync(TinyOpenApi, descriptor)).ConfigureAwait(false);

        Assert.That(error!.Message, Does.Contain("PUT /widgets/{id}").And.Contain("GET /gadgets").And.Not.Contain("GET /widgets "));
    }

    [Test]
    public async Task Known_requirements_for_endpoints_the_descriptor_lacks_are_reported()
    {
        using var openApi = new MemoryStream(Encoding.UTF8.GetBytes(TinyOpenApi));
        using var descriptor = new MemoryStream(Encoding.UTF8.GetBytes(TinyDescriptor));
        using var output = new MemoryStream();

        var result = await new OpenApiDeriver().DeriveAsync(openApi, "tiny.yml", descriptor, output, CancellationToken.None).ConfigureAwait(false);

        Assert.That(result.UnusedRequirements, Does.Contain("POST /requests/{id}/approve"));
        Assert.That(result.Endpoints, Is.EqualTo(5));
        Assert.That(result.Filters, Is.EqualTo(3));
        Assert.That(result.SelectOnlyParameters, Is.EqualTo(1));
    }

    [Test]
    public async Task Fields_a_list_filters_by_are_added_to_the_answers_documented_like_its_items_that_lack_them()
    {
        const string openApi = """
            openapi: 3.0.3
            info: {title: Filters, version: '1'}
            paths:
              /gadgets:
                get:
                  parameters:
                  - {name: limit, in: query, schema: {type: integer}}
                  - {name: name, in: query, description: "**lookups:** eq", schema: {type: string}}
                  - {name: contract.id, in: query, description: "**lookups:** eq, in", schema: {type: string}}
                  - {name: contract__id, in: query, description: "**lookups:** eq", schema: {type: string}}
                  - {name: asset_id, in: query, description: "**lookups:** eq", schema: {type: string}}
                  - {name: sli.days, in: query, description: "**lookups:** eq", schema: {type: integer}}
                  responses:
                    '200': {content: {application/json: {schema: {type: array, items: {type: object, properties: {id: {type: string}, name: {type: string}, asset: {type: object, properties: {id: {type: string}}}}}}}}}
              /gadgets/{id}:
                get:
                  responses:
                    '200': {content: {application/json: {schema: {type: object, properties: {asset: {type: object, properties: {id: {type: string}}}, id: {type: string}, name: {type: string}}}}}}
              /gadgets/{id}/approve:
                post:
                  requestBody: {content: {application/json: {schema: {type: object, properties: {id: {type: string}, name: {type: string}}}}}}
                  responses:
                    '200': {content: {application/json: {schema: {type: object, properties: {status: {type: string}}}}}}
              /deals:
                get:
                  responses:
                    '200': {content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Deal'}}}}}
            components:
              schemas:
                Deal:
                  type: object
                  properties:
                    id: {type: string}
                    contract: {type: object, properties: {id: {type: string}, name: {type: string}, type: {type: string}}}
            """;
        const string descriptor = """
            {"objectTypes": [{"id": "gadget", "operations": [
              {"method": "GET", "path": "/gadgets"}, {"method": "GET", "path": "/gadgets/{id}"}, {"method": "POST", "path": "/gadgets/{id}/approve"}
            ]}, {"id": "deal", "operations": [{"method": "GET", "path": "/deals"}]}]}
            """;

        var derived = await DeriveAsync(openApi, descriptor).ConfigureAwait(false);

        var get = (JObject)Endpoint(derived, "GET", "/gadgets/{id}")["responses"]![0]!["schema"]!;
        var properties = (JObject)get["properties"]!;
        Assert.That(properties.Properties().Select(p => p.Name), Is.EqualTo(new[] { "asset", "id", "name", "contract", "sli" }),
            "contract.id and sli.days name fields the schema lacks; asset_id is the documented asset's id, contract__id a Django lookup");
        Assert.That((string?)properties["contract"]!["anyOf"]![0]!["description"], Does.Contain("`contract.id`").And.Contain("GET /gadgets"));
        var coverage = new ProfileCoverage(ConvertedSchemas.Standalone(get, (JObject)derived["definitions"]!));
        Assert.That(coverage.Describes(["contract", "name"]), "the contract other objects document lends its fields");
        Assert.That(coverage.Describes(["sli", "days"]));
        Assert.That(Endpoint(derived, "GET", "/gadgets")["responses"]![0]!["schema"]!["items"]!["properties"]!["contract"], Is.Not.Null);
        Assert.That(Endpoint(derived, "POST", "/gadgets/{id}/approve")["responses"]![0]!["schema"]!["properties"]!["contract"], Is.Null,
            "an answer documented unlike the list's items is another object");
        Assert.That(Endpoint(derived, "POST", "/gadgets/{id}/approve")["request"]!["schema"]!["properties"]!["contract"], Is.Null);
        var record = ((JArray)derived["relaxations"]!).Single(r => (string?)r["id"] == "fields-documented-by-filters");
        Assert.That(record["firedAt"]!.Values<string>(), Does.Contain("GET /gadgets 200#/[]/contract").And.Contain("GET /gadgets/{id} 200#/sli"));
    }

    [Test]
    public async Task Another_view_of_the_object_lends_what_it_documents_but_not_what_a_list_filter_added()
    {
        const string openApi = """
            openapi: 3.0.3
            info: {title: Views, version: '1'}
            paths:
              /assets:
                get:
                  parameters:
                  - {name: hub.id, in: query, description: "**lookups:** eq", schema: {type: string}}
                  responses:
                    '200': {content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/dp.Subscription'}}}}}
              /assets/{id}:
                get:
                  responses:
                    '200': {content: {application/json: {schema: {$ref: '#/components/schemas/dp.Subscription'}}}}
              /subscriptions/assets/{id}:
                get:
                  responses:
                    '200': {content: {application/json: {schema: {$ref: '#/components/schemas/subscriptions.Subscription'}}}}
            components:
              schemas:
                dp.Subscription:
                  type: object
                  properties: {id: {type: string}, status: {type: string}, product: {type: object}, tiers: {type: object}, items: {type: array}, params: {type: array}, events: {type: object}, contract: {type: object}, configuration: {type: object}}
                subscriptions.Subscription:
                  type: object
                  properties: {id: {type: string}, status: {type: string}, product: {type: object}, tiers: {type: object}, items: {type: array}, params: {type: array}, events: {type: object}, contract: {type: object}, billing: {type: object, properties: {next_date: {type: string}}}}
            """;
        const string descriptor = """
            {"objectTypes": [
              {"id": "asset", "operations": [{"method": "GET", "path": "/assets"}, {"method": "GET", "path": "/assets/{id}"}]},
              {"id": "subscription_asset", "operations": [{"method": "GET", "path": "/subscriptions/assets/{id}"}]}
            ]}
            """;

        var derived = await DeriveAsync(openApi, descriptor).ConfigureAwait(false);

        var asset = (JObject)derived["definitions"]!["response.dp.Subscription"]!["properties"]!;
        var subscription = (JObject)derived["definitions"]!["response.subscriptions.Subscription"]!["properties"]!;
        Assert.That(asset["billing"], Is.Not.Null);
        Assert.That(asset["hub"], Is.Not.Null, "GET /assets filters by hub.id");
        Assert.That(subscription["configuration"], Is.Not.Null);
        Assert.That(subscription["hub"], Is.Null, "the asset view has hub only from its list's filter: not documented there");
    }

    [Test]
    public async Task A_component_given_fields_by_a_list_filter_keeps_them_out_of_its_request_form()
    {
        var derived = await DeriveAsync(TinyOpenApi, TinyDescriptor).ConfigureAwait(false);

        var response = (JObject)derived["definitions"]!["response.Widget"]!["properties"]!;
        var request = (JObject)derived["definitions"]!["request.Widget"]!["properties"]!;
        Assert.That(response["status"], Is.Not.Null, "GET /widgets filters by status, which Widget does not document");
        Assert.That(response["instance_id"], Is.Not.Null);
        Assert.That(request["status"], Is.Null, "what a list filters by is not something a request body takes");
        Assert.That(request["instance_id"], Is.Null);
        var record = ((JArray)derived["relaxations"]!).Single(r => (string?)r["id"] == "fields-documented-by-filters");
        Assert.That(record["firedAt"]!.Values<string>(), Is.EqualTo(new[] { "response.Widget#/instance_id", "response.Widget#/status" }));
    }

    [Test]
    public async Task Steps_a_list_filters_by_below_a_documented_field_are_described_in_answers_and_left_out_of_requests()
    {
        const string openApi = """
            openapi: 3.0.3
            info: {title: Filter steps, version: '1'}
            paths:
              /orders:
                get:
                  parameters:
                  - {name: assignee.email, in: query, description: "**lookups:** eq", schema: {type: string}}
                  - {name: owner.account.hub.id, in: query, description: "**lookups:** eq", schema: {type: string}}
                  - {name: lines.sku, in: query, description: "**lookups:** eq", schema: {type: string}}
                  - {name: owner.id, in: query, description: "**lookups:** eq", schema: {type: string}}
                  responses:
                    '200': {content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Order'}}}}}
                post:
                  requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
                  responses:
                    '201': {content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
            components:
              schemas:
                Order:
                  type: object
                  properties:
                    id: {type: string}
                    assignee: {type: string}
                    owner: {$ref: '#/components/schemas/Owner'}
                    lines: {type: array, items: {type: object, properties: {qty: {type: integer}}}}
                Owner:
                  type: object
                  properties:
                    id: {type: string}
                    account: {type: object, properties: {name: {type: string}}}
            """;
        const string descriptor = """
            {"objectTypes": [{"id": "order", "operations": [{"method": "GET", "path": "/orders"}, {"method": "POST", "path": "/orders"}]}]}
            """;

        var derived = await DeriveAsync(openApi, descriptor).ConfigureAwait(false);

        var definitions = (JObject)derived["definitions"]!;
        var coverage = new ProfileCoverage(ConvertedSchemas.Standalone((JObject)definitions["response.Order"]!, definitions));
        Assert.That(coverage.Describes(["assignee", "email"]), "assignee.email names a field of the documented string assignee");
        Assert.That(coverage.Describes(["owner", "account", "hub", "id"]), "a documented step (owner.account) is followed down");
        Assert.That(coverage.Describes(["lines", "[]", "sku"]), "an array's steps are its items' fields");
        Assert.That(coverage.Describes(["owner", "id"]));
        var assignee = definitions["response.Order"]!["properties"]!["assignee"]!;
        Assert.That(assignee["anyOf"]![0]!["type"], Is.Not.Null, "the documented form comes first and still accepts what it did");
        Assert.That((string?)assignee["anyOf"]![1]!["description"], Does.Contain("`assignee.email` of GET /orders"));
        Assert.That((string?)definitions["response.Owner"]!["properties"]!["account"]!["anyOf"]![1]!["description"],
            Does.Contain("the filters `owner.account.hub.id` of GET /orders (").And.Not.Contain("`owner.id`"), "only the filters that reach a missing step are named");
        var request = definitions["request.Order"]!.ToString() + definitions["request.Owner"]!.ToString();
        Assert.That(request, Does.Not.Contain("email").And.Not.Contain("hub").And.Not.Contain("sku"),
            "what a list filters by is not something a request body takes");
        var record = ((JArray)derived["relaxations"]!).Single(r => (string?)r["id"] == "filter-steps-of-documented-fields");
        Assert.That(record["firedAt"]!.Values<string>(), Is.EqualTo(new[] { "response.Order#/assignee", "response.Order#/lines", "response.Owner#/account" }));
    }

    private static JObject Endpoint(JObject derived, string method, string path) =>
        (JObject)derived["endpoints"]!.Single(e => (string?)e["method"] == method && (string?)e["path"] == path);

    private static async Task<JObject> DeriveAsync(string openApi, string descriptor) =>
        JObject.Parse(Encoding.UTF8.GetString(await DeriveBytesAsync(openApi, descriptor).ConfigureAwait(false)));

    private static async Task<byte[]> DeriveBytesAsync(string openApi, string descriptor)
    {
        using var openApiStream = new MemoryStream(Encoding.UTF8.GetBytes(openApi));
        using var descriptorStream = new MemoryStream(Encoding.UTF8.GetBytes(descriptor));
        using var output = new MemoryStream();
        await new OpenApiDeriver().DeriveAsync(openApiStream, "tiny.yml", descriptorStream, output, CancellationToken.None).ConfigureAwait(false);
        return output.ToArray();
    }
}
