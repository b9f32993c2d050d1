using System.Globalization;
using Connector.Core.Results;

namespace Connector.Host.Output;

/// <summary>Counts final results and query records; decides the exit code.</summary>
internal sealed class RunSummary
{
    private long _succeeded;
    private long _applicationErrors;
    private long _failures;
    private long _records;

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long ApplicationErrors => Interlocked.Read(ref _applicationErrors);

    public long Failures => Interlocked.Read(ref _failures);

    public long Records => Interlocked.Read(ref _records);

    public long Finished => Succeeded + ApplicationErrors + Failures;

    /// <summary>Whether a query's filter was refused (a usage error, exit code 2).</summary>
    public string? InvalidFilterMessage { get; private set; }

    /// <summary>Whether the API refused the key (HTTP 401): the connection is unusable, a configuration error (exit code 2).</summary>
    public bool KeyRefused { get; private set; }

    public void AddRecord() => Interlocked.Increment(ref _records);

    public void AddFinal(OperationResult result)
    {
        switch (result.Status)
        {
            case OperationStatus.Success:
                Interlocked.Increment(ref _succeeded);
                break;
            case OperationStatus.ApplicationError:
                Interlocked.Increment(ref _applicationErrors);
                if (result.StatusCode == "INVALID_FILTER")
                {
                    InvalidFilterMessage = result.Message;
                }

                KeyRefused |= result.StatusCode == "401";

                break;
            default:
                Interlocked.Increment(ref _failures);
                break;
        }
    }

    /// <summary>"N succeeded, N application errors, N failures" (and the record count for queries); "0 documents" for a run with no input.</summary>
    public string Format(bool withRecords) => Finished == 0 && !withRecords ? "0 documents" :
        string.Create(CultureInfo.InvariantCulture, $"{Succeeded} succeeded, {ApplicationErrors} application error{(ApplicationErrors == 1 ? string.Empty : "s")}, {Failures} failure{(Failures == 1 ? string.Empty : "s")}")
        + (withRecords ? string.Create(CultureInfo.InvariantCulture, $" ({Records} record{(Records == 1 ? string.Empty : "s")})") : string.Empty);

    public int ExitCode => InvalidFilterMessage is not null || KeyRefused ? ExitCodes.Usage
        : ApplicationErrors + Failures > 0 ? ExitCodes.DocumentErrors
        : ExitCodes.Success;
}
