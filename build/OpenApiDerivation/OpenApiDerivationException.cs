namespace Connector.OpenApiDerivation;

/// <summary>
/// Raised when the OpenAPI document or the connector descriptor cannot be turned into the derived
/// document (unmatched descriptor endpoints, malformed input, broken requirement table).
/// </summary>
public sealed class OpenApiDerivationException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public OpenApiDerivationException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong, naming the offending entry.</param>
    public OpenApiDerivationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What went wrong, naming the offending entry.</param>
    /// <param name="innerException">The underlying failure.</param>
    public OpenApiDerivationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
