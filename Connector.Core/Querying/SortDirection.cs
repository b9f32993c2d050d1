namespace Connector.Core.Querying;

/// <summary>The order of one sort key; in text (command line, RQL) descending is a leading <c>-</c> and ascending has no sign.</summary>
public enum SortDirection
{
    /// <summary>Smallest first.</summary>
    Ascending,

    /// <summary>Largest first.</summary>
    Descending,
}
