using System.Globalization;
using System.Text;
using Connector.Core.Querying;

namespace Connector.Operations.Querying;

/// <summary>
/// Turns a <see cref="QueryFilter"/> (already checked by <see cref="QueryFilterValidator"/> and, for field names,
/// by <see cref="QueryFieldValidator"/>) into the RQL part of a Connect list request's query string.
/// </summary>
/// <remarks>
/// <para>Output: <c>filter&amp;ordering(...)&amp;select(...)</c>, each part only when present, already percent-encoded
/// (see <see cref="RqlValueEncoder"/> for the exact quoting and encoding rule); <see cref="AppendPage"/> appends
/// <c>limit=N&amp;offset=M</c>. The result is the text after <c>?</c> and must not be encoded again.</para>
/// <para>Terms: property paths use dots (<c>asset/product/id</c> → <c>asset.product.id</c>);
/// eq ne gt ge lt le like ilike → <c>op(field,value)</c>; in out → <c>op(field,(a,b))</c>; null → <c>eq(field,null())</c>;
/// notnull → <c>ne(field,null())</c>; rql → its argument verbatim (only percent-encoded, <c>&amp;</c> kept).</para>
/// <para>Logic: a single comparison is written as a plain term, a group as <c>and(...)</c> / <c>or(...)</c> (also at the
/// top level). A group with one operand collapses to it; a group nested directly in a group of the same operator is
/// flattened (<c>and(a,and(b,c))</c> → <c>and(a,b,c)</c>). Negation is pushed down to the terms (negation normal form):
/// NOT over a group is rewritten by De Morgan's laws (<c>not(and(a,b))</c> → <c>or(not(a),not(b))</c> and vice versa),
/// double negation cancels, and a negated term is always written <c>not(term)</c> (never rewritten to the opposite
/// operator, so <c>not(eq(f,null()))</c> rather than <c>ne(f,null())</c>). <c>not(and(...))</c> / <c>not(or(...))</c>
/// are therefore never produced, except inside a raw term the user wrote.</para>
/// <para>Ordering: one <c>ordering(f1,-f2)</c>, ascending <c>f</c>, descending <c>-f</c> (how many keys is checked
/// once, against the descriptor's <c>maxSortFields</c>, by <see cref="QueryFilterValidator"/>). Projection: <c>select(a,-b)</c> (a leading <c>-</c> excludes, <c>+</c> is dropped).</para>
/// <para>What cannot be written (bad field names, wrong argument counts, unknown operators, empty groups, values with both
/// quote characters) throws <see cref="InvalidQueryFilterException"/> naming the field.</para>
/// </remarks>
internal static class RqlQueryBuilder
{
    /// <summary>Builds the encoded RQL part of the query string (filter, ordering, select); empty when there is none.</summary>
    /// <returns>The encoded RQL, e.g. <c>and(eq(status,pending),eq(asset.product.id,PRD-1))&amp;ordering(-created)</c>.</returns>
    /// <exception cref="InvalidQueryFilterException">The filter cannot be written in RQL.</exception>
    public static string Build(QueryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string>(3);
        if (filter.Expression is not null)
        {
            parts.Add(Render(Normalize(filter.Expression, negated: false)));
        }

        parts.Add(BuildOrdering(filter.Sorts));
        parts.Add(BuildSelect(filter.SelectedFields));
        return string.Join('&', parts.Where(p => p.Length > 0));
    }

    /// <summary>Builds <c>ordering(f1,-f2)</c>; empty when there are no sort keys.</summary>
    /// <param name="sorts">The sort keys, most significant first.</param>
    /// <exception cref="InvalidQueryFilterException">A bad field name (the number of keys is the descriptor's to check: <see cref="QueryFilterValidator"/>).</exception>
    public static string BuildOrdering(IReadOnlyList<SortSpecification> sorts)
    {
        ArgumentNullException.ThrowIfNull(sorts);
        if (sorts.Count == 0)
        {
            return string.Empty;
        }

        var keys = sorts.Select(s => (s.Direction == SortDirection.Descending ? "-" : string.Empty) + Field(s.Property, "sort"));
        return "ordering(" + string.Join(',', keys) + ")";
    }

    /// <summary>Builds <c>select(a,-b)</c>; empty when no field is selected.</summary>
    /// <param name="fields">The fields; a leading <c>-</c> excludes a field.</param>
    /// <exception cref="InvalidQueryFilterException">A bad field name.</exception>
    public static string BuildSelect(IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            return string.Empty;
        }

