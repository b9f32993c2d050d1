using Connector.OpenApiDerivation.Relaxations;
using Connector.OpenApiDerivation.Schemas;
using Connector.Tests.RealPayloads;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.OpenApiDerivation.Relaxations;

/// <summary>
/// The rules that add whole components of the document to a property: a parameter array's definition
/// (<c>parameter-definition-fields</c>), parameters that belong to items (<c>item-scoped-parameters</c>) and embedded
/// collection objects (<c>embedded-reference-expanded</c>), each on a tiny document written here.
/// </summary>
[TestFixture]
public sealed class ParameterAndEntityRelaxationTests
{
    private static JObject ParameterDocument(string definitionScopes, string paramsScopes = """["asset", "item"]""") => JObject.Parse($$"""
        {
          "Parameter": { "type": "object", "properties": {
            "id": { "type": "string" }, "hint": { "type": "string" }, "placeholder": { "type": "string" },
            "scope": { "type": "string", "enum": {{definitionScopes}} } } },
          "Setting": { "type": "object", "properties": {
            "id": { "type": "string" }, "unit": { "type": "string" },
            "scope": { "type": "string", "enum": ["asset", "item", "marketplace"] } } },
          "Asset": { "type": "object", "properties": {
            "id": { "type": "string" },
            "params": { "type": "array", "items": { "type": "object", "properties": {
              "id": { "type": "string" }, "value": { "type": "string" },
              "scope": { "type": "string", "enum": {{paramsScopes}} } } } },
            "items": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" }, "quantity": { "type": "integer" } } } }
          } }
        }
        """);

    [Test]
    public void The_parameter_definition_is_the_component_named_like_the_array_whose_scope_covers_the_items_scopes()
    {
        var shapes = new PropertyShapeIndex(ParameterDocument("""["asset", "item", "marketplace"]"""), null);

        Assert.That(ParameterDefinitionFields.DefinitionOf("params", shapes), Is.EqualTo("Parameter"), "`Setting` covers the scopes too, but is not named like `params`");
        Assert.That(ParameterDefinitionFields.DefinitionOf("items", shapes), Is.Null, "items document no scope");

        var narrower = new PropertyShapeIndex(ParameterDocument("""["asset"]"""), null);
        Assert.That(ParameterDefinitionFields.DefinitionOf("params", narrower), Is.Null, "a definition must cover every scope the items document");
    }

    [Test]
    public async Task Parameter_definition_fields_describe_the_definitions_fields_on_every_params_entry()
    {
        var (asset, definitions) = ConvertedSchemas.ConvertResponse(ParameterDocument("""["asset", "item"]"""), "Asset");

        var coverage = new ProfileCoverage(ConvertedSchemas.Standalone(asset, definitions));
        Assert.That(coverage.Describes(["params", "[]", "hint"]), "a field only the parameter definition has");
        Assert.That(coverage.Describes(["params", "[]", "placeholder"]));
        Assert.That(coverage.Describes(["params", "[]", "unit"]), Is.False, "`Setting` is not the parameter definition");
        Assert.That((string?)definitions["response.fields-elsewhere.params.items"]!["description"], Does.Contain("`Parameter` (relaxation parameter-definition-fields)"));
        await ConvertedSchemas.AssertAcceptsAsync(asset, definitions, """{"params":[{"id":"p","value":"1","scope":"asset","hint":"h","placeholder":"x"}]}""");
    }

    [Test]
    public async Task Item_scoped_parameters_give_the_items_the_owners_parameter_set_by_reference()
    {
        var converter = new SchemaConverter(ParameterDocument("""["asset", "item"]"""));
        converter.Convert(JObject.Parse("""{"$ref":"#/components/schemas/Asset"}"""), SchemaRole.Response, "GET /assets/{id} 200");
        var definitions = new JObject(converter.DrainDefinitions().Select(d => new JProperty(d.Key, d.Value)));
        var asset = (JObject)definitions["response.Asset"]!;

        var element = asset["properties"]!["items"]!["items"]!;
        var documented = element["properties"] ?? element["anyOf"]![0]!["properties"]!;
        Assert.That((string?)documented["params"]!["items"]!["$ref"], Is.EqualTo("#/definitions/response.fields-elsewhere.params.items"), "the owner's set, by reference");
        var coverage = new ProfileCoverage(ConvertedSchemas.Standalone(asset, definitions));
        Assert.That(coverage.Describes(["items", "[]", "params", "[]", "value"]));
        Assert.That(coverage.Describes(["items", "[]", "params", "[]", "hint"]));
        Assert.That(coverage.Describes(["items", "[]", "quantity"]), "the item's own fields stay");
        Assert.That(converter.Locations.Fired["item-scoped-parameters"], Does.Contain("response.Asset#/"));
        await ConvertedSchemas.AssertAcceptsAsync(asset, definitions, """{"items":[{"id":"SKU","quantity":1,"params":[{"id":"p","value":"1","scope":"item","hint":"h"}]}]}""");
        await ConvertedSchemas.AssertAcceptsAsync(asset, definitions, """{"items":[{"id":"SKU","params":[]}]}""");
    }

