using BenchmarkDotNet.Attributes;
using Connector.Core.Querying;
using Connector.Operations.Querying;

namespace Connector.Benchmarks.Micro;

/// <summary>RQL building (<c>RqlQueryBuilder.Build</c>): once per search, plus paging once per page.</summary>
[MemoryDiagnoser]
public class RqlBuildBenchmarks
{
    private readonly QueryFilter _simple = QueryFilter.Where(ComparisonExpression.Of("status", "eq", "active"));

    private readonly QueryFilter _complex = new(
        GroupExpression.And(
            ComparisonExpression.Of("product.id", "eq", "PRD-123-456-789"),
            GroupExpression.Or(
                new ComparisonExpression("status", "in", ["active", "processing", "suspended"]),
                ComparisonExpression.Of("contract.name", "ilike", "*Acme, Inc. (EU)*")),
            new NotExpression(GroupExpression.And(
                ComparisonExpression.Of("created", "lt", "2024-01-01T00:00:00+00:00"),
                new ComparisonExpression("tiers.customer.id", "null", [])))),
        [new SortSpecification("created", SortDirection.Descending), new SortSpecification("id", SortDirection.Ascending)],
        ["id", "status", "product", "tiers"]);

    /// <summary>One comparison.</summary>
    /// <returns>The RQL.</returns>
    [Benchmark(Baseline = true)]
    public string Simple() => RqlQueryBuilder.Build(_simple);

    /// <summary>Nested AND/OR/NOT with quoting, ordering and select.</summary>
    /// <returns>The RQL.</returns>
    [Benchmark]
    public string Complex() => RqlQueryBuilder.Build(_complex);

    /// <summary>Paging appended to built RQL (once per page).</summary>
    /// <returns>The query string.</returns>
    [Benchmark]
    public string AppendPage() => RqlQueryBuilder.AppendPage("eq(status,active)", 1000, 199_000);
}
