using Connector.Browse.Catalog;
using Connector.Core.Descriptors;
using Connector.Core.Operations;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Browse.Profiles;

/// <summary>An answer that is the object accepts every shape the document gives that object on any of its endpoints.</summary>
[TestFixture]
public sealed class ObjectShapesTests
{
    private ConnectCatalog _catalog = null!;

    [OneTimeSetUp]
    public async Task Load() => _catalog = await BrowseFixture.CatalogAsync();

    [TestCase("usage_report", "CREATE", """{"id":"UF-1","vendor":{"id":"VA-1","name":"Vendor"}}""", TestName = "A created usage report may carry its vendor as GET does (an object)")]
    [TestCase("usage_report", "CREATE", """{"id":"UF-1","vendor":"VA-1"}""", TestName = "A created usage report may carry its vendor as the 201 documents it (a string)")]
    [TestCase("tier_config_request", "CREATE", """{"id":"TCR-1","params":[{"id":"p1","value":"x"}]}""", TestName = "A created tier config request may carry params as an array")]
    [TestCase("tier_config_request", "UPDATE", """{"id":"TCR-1","params":"p1"}""", TestName = "An updated tier config request may carry params as GET documents them")]
    [TestCase("tier_account", "GET", """{"id":"TA-1","parent":null,"external_id":null}""", TestName = "Absent sub-objects arrive as null")]
    public void Output_accepts_every_documented_shape(string objectType, string operation, string payload)
    {
        Assert.That(OperationType.TryParse(operation, out var type), Is.True);
        var schema = _catalog.GetEntry(objectType, type!).OutputSchema!;
        Assert.That(schema.Validate(JToken.Parse(payload)).Select(e => e.ToString()), Is.Empty);
    }

    [Test]
    public void A_profile_root_is_an_object_not_null()
    {
        var schema = JObject.Parse(_catalog.GetEntry("request", OperationType.Get).OutputSchema!.ToJson());
        Assert.That((string?)schema["type"], Is.EqualTo("object"));
        Assert.That(_catalog.GetEntry("request", OperationType.Get).OutputSchema!.Validate(JToken.Parse("null")), Is.Not.Empty);
    }

    [Test]
    public void An_action_answer_that_is_not_the_object_keeps_its_own_shape()
    {
        var approve = JObject.Parse(_catalog.GetEntry("tier_config_request", OperationType.Execute("APPROVE")).OutputSchema!.ToJson());
        Assert.That(((JObject)approve["properties"]!).Properties().Select(p => p.Name), Does.Contain("template").And.Not.Contain("configuration"));
    }
}