    [Test]
    public void Item_scoped_parameters_need_the_item_scope_and_leave_request_bodies_alone()
    {
        var (withoutItemScope, _) = ConvertedSchemas.ConvertResponse(ParameterDocument("""["asset", "item_marketplace", "tier1"]""", """["asset"]"""), "Asset");
        var element = (JObject)withoutItemScope["properties"]!["items"]!["items"]!;
        Assert.That((element["properties"] ?? element["anyOf"]![0]!["properties"])!["params"], Is.Null, "no scope of the definition names the items");

        var request = new SchemaConverter(ParameterDocument("""["asset", "item"]"""));
        request.Convert(JObject.Parse("""{"$ref":"#/components/schemas/Asset"}"""), SchemaRole.Request);
        var requestElement = (JObject)request.DrainDefinitions()["request.Asset"]!["properties"]!["items"]!["items"]!;
        Assert.That(requestElement["properties"]!["params"], Is.Null, "request bodies are not widened");
    }

    /// <summary>A parameter definition with prompts (<c>hint</c>, <c>placeholder</c>, <c>default</c>) beside its <c>constraints</c>, a reference (<c>parent</c>), and values of it.</summary>
    private static JObject PromptDocument(string valueFields = """ "constraints": { "type": "object", "properties": { "required": { "type": "boolean" } } } """) => JObject.Parse($$"""
        {
          "ParameterReference": { "type": "object", "properties": { "id": { "type": "string" } } },
          "Parameter": { "type": "object", "properties": {
            "id": { "type": "string" }, "hint": { "type": "string" }, "placeholder": { "type": "string" }, "default": { "type": "object" },
            "parent": { "$ref": "#/components/schemas/ParameterReference" },
            "constraints": { "type": "object", "properties": { "required": { "type": "boolean" }, "hidden": { "type": "boolean" } } },
            "scope": { "type": "string", "enum": ["asset"] } } },
          "Asset": { "type": "object", "properties": {
            "params": { "type": "array", "items": { "type": "object", "properties": {
              "id": { "type": "string" }, "value": { "type": "string" }, "scope": { "type": "string", "enum": ["asset"] },
              {{valueFields}} } } } } }
        }
        """);

    [Test]
    public async Task Parameter_prompts_in_constraints_describe_the_definitions_prompts_inside_each_values_constraints()
    {
        var converter = new SchemaConverter(PromptDocument());
        converter.Convert(JObject.Parse("""{"$ref":"#/components/schemas/Asset"}"""), SchemaRole.Response, "GET /assets/{id} 200");
        var definitions = new JObject(converter.DrainDefinitions().Select(d => new JProperty(d.Key, d.Value)));
        var asset = (JObject)definitions["response.Asset"]!;

        var coverage = new ProfileCoverage(ConvertedSchemas.Standalone(asset, definitions));
        Assert.That(coverage.Describes(["params", "[]", "constraints", "hint"]), "a prompt the definition documents beside its constraints");
        Assert.That(coverage.Describes(["params", "[]", "constraints", "placeholder"]));
        Assert.That(coverage.Describes(["params", "[]", "constraints", "default"]));
        Assert.That(coverage.Describes(["params", "[]", "constraints", "required"]), "the values' own constraint stays");
        Assert.That(coverage.Describes(["params", "[]", "constraints", "hidden"]), "the definition's constraint (parameter-definition-fields)");
        Assert.That(coverage.Describes(["params", "[]", "constraints", "parent"]), Is.False, "a reference to another component is not a prompt");
        Assert.That(coverage.Describes(["params", "[]", "constraints", "id"]), Is.False, "a field the values document is not a prompt");
        Assert.That(converter.Locations.Fired["parameter-prompts-in-constraints"], Does.Contain("response.Asset#/params"), "recorded where parameter-definition-fields offered the set first");
        Assert.That((string?)definitions["response.fields-elsewhere.params.items"]!["description"], Does.Contain("`constraints.hint`, `constraints.placeholder`, `constraints.default`, the prompts `Parameter` documents beside its `constraints` (relaxation parameter-prompts-in-constraints)"));
        await ConvertedSchemas.AssertAcceptsAsync(asset, definitions, """{"params":[{"id":"p","value":"1","constraints":{"required":true,"hint":"h","placeholder":"x","default":{"country":"ES"}}}]}""");
    }

