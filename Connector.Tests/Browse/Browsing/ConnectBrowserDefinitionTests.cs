using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Operations;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NUnit.Framework;

namespace Connector.Tests.Browse.Browsing;

public sealed class ConnectBrowserDefinitionTests
{
    private static IEnumerable<MatrixEntry> Entries => MatrixEntry.All;

    [TestCaseSource(nameof(Entries))]
    public async Task Every_entry_has_both_roles_with_the_content_types_its_request_and_response_kinds_give(MatrixEntry matrixEntry)
    {
        var catalog = await BrowseFixture.CatalogAsync();
        var operation = catalog.Descriptor.FindObjectType(matrixEntry.ObjectType)!.FindOperation(BrowseFixture.TypeOf(matrixEntry))!;

        var definitions = catalog.Browser.GetObjectDefinitions(matrixEntry.ObjectType, BrowseFixture.TypeOf(matrixEntry));

        Assert.That(definitions.Select(d => d.Role), Is.EqualTo(new[] { ObjectDefinitionRole.Input, ObjectDefinitionRole.Output }));
        var (input, output) = (definitions[0], definitions[1]);
        Assert.That(input.ContentType, Is.EqualTo(ExpectedInput(operation.Request.Body)), "input");
        Assert.That(output.ContentType, Is.EqualTo(ExpectedOutput(operation.Response)), "output");
        foreach (var definition in definitions)
        {
            Assert.That(definition.Schema is not null, Is.EqualTo(definition.ContentType == DefinitionContentType.Json), definition.Role.ToString());
        }

        if (output.Schema is not null && (operation.Response.IsList || operation.Response.PerRecordStatus))
        {
            // One record, not the array.
            Assert.That(output.Schema.Type.HasFlag(JsonObjectType.Array), Is.False);
            Assert.That(output.Schema.ActualProperties, Is.Not.Empty);
        }
    }

    [TestCaseSource(nameof(Entries))]
    public async Task Every_json_schema_round_trips_through_njsonschema_with_every_reference_inside(MatrixEntry matrixEntry)
    {
        var catalog = await BrowseFixture.CatalogAsync();
        var entry = catalog.GetEntry(matrixEntry.ObjectType, BrowseFixture.TypeOf(matrixEntry));

        var schemas = new[] { entry.InputSchema, entry.OutputSchema }.OfType<JsonSchema>().ToList();
        foreach (var schema in schemas)
        {
            var json = schema.ToJson();
            var reloaded = await JsonSchema.FromJsonAsync(json, CancellationToken.None);
            var parsed = JObject.Parse(json);
            var definitions = parsed["definitions"] as JObject ?? [];
            var references = parsed.Descendants().OfType<JProperty>().Where(p => p.Name == "$ref").Select(p => (string)p.Value!).ToList();

            Assert.That(reloaded.Title, Is.EqualTo(schema.Title));
            Assert.That(references, Has.All.StartWith("#/definitions/"));
            Assert.That(references.Select(r => r["#/definitions/".Length..]), Has.All.Matches<string>(name => definitions.ContainsKey(name!)));
        }

        Assert.That(schemas.Count, Is.EqualTo(new[] { entry.Input, entry.Output }.Count(d => d.ContentType == DefinitionContentType.Json)));
    }

    [Test]
    public async Task Request_approve_input_is_the_approval_body_titled_for_the_action()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        var input = catalog.Browser.GetObjectDefinitions("request", OperationType.Execute("APPROVE"))[0];

