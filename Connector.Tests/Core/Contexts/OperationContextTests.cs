using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using NUnit.Framework;

namespace Connector.Tests.Core.Contexts;

[TestFixture]
public sealed class OperationContextTests
{
    private ConnectorDescriptor _descriptor = null!;

    [OneTimeSetUp]
    public async Task Load() => _descriptor = await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None);

    [Test]
    public void Resolves_ids_case_insensitively()
    {
        var context = OperationContext.Create(_descriptor, "Request", "approve");
        Assert.That(context.ObjectTypeId, Is.EqualTo("request"));
        Assert.That(context.CustomTypeId, Is.EqualTo("APPROVE"));
        Assert.That(context.Operation.Path, Is.EqualTo("/requests/{id}/approve"));
    }

    [Test]
    public void An_unknown_object_type_names_the_valid_ones()
    {
        var ex = Assert.Throws<UnknownOperationException>(() => OperationContext.Create(_descriptor, "invoice", "GET"));
        Assert.That(ex!.Message, Does.Contain("'invoice'").And.Contain("asset, request"));
    }

    [Test]
    public void An_unknown_action_names_the_valid_ones()
    {
        var ex = Assert.Throws<UnknownOperationException>(() => OperationContext.Create(_descriptor, "asset", "APPROVE"));
        Assert.That(ex!.Message, Does.Contain("'APPROVE'").And.Contain("GET, QUERY"));
    }

    [Test]
    public void Typed_getters_apply_defaults_and_ranges()
    {
        var context = OperationContext.Create(_descriptor, "asset", "QUERY", operationProperties: new Dictionary<string, string?> { ["pageSize"] = "250" });
        Assert.That(context.OperationProperties.GetInt32("pageSize"), Is.EqualTo(250));
        Assert.That(context.OperationProperties.GetInt32("maxResults"), Is.Zero);
        Assert.That(context.OperationProperties.GetBoolean("countOnly"), Is.False);
        Assert.That(context.ConnectionProperties.GetString("url"), Is.EqualTo("https://api.connect.cloudblue.com/public/v1"));
        var tooBig = context.OperationProperties.With(new Dictionary<string, string?> { ["pageSize"] = "5000" });
        Assert.That(() => tooBig.GetInt32("pageSize"), Throws.TypeOf<InvalidPropertyException>().With.Message.Contains("between 1 and 1000"));
        var notNumber = context.OperationProperties.With(new Dictionary<string, string?> { ["pageSize"] = "ten" });
        Assert.That(() => notNumber.GetInt32("pageSize"), Throws.TypeOf<InvalidPropertyException>().With.Message.Contains("whole number"));
    }

    [Test]
    public void Secrets_never_show_in_descriptions()
    {
        var context = OperationContext.Create(_descriptor, "asset", "GET", new Dictionary<string, string?> { ["apiKey"] = "SU-1:very-secret-value", ["url"] = "http://127.0.0.1" });
        Assert.That(context.ConnectionProperties.ToString(), Does.Not.Contain("very-secret-value").And.Contain("apiKey=***"));
        Assert.That(() => context.ConnectionProperties.GetRequiredString("nothing"), Throws.TypeOf<InvalidPropertyException>());
    }
}
