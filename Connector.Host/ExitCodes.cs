namespace Connector.Host;

/// <summary>The exit codes of the <c>connector</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Every document succeeded.</summary>
    public const int Success = 0;

    /// <summary>Some document ended with an application error or a failure (or the run was cancelled).</summary>
    public const int DocumentErrors = 1;

    /// <summary>Usage or configuration error: bad flags, unknown object/action/field, bad descriptor, unusable connection.</summary>
    public const int Usage = 2;
}
