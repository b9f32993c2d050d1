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
                return children is null ? null : i => All(children, i);
            }

            case RqlOr or:
            {
                var children = CompileAll(or.Children, fields, seededCount);
                return children is null ? null : i => Any(children, i);
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

                var test = RqlTextTest.Compile(node, computed.IsNumber);
                var text = computed.Text;
                return node is RqlComparison { Operator: "gt" or "ge" or "lt" or "le" } && computed.RisesWithIndex
                    ? Boundary(test, node is RqlComparison { Operator: "gt" or "ge" }, text, seededCount)
                    : i => test(text(i));
        }
    }

    /// <summary>
    /// A range term on a field that rises with the index holds on one run of indices (from the start for lt/le, to the
    /// end for gt/ge): its boundary is found by binary search, and the test is a comparison of indices.
    /// </summary>
    private static Func<int, bool> Boundary(Func<string?, bool> test, bool holdsAtEnd, Func<int, string?> text, int seededCount)
    {
        int low = 0, high = seededCount;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (test(text(middle)) == holdsAtEnd)
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

    /// <summary>Whether every test holds for <paramref name="index"/> (a loop: no closure per record).</summary>
    private static bool All(Func<int, bool>[] tests, int index)
    {
        foreach (var test in tests)
        {
            if (!test(index))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether any test holds for <paramref name="index"/>.</summary>
    private static bool Any(Func<int, bool>[] tests, int index)
    {
        foreach (var test in tests)
        {
            if (test(index))
            {
                return true;
            }
        }

        return false;
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
