using Connector.Host;
using Connector.Host.Input;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Host.Input;

[TestFixture]
public sealed class BodyAssignmentsTests
{
    [Test]
    public void Values_are_json_when_they_parse_else_strings_and_dotted_keys_nest()
    {
        var assignments = BodyAssignments.Parse(["a=5", "b=true", "c=hello world", "d.e.f=x", "g={\"h\":1}", "i=\"7\"", "j="]);
        var document = new JObject { ["d"] = new JObject { ["keep"] = 1 } };

        assignments.ApplyTo(document);

        Assert.That(JToken.DeepEquals(document, JObject.Parse("{\"d\":{\"keep\":1,\"e\":{\"f\":\"x\"}},\"a\":5,\"b\":true,\"c\":\"hello world\",\"g\":{\"h\":1},\"i\":\"7\",\"j\":\"\"}")), Is.True, document.ToString());
    }

    [Test]
    public void Assignments_override_fields_of_a_line_and_leave_a_malformed_line_alone()
    {
        var assignments = BodyAssignments.Parse(["template_id=TL-1"]);

        Assert.That(assignments.ApplyTo("{\"id\":\"PR-1\",\"template_id\":\"old\"}"), Is.EqualTo("{\"id\":\"PR-1\",\"template_id\":\"TL-1\"}"));
        Assert.That(assignments.ApplyTo("{not json"), Is.EqualTo("{not json"));
        Assert.That(assignments.ApplyTo("[1,2]"), Is.EqualTo("[1,2]"));
    }

    [TestCase("novalue")]
    [TestCase("=x")]
    [TestCase("a..b=x")]
    public void A_malformed_assignment_is_a_usage_error(string assignment)
    {
        Assert.Throws<UsageException>(() => BodyAssignments.Parse([assignment]));
    }
}
