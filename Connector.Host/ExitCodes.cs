namespace Connector.Host;

/// <summary>The exit codes of the <c>connector</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Every document succeeded.</summary>
    public const int Success = 0;

    /// <summary>Some document ended with an application error or a failure, the run was cancelled in process, or an unexpected error stopped it.</summary>
    public const int DocumentErrors = 1;

    /// <summary>Usage or configuration error: bad flags, out-of-range values, unknown object/action/field, bad descriptor or input file, unusable connection.</summary>
    public const int Usage = 2;

    /// <summary>The run was stopped by SIGINT (Ctrl+C): 128 + 2, as shells report it.</summary>
    public const int Interrupted = 130;

    /// <summary>The run was stopped by SIGTERM (kill, docker stop): 128 + 15.</summary>
    public const int Terminated = 143;
}
