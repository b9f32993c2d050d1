using System.Collections.Frozen;
using Connector.Sandbox.Rql;

namespace Connector.Sandbox.Data;

/// <summary>Compiles an RQL filter into a test of a seeded index over the collection's computed fields.</summary>
internal static class SeededPredicate
{
    /// <summary>
    /// The filter as a test of an unmodified seeded index, or null when a term names a field that is not computed
    /// (those records are then built and evaluated on their JSON).
    /// </summary>
    public static Func<int, bool>? Compile(RqlNode? filter, FrozenDictionary<string, SeededField> fields)
    {
        if (fields.Count == 0)
        {
            return null;
        }

        return filter is null ? static _ => true : CompileNode(filter, fields);
    }

    private static Func<int, bool>? CompileNode(RqlNode node, FrozenDictionary<string, SeededField> fields)
    {
        switch (node)
        {
            case RqlAnd and:
            {
                var children = CompileAll(and.Children, fields);
                return children is null ? null : i => Array.TrueForAll(children, c => c(i));
            }

            case RqlOr or:
            {
                var children = CompileAll(or.Children, fields);
                return children is null ? null : i => Array.Exists(children, c => c(i));
            }

            case RqlNot not:
            {
                var child = CompileNode(not.Child, fields);
                return child is null ? null : i => !child(i);
            }

            default:
                var field = node switch
                {
                    RqlComparison c => c.Field,
                    RqlList l => l.Field,
                    RqlSearch s => s.Field,
                    _ => throw new InvalidOperationException($"Unknown RQL node {node.GetType().Name}."),
                };
                return fields.TryGetValue(field, out var computed)
                    ? i => RqlEvaluator.MatchesLeaf(node, [computed.Value(i)])
                    : null;
        }
    }

    private static Func<int, bool>[]? CompileAll(IReadOnlyList<RqlNode> nodes, FrozenDictionary<string, SeededField> fields)
    {
        var compiled = new Func<int, bool>[nodes.Count];
        for (var k = 0; k < nodes.Count; k++)
        {
            if (CompileNode(nodes[k], fields) is not { } child)
            {
                return null;
            }

            compiled[k] = child;
        }

        return compiled;
    }
}
