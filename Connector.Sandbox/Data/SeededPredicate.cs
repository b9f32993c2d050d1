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
    public static Func<int, bool>? Compile(RqlNode? filter, FrozenDictionary<string, SeededField> fields, int seededCount)
    {
        if (fields.Count == 0)
        {
            return null;
        }

        return filter is null ? static _ => true : CompileNode(filter, fields, seededCount);
    }

    private static Func<int, bool>? CompileNode(RqlNode node, FrozenDictionary<string, SeededField> fields, int seededCount)
    {
        switch (node)
        {
            case RqlAnd and:
            {
                var children = CompileAll(and.Children, fields, seededCount);
                return children is null ? null : i => Array.TrueForAll(children, c => c(i));
            }

            case RqlOr or:
            {
                var children = CompileAll(or.Children, fields, seededCount);
                return children is null ? null : i => Array.Exists(children, c => c(i));
            }

            case RqlNot not:
            {
                var child = CompileNode(not.Child, fields, seededCount);
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
                if (!fields.TryGetValue(field, out var computed))
                {
                    return null;
                }

                return node is RqlComparison { Operator: "gt" or "ge" or "lt" or "le" } range && computed.RisesWithIndex
                    ? Boundary(range, computed, seededCount)
                    : i => RqlEvaluator.MatchesLeaf(node, [computed.Value(i)]);
        }
    }

    /// <summary>
    /// A range term on a field that rises with the index holds on one run of indices (from the start for lt/le, to the
    /// end for gt/ge): its boundary is found by binary search, and the test is a comparison of indices.
    /// </summary>
    private static Func<int, bool> Boundary(RqlComparison range, SeededField field, int seededCount)
    {
        var holdsAtEnd = range.Operator is "gt" or "ge";
        int low = 0, high = seededCount;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (RqlEvaluator.MatchesLeaf(range, [field.Value(middle)]) == holdsAtEnd)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        // low is the first index where the term holds (gt/ge) or no longer holds (lt/le).
        return holdsAtEnd ? i => i >= low : i => i < low;
    }

    private static Func<int, bool>[]? CompileAll(IReadOnlyList<RqlNode> nodes, FrozenDictionary<string, SeededField> fields, int seededCount)
    {
        var compiled = new Func<int, bool>[nodes.Count];
        for (var k = 0; k < nodes.Count; k++)
        {
            if (CompileNode(nodes[k], fields, seededCount) is not { } child)
            {
                return null;
            }

            compiled[k] = child;
        }

        return compiled;
    }
}
