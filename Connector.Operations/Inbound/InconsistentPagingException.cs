namespace Connector.Operations.Inbound;

/// <summary>A search's pages contradict each other or their Content-Range: the search ends in FAILURE <see cref="Code"/>.</summary>
internal sealed class InconsistentPagingException(string message) : Exception(message)
{
    /// <summary>The result code.</summary>
    public const string Code = "INCONSISTENT_PAGING";
}
