using Connector.Core.Operations;
using NUnit.Framework;

namespace Connector.Tests.Core.Operations;

[TestFixture]
public sealed class OperationTypeTests
{
    [TestCase("GET", OperationKind.Get, null)]
    [TestCase("query", OperationKind.Query, null)]
    [TestCase("EXECUTE:APPROVE", OperationKind.Execute, "APPROVE")]
    [TestCase("approve", OperationKind.Execute, "APPROVE")]
    [TestCase(" bulk_close ", OperationKind.Execute, "BULK_CLOSE")]
    public void Parses_what_users_type(string text, OperationKind kind, string? action)
    {
        Assert.That(OperationType.TryParse(text, out var type), Is.True);
        Assert.That(type!.Kind, Is.EqualTo(kind));
        Assert.That(type.CustomTypeId, Is.EqualTo(action));
    }

    [TestCase("")]
    [TestCase("EXECUTE")]
    [TestCase("EXECUTE:")]
    [TestCase("GET:X")]
    [TestCase("app rove")]
    [TestCase("../x")]
    public void Refuses_malformed_names(string text) => Assert.That(OperationType.TryParse(text, out _), Is.False);

    [Test]
    public void Inbound_and_outbound_follow_the_model()
    {
        Assert.That(OperationType.Get.IsInbound && OperationType.Query.IsInbound, Is.True);
        Assert.That(new[] { OperationType.Create, OperationType.Update, OperationType.Delete, OperationType.Execute("X") }.All(t => t.IsOutbound), Is.True);
        Assert.That(OperationType.Execute("approve"), Is.EqualTo(OperationType.Execute("APPROVE")));
        Assert.That(OperationType.Execute("APPROVE").ToString(), Is.EqualTo("EXECUTE:APPROVE"));
    }
}