        var names = fields.Select(f =>
        {
            var trimmed = f.Trim();
            var exclude = trimmed.StartsWith('-');
            var name = trimmed.TrimStart('-', '+');
            return (exclude ? "-" : string.Empty) + Field(name, "selected");
        });
        return "select(" + string.Join(',', names) + ")";
    }

    /// <summary>Appends paging to RQL built once by <see cref="Build(QueryFilter)"/>: <c>rql&amp;limit=N&amp;offset=M</c>.</summary>
    /// <param name="rql">The encoded RQL (may be empty).</param>
    /// <param name="limit">The page size, 0 or more.</param>
    /// <param name="offset">How many records to skip before the page, 0 or more.</param>
    public static string AppendPage(string rql, int limit, int offset)
    {
        ArgumentNullException.ThrowIfNull(rql);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        return Append(rql, string.Create(CultureInfo.InvariantCulture, $"limit={limit}&offset={offset}"));
    }

    private static string Append(string rql, string paging) => rql.Length == 0 ? paging : rql + "&" + paging;

    private static string Field(string property, string role)
    {
        var path = RqlPropertyPath.Normalize(property ?? string.Empty);
        if (!RqlPropertyPath.IsValid(path))
        {
            throw new InvalidQueryFilterException(
                [$"'{property}' is not a valid {role} field name (a letter, then letters, digits, '_', '-', '.' or '/')"]);
        }

        return path;
    }

    // Negation normal form: NOT only on leaves, groups flattened and collapsed.
    private static RqlNode Normalize(FilterExpression expression, bool negated)
    {
        switch (expression)
        {
            case ComparisonExpression comparison:
                return new RqlLeaf(comparison, negated);
            case NotExpression not:
                return Normalize(not.Operand, !negated);
            case GroupExpression group:
                var op = negated ? Flip(group.Operator) : group.Operator;
                if (group.Operands.Count == 0)
                {
                    throw new InvalidQueryFilterException([$"an {group.Operator.ToString().ToUpperInvariant()} group has no operands"]);
                }

                var children = new List<RqlNode>(group.Operands.Count);
                foreach (var operand in group.Operands)
                {
                    var child = Normalize(operand, negated);
                    if (child is RqlGroup nested && nested.Operator == op)
                    {
                        children.AddRange(nested.Children);
                    }
                    else
                    {
                        children.Add(child);
                    }
                }

                return children.Count == 1 ? children[0] : new RqlGroup(op, children);
            default:
                throw new InvalidQueryFilterException([$"unknown expression type {expression.GetType().Name}"]);
        }
    }

    private static GroupOperator Flip(GroupOperator op) => op == GroupOperator.And ? GroupOperator.Or : GroupOperator.And;

    private static string Render(RqlNode node)
    {
        switch (node)
        {
            case RqlGroup group:
                var builder = new StringBuilder(group.Operator == GroupOperator.And ? "and(" : "or(");
                for (var i = 0; i < group.Children.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    builder.Append(Render(group.Children[i]));
                }

                return builder.Append(')').ToString();
            case RqlLeaf leaf:
                var term = RenderTerm(leaf.Comparison);
                return leaf.Negated ? "not(" + term + ")" : term;
            default:
                throw new InvalidOperationException("unreachable");
        }
    }

    private static string RenderTerm(ComparisonExpression comparison)
    {
        if (!RqlOperator.TryGetKind(comparison.Operator, out var kind))
        {
            throw new InvalidQueryFilterException(
                [$"the operator '{comparison.Operator}' (on field '{comparison.Property}') cannot be written in RQL; known operators: {string.Join(", ", RqlOperator.Ids)}"]);
        }

        var op = comparison.Operator.ToLowerInvariant();
        var arguments = comparison.Arguments;
        if (kind == RqlOperatorKind.Raw)
        {
            if (arguments.Count != 1 || string.IsNullOrWhiteSpace(arguments[0]))
            {
                throw new InvalidQueryFilterException(["the raw 'rql' operator takes exactly one non-empty RQL term"]);
            }

            var raw = arguments[0].Trim();
            return RqlValueEncoder.EncodeSyntax(raw);
        }

        var field = Field(comparison.Property, "filter");
        switch (kind)
        {
            case RqlOperatorKind.NullTest:
                RequireCount(comparison, arguments.Count == 0, "no value");
                return (op == "null" ? "eq(" : "ne(") + field + "," + RqlValueEncoder.NullConstant + ")";
            case RqlOperatorKind.List:
                RequireCount(comparison, arguments.Count >= 1, "at least one value");
                var values = arguments.Select(a => Value(field, a, emptyAsConstant: true));
                return op + "(" + field + ",(" + string.Join(',', values) + "))";
            default:
                RequireCount(comparison, arguments.Count == 1, "exactly one value");
                var emptyAsConstant = op is "eq" or "ne";
                return op + "(" + field + "," + Value(field, arguments[0], emptyAsConstant) + ")";
        }
    }

    private static string Value(string field, string value, bool emptyAsConstant) =>
        RqlValueEncoder.EncodeValue(field, value ?? string.Empty, emptyAsConstant);

    private static void RequireCount(ComparisonExpression comparison, bool ok, string expected)
    {
        if (!ok)
        {
            throw new InvalidQueryFilterException(
                [$"the operator '{comparison.Operator}' on field '{comparison.Property}' takes {expected}, {comparison.Arguments.Count} given"]);
        }
    }

    private abstract record RqlNode;

    private sealed record RqlLeaf(ComparisonExpression Comparison, bool Negated) : RqlNode;

    private sealed record RqlGroup(GroupOperator Operator, IReadOnlyList<RqlNode> Children) : RqlNode;
}
