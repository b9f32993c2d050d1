namespace Connector.Core.Contexts;

/// <summary>An object type, operation or action that the descriptor does not declare was asked for.</summary>
public sealed class UnknownOperationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was asked for and the valid choices.</param>
    /// <param name="validChoices">The ids that would have been accepted, as users type them; kept as given, not copied.</param>
    public UnknownOperationException(string message, IReadOnlyList<string> validChoices)
        : base(message)
    {
        ValidChoices = validChoices;
    }

    /// <summary>The ids that would have been accepted, in the order and spelling the message lists them.</summary>
    public IReadOnlyList<string> ValidChoices { get; }
}
