using Connector.Core.Querying;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Core.Querying;

[TestFixture]
public sealed class QueryFilterJsonTests
{
    [Test]
    public void Reads_a_whole_tree()
    {
        var json = JToken.Parse("""
            {"and": [
              {"field": "status", "op": "eq", "value": "pending"},
              {"not": {"or": [{"field": "asset.id", "op": "in", "values": ["AS-1", "AS-2"]}, {"field": "note", "op": "null"}]}},
              {"field": "priority", "op": "gt", "value": 2}
            ]}
            """);
        var expression = (GroupExpression)QueryFilterJson.ParseExpression(json);
        Assert.That(expression.Operator, Is.EqualTo(GroupOperator.And));
        Assert.That(expression.Operands[0], Is.EqualTo(ComparisonExpression.Of("status", "eq", "pending")).Using<FilterExpression>(Same));
        var not = (NotExpression)expression.Operands[1];
        var or = (GroupExpression)not.Operand;
        Assert.That(((ComparisonExpression)or.Operands[0]).Arguments, Is.EqualTo(new[] { "AS-1", "AS-2" }));
        Assert.That(((ComparisonExpression)or.Operands[1]).Arguments, Is.Empty);
        Assert.That(((ComparisonExpression)expression.Operands[2]).Arguments, Is.EqualTo(new[] { "2" }));
    }

    [Test]
    public void Names_the_path_of_a_bad_node()
    {
        var json = JToken.Parse("""{"and": [{"field": "a", "op": "eq", "value": "1"}, 42]}""");
        Assert.That(() => QueryFilterJson.ParseExpression(json), Throws.TypeOf<FormatException>().With.Message.Contains("$.and[1]"));
    }

    private static bool Same(FilterExpression a, FilterExpression b) => a.ToString() == b.ToString();
}
