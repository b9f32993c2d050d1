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

    /// <summary>The page size from <c>limit=N</c> or <c>limit(N,M)</c>, 0 or more; null when not given (every match).</summary>
    public int? Limit { get; set; }

    /// <summary>How many matches to skip, from <c>offset=M</c> or <c>limit(N,M)</c>; null when not given (none).</summary>
    public int? Offset { get; set; }
}
