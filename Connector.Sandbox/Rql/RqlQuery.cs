namespace Connector.Sandbox.Rql;

/// <summary>A parsed query string: filter, ordering, projection and paging.</summary>
internal sealed class RqlQuery
{
    public static readonly RqlQuery Empty = new();

    /// <summary>The filter (top-level terms and-ed); null matches everything.</summary>
    public RqlNode? Filter { get; set; }

    /// <summary>Fields of <c>ordering()</c>, at most 5.</summary>
    public List<RqlOrdering> Ordering { get; } = [];

    /// <summary>Fields of <c>select()</c> without a leading minus.</summary>
    public List<string> SelectIncluded { get; } = [];

    /// <summary>Fields of <c>select()</c> with a leading minus: removed from the output.</summary>
    public List<string> SelectExcluded { get; } = [];

    /// <summary>The <c>limit</c> parameter, when given.</summary>
    public int? Limit { get; set; }

    /// <summary>The <c>offset</c> parameter, when given.</summary>
    public int? Offset { get; set; }
}
