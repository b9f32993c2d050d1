namespace Connector.Core.Results;

/// <summary>An operation broke the result invariant (a second final result, a result for an unknown document...): a connector bug.</summary>
public sealed class ResultInvariantException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was broken.</param>
    public ResultInvariantException(string message)
        : base(message)
    {
    }
}
