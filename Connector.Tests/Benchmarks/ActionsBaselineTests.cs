using System.Text;
using System.Text.Json;
using Connector.Benchmarks.Scenarios;
using NUnit.Framework;

namespace Connector.Tests.Benchmarks;

/// <summary>
/// The actions baseline counts an APPROVE done only when its answer is one JSON object whose top-level status is
/// approved, read to its end as the connector checks it; it does not count bytes that merely arrived.
/// </summary>
[TestFixture]
public sealed class ActionsBaselineTests
{
    [TestCase("{\"id\":\"PR-1\",\"status\":\"approved\",\"asset\":{\"id\":\"AS-1\"}}", true)]
    [TestCase("{\"id\":\"PR-1\",\"asset\":{\"status\":\"approved\"},\"status\":\"pending\"}", false)]
    [TestCase("{\"id\":\"PR-1\",\"status\":\"inquiring\"}", false)]
    [TestCase("{\"id\":\"PR-1\",\"status\":null}", false)]
    [TestCase("[{\"status\":\"approved\"}]", false)]
    public void An_answer_counts_when_its_top_level_status_is_approved(string answer, bool approved)
    {
        Assert.That(ActionsScenario.IsApproved(Encoding.UTF8.GetBytes(answer)), Is.EqualTo(approved));
    }

    [TestCase("{\"id\":\"PR-1\",\"status\":\"approved\"")]
    [TestCase("{\"id\":\"PR-1\",\"status\":\"approved\"} trailing")]
    [TestCase("")]
    public void An_answer_that_is_not_one_json_value_throws(string answer)
    {
        Assert.That(() => ActionsScenario.IsApproved(Encoding.UTF8.GetBytes(answer)), Throws.InstanceOf<JsonException>());
    }
}