    [Test]
    public void Parameter_prompts_need_a_constraints_field_the_definition_and_its_values_share()
    {
        var rule = new ParameterPromptsInConstraints();
        var withoutHolder = new PropertyShapeIndex(PromptDocument(""" "note": { "type": "string" } """), null);
        Assert.That(rule.Addition("params", arrayItems: true, withoutHolder), Is.Null, "the values document no object field of the definition");

        var promptsOnValues = new PropertyShapeIndex(PromptDocument(""" "constraints": { "type": "object", "properties": { "required": { "type": "boolean" } } }, "hint": { "type": "string" } """), null);
        var addition = rule.Addition("params", arrayItems: true, promptsOnValues);
        Assert.That(addition, Is.Not.Null);
        Assert.That(((JObject)addition!.Value.Documentation["properties"]!["constraints"]!["properties"]!).Properties().Select(p => p.Name), Is.EqualTo(new[] { "placeholder", "default" }), "`hint` is documented on the values themselves");
        Assert.That(rule.Addition("params", arrayItems: false, promptsOnValues), Is.Null, "only the items of an array are parameter values");
    }

    private static readonly JObject TierComponents = JObject.Parse("""
        {
          "TierAccountDetail": { "type": "object", "properties": {
            "id": { "type": "string" }, "name": { "type": "string" }, "type": { "type": "string" }, "version": { "type": "integer" },
            "owner": { "type": "object", "properties": { "id": { "type": "string" } } },
            "contact_info": { "type": "object", "properties": { "city": { "type": "string" } } } } },
          "TierAccount": { "type": "object", "properties": {
            "id": { "type": "string" }, "name": { "type": "string" },
            "contact_info": { "type": "object", "properties": { "city": { "type": "string" } } } } },
          "Marketplace": { "type": "object", "properties": {
            "id": { "type": "string" }, "name": { "type": "string" }, "currency": { "type": "string" },
            "zones": { "type": "array", "items": { "type": "object", "properties": { "id": { "type": "string" } } } } } },
          "Subscription": { "type": "object", "properties": {
            "tiers": { "type": "object", "properties": { "customer": { "$ref": "#/components/schemas/TierAccount" } } } } },
          "Asset": { "type": "object", "properties": {
            "tiers": { "type": "object", "properties": { "customer": { "type": "object", "properties": {
              "name": { "type": "string" }, "contact_info": { "type": "object", "properties": { "city": { "type": "string" } } } } } } },
            "marketplace": { "type": "object", "properties": { "id": { "type": "string" }, "name": { "type": "string" } } } } }
        }
        """);

    private static readonly JObject TierPaths = JObject.Parse("""
        {
          "/tier/accounts/{id}": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/TierAccountDetail" } } } } } } },
          "/marketplaces/{id}": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Marketplace" } } } } } } }
        }
        """);

    [Test]
    public async Task Embedded_reference_expanded_describes_the_whole_collection_object_an_embedded_copy_stands_for()
    {
        var converter = new SchemaConverter(TierComponents, TierPaths);
        converter.Convert(JObject.Parse("""{"$ref":"#/components/schemas/Asset"}"""), SchemaRole.Response, "GET /assets/{id} 200");
        var definitions = new JObject(converter.DrainDefinitions().Select(d => new JProperty(d.Key, d.Value)));
        var asset = (JObject)definitions["response.Asset"]!;

        var coverage = new ProfileCoverage(ConvertedSchemas.Standalone(asset, definitions));
        Assert.That(coverage.Describes(["tiers", "customer", "type"]), "a field only the tier account collection documents");
        Assert.That(coverage.Describes(["tiers", "customer", "owner", "id"]));
        Assert.That(coverage.Describes(["tiers", "customer", "id"]), "the field another documentation of `customer` has");
        Assert.That(converter.Locations.Fired["embedded-reference-expanded"], Does.Contain("response.Asset#/tiers/customer"));
        Assert.That((string?)definitions["response.fields-elsewhere.customer"]!["description"], Does.Contain("`TierAccountDetail` (relaxation embedded-reference-expanded)"));
        Assert.That(asset["properties"]!["tiers"]!.ToString(), Does.Not.Contain("response.TierAccountDetail"), "merged into the name's field set, not an extra alternative");
        await ConvertedSchemas.AssertAcceptsAsync(asset, definitions, """{"tiers":{"customer":{"id":"TA-1","type":"customer","version":3,"owner":{"id":"VA-1"},"contact_info":{"city":"X"}}}}""");
    }

    [Test]
    public void Embedded_reference_expanded_leaves_a_plain_reference_as_documented()
    {
        var shapes = new PropertyShapeIndex(TierComponents, TierPaths);
        var rule = new EmbeddedReferenceExpanded();

        Assert.That(rule.Component("customer", arrayItems: false, shapes), Is.EqualTo("TierAccountDetail"), "named through the documented type TierAccount");
        Assert.That(rule.Component("marketplace", arrayItems: false, shapes), Is.Null, "{id, name} names the collection but carries none of its structured fields: a reference");
        Assert.That(rule.Component("tiers", arrayItems: false, shapes), Is.Null, "no collection of that name");
    }
}
