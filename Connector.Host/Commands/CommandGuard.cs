using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Hosting;
using Connector.Core.Querying;

namespace Connector.Host.Commands;

/// <summary>Runs a command body and turns the errors a person can fix into exit code 2 with one clear message.</summary>
internal static class CommandGuard
{
    public static async Task<int> RunAsync(HostConsole console, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUsageError(ex))
        {
            await console.Error.WriteLineAsync("error: " + SecretArguments.RedactKeyLike(ex.Message)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return ExitCodes.DocumentErrors;
        }
    }

    private static bool IsUsageError(Exception ex) => ex is UsageException
        or UnknownOperationException
        or InvalidPropertyException
        or InvalidDescriptorException
        or ConnectorLoadException
        or ConnectionTestException
        or InvalidQueryFilterException;
}
