namespace Connector.Operations.Inbound;

/// <summary>A search's pages contradict each other or their Content-Range: the search ends in FAILURE <see cref="Code"/>.</summary>
internal sealed class InconsistentPagingException(string message) : Exception(message)
{
    /// <summary>The status code of the search's FAILURE result, so a user can tell this from a transport failure.</summary>
    public const string Code = "INCONSISTENT_PAGING";
}