        Assert.That(input.ContentType, Is.EqualTo(DefinitionContentType.Json));
        Assert.That(input.Schema!.Title, Is.EqualTo("Request (APPROVE input)"));
        Assert.That(input.Schema.ActualProperties.Keys, Does.Contain("template_id").And.Contain("activation_tile"));
    }

    [Test]
    public async Task Asset_query_output_is_one_record()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        var output = catalog.Browser.GetObjectDefinitions("asset", OperationType.Query)[1];

        Assert.That(output.Schema!.Title, Is.EqualTo("Asset (QUERY output)"));
        Assert.That(output.Schema.ActualProperties.Keys, Does.Contain("id").And.Contain("status").And.Contain("product"));
        Assert.That(output.Schema.Validate(JToken.Parse("""[{"id": "AS-1"}]""")), Is.Not.Empty, "an array is not one record");
    }

    [Test]
    public async Task Usage_record_bulk_close_input_is_one_record_requiring_id_and_output_the_status_element()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        var definitions = catalog.Browser.GetObjectDefinitions("usage_record", OperationType.Execute("BULK_CLOSE"));

        var input = definitions[0].Schema!;
        Assert.That(input.RequiredProperties, Is.EqualTo(new[] { "id" }));
        Assert.That(input.Validate(JToken.Parse("""{"id": "UR-1", "external_billing_id": "INV-7"}""")), Is.Empty);
        Assert.That(input.Validate(JToken.Parse("""{"external_billing_id": "INV-7"}""")), Is.Not.Empty);
        var output = definitions[1].Schema!;
        Assert.That(output.ActualProperties.Keys, Is.SupersetOf(new[] { "id", "status", "error_details" }));
        Assert.That(output.Validate(JToken.Parse("""{"id": "UR-1", "status": "CLOSED"}""")), Is.Empty);
    }

    [TestCase("usage_chunk", "DOWNLOAD", ObjectDefinitionRole.Output, DefinitionContentType.Binary)]
    [TestCase("usage_reconciliation", "DOWNLOAD_PROCESSED", ObjectDefinitionRole.Output, DefinitionContentType.Binary)]
    [TestCase("usage_report", "UPLOAD", ObjectDefinitionRole.Input, DefinitionContentType.Binary)]
    [TestCase("usage_report", "UPLOAD_RECONCILIATION", ObjectDefinitionRole.Input, DefinitionContentType.Binary)]
    [TestCase("usage_reconciliation", "CREATE", ObjectDefinitionRole.Input, DefinitionContentType.Binary)]
    [TestCase("tier_account", "DELETE", ObjectDefinitionRole.Output, DefinitionContentType.None)]
    [TestCase("tier_account", "DELETE", ObjectDefinitionRole.Input, DefinitionContentType.None)]
    [TestCase("usage_report", "DELETE", ObjectDefinitionRole.Output, DefinitionContentType.Json)]
    [TestCase("request", "GET", ObjectDefinitionRole.Input, DefinitionContentType.None)]
    [TestCase("request", "PENDING", ObjectDefinitionRole.Input, DefinitionContentType.None)]
    [TestCase("tier_config_request", "REJECT", ObjectDefinitionRole.Output, DefinitionContentType.Json)]
    public async Task Spot_checks(string objectType, string operation, ObjectDefinitionRole role, DefinitionContentType expected)
    {
        var catalog = await BrowseFixture.CatalogAsync();
        Assert.That(OperationType.TryParse(operation, out var type), Is.True);

        var definition = catalog.Browser.GetObjectDefinitions(objectType, type!).Single(d => d.Role == role);

        Assert.That(definition.ContentType, Is.EqualTo(expected));
    }

    [Test]
    public async Task Tier_config_request_pending_output_is_the_object_as_get_returns_it()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        var pending = catalog.GetEntry("tier_config_request", OperationType.Execute("PENDING"));
        var get = catalog.GetEntry("tier_config_request", OperationType.Get);

        Assert.That(pending.Output.ContentType, Is.EqualTo(DefinitionContentType.Json));
        Assert.That(pending.OutputSchema!.Title, Is.EqualTo("Tier Config Request (PENDING output)"));
        Assert.That(pending.OutputSchema.ActualProperties.Keys, Is.EqualTo(get.OutputSchema!.ActualProperties.Keys));
        Assert.That(pending.OutputSchema.ActualProperties.Keys, Does.Contain("configuration").And.Contain("events"));
    }

    [Test]
    public async Task An_undescribed_answer_of_an_operation_returning_the_object_is_the_object_as_get_returns_it()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        // The document says `schema: {}` for the 201 of POST /requests and the 200 of PUT /requests/{id}.
        var create = catalog.GetEntry("request", OperationType.Create);
        var update = catalog.GetEntry("request", OperationType.Update);
        var get = catalog.GetEntry("request", OperationType.Get);

        Assert.That(create.OutputSchema!.ActualProperties.Keys, Is.EqualTo(get.OutputSchema!.ActualProperties.Keys).And.Contain("status"));
        Assert.That(update.OutputSchema!.ActualProperties.Keys, Is.EqualTo(get.OutputSchema.ActualProperties.Keys));
    }

    [Test]
    public async Task Outputs_accept_realistic_payloads_within_the_relaxations()
    {
        var catalog = await BrowseFixture.CatalogAsync();
        var payloads = new (string ObjectType, OperationType Operation, string Json)[]
        {
            // Missing fields, enum values in another case, numeric strings, undocumented extras.
            ("request", OperationType.Get, """{"id": "PR-1", "type": "PURCHASE", "status": "Approved", "created": "2024-01-01T10:00:00+00:00", "asset": {"id": "AS-1", "status": "Active"}, "new_field": [1, 2]}"""),
            ("request", OperationType.Query, """{"id": "PR-2", "status": "pending"}"""),
            ("asset", OperationType.Query, """{"id": "AS-1", "status": "ACTIVE", "external_id": 42, "product": {"id": "PRD-1"}, "events": {"created": {"at": "2024-01-01"}}}"""),
            ("usage_record", OperationType.Get, """{"id": "UR-1", "usage": "12.5", "multiplier": "2", "amount": 3, "status": "VALID"}"""),
            ("usage_chunk", OperationType.Get, """{"id": "UFC-1"}"""),
            ("tier_config_request", OperationType.Execute("PENDING"), """{"id": "TCR-1", "status": "PENDING", "configuration": {"id": "TC-1"}}"""),
            ("tier_config_request", OperationType.Execute("APPROVE"), """{"template": {"id": "TL-1"}}"""),
            ("usage_record", OperationType.Execute("BULK_CLOSE"), """{"id": "UR-1", "status": "closed", "error_details": ""}"""),
        };

        foreach (var (objectType, operation, json) in payloads)
        {
            var schema = catalog.GetEntry(objectType, operation).OutputSchema!;
            var errors = schema.Validate(JToken.Parse(json));
            Assert.That(errors, Is.Empty, $"{objectType} {operation}: {string.Join("; ", errors)}");
        }
    }

    [Test]
    public async Task Inputs_accept_the_documents_own_request_examples()
    {
        var catalog = await BrowseFixture.CatalogAsync();
        var checkedExamples = 0;

        foreach (var entry in catalog.Entries.Where(e => e.InputSchema is not null && e.Endpoint.Request is not null))
        {
            foreach (var example in entry.Endpoint.Request!.Examples)
            {
                // A bulk body is an array; each input document is one element.
                var documents = entry.Operation.Request.Body == RequestBodyKind.JsonArray && example is JArray array ? array.ToList() : [example];
                foreach (var document in documents)
                {
                    var errors = entry.InputSchema!.Validate(document);
                    Assert.That(errors, Is.Empty, $"{entry}: {string.Join("; ", errors)}");
                    checkedExamples++;
                }
            }
        }

        Assert.That(checkedExamples, Is.GreaterThan(0));
        await TestContext.Out.WriteLineAsync($"{checkedExamples} document examples accepted.");
    }

    [TestCase("request", "APPROVE", """{"effective_date": "2024-01-01"}""", false)]
    [TestCase("request", "APPROVE", """{"template_id": "TL-1"}""", true)]
    [TestCase("request", "APPROVE", """{"activation_tile": "Welcome"}""", true)]
    [TestCase("request", "REJECT", """{}""", false)]
    [TestCase("request", "REJECT", """{"reason": "No stock"}""", true)]
    [TestCase("tier_config_request", "APPROVE", """{}""", false)]
    [TestCase("tier_config_request", "APPROVE", """{"template": {}}""", false)]
    [TestCase("tier_config_request", "APPROVE", """{"template": {"id": "TL-1"}}""", true)]
    [TestCase("request", "UPDATE", """{"asset": {"params": [{"id": "p1", "value": "v"}]}}""", true)]
    public async Task Inputs_enforce_only_the_known_server_requirements(string objectType, string operation, string body, bool accepted)
    {
        var catalog = await BrowseFixture.CatalogAsync();
        Assert.That(OperationType.TryParse(operation, out var type), Is.True);

        var errors = catalog.GetEntry(objectType, type!).InputSchema!.Validate(JToken.Parse(body));

        Assert.That(errors.Count == 0, Is.EqualTo(accepted), string.Join("; ", errors));
    }

    [Test]
    public async Task Server_assigned_output_fields_are_read_only_and_writable_ones_are_not()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        var request = catalog.GetEntry("request", OperationType.Get).OutputSchema!.ActualProperties;
        var approve = catalog.GetEntry("request", OperationType.Execute("APPROVE")).OutputSchema!.ActualProperties;
        var assign = catalog.GetEntry("request", OperationType.Execute("ASSIGN")).OutputSchema!.ActualProperties;
        var usageRecord = catalog.GetEntry("usage_record", OperationType.Get).OutputSchema!.ActualProperties;
        var asset = catalog.GetEntry("asset", OperationType.Get).OutputSchema!.ActualProperties;

        Assert.That(new[] { "id", "created", "updated", "answered" }.Where(n => !request[n].IsReadOnly), Is.Empty);
        Assert.That(new[] { "type", "asset", "status", "note" }.Where(n => request[n].IsReadOnly), Is.Empty, "CREATE accepts them");
        Assert.That(assign["id"].IsReadOnly, Is.True, "assign's body id names the assignee, it does not set the request id");
        Assert.That(request["effective_date"].IsReadOnly, Is.True, "neither CREATE nor UPDATE sets it");
        Assert.That(approve["effective_date"].IsReadOnly, Is.False, "...but APPROVE's own body does");
        Assert.That(usageRecord["status"].IsReadOnly, Is.False, "UPDATE accepts it");
        Assert.That(usageRecord["id"].IsReadOnly, Is.True);
        Assert.That(asset.Values.Where(p => !p.IsReadOnly).Select(p => p.Name), Is.Empty, "nothing writes assets");
        Assert.That(asset["product"].IsReadOnly, Is.True, "a referenced object is marked too");
    }

    [Test]
    public async Task Unknown_object_types_and_operations_are_refused_naming_the_valid_ones()
    {
        var catalog = await BrowseFixture.CatalogAsync();

        var ex = Assert.Throws<UnknownOperationException>(() => catalog.Browser.GetObjectDefinitions("tier_account", OperationType.Execute("APPROVE")));

        Assert.That(ex.ValidChoices, Is.EqualTo(new[] { "GET", "QUERY", "CREATE", "UPDATE", "DELETE" }));
    }

    private static DefinitionContentType ExpectedInput(RequestBodyKind body) => body switch
    {
        RequestBodyKind.Json or RequestBodyKind.JsonArray => DefinitionContentType.Json,
        RequestBodyKind.Multipart => DefinitionContentType.Binary,
        _ => DefinitionContentType.None,
    };

    private static DefinitionContentType ExpectedOutput(ResponseDescriptor response) => response.Body switch
    {
        ResponseBodyKind.Binary => DefinitionContentType.Binary,
        ResponseBodyKind.Empty => response.Reread ? DefinitionContentType.Json : DefinitionContentType.None,
        _ => DefinitionContentType.Json,
    };
}
