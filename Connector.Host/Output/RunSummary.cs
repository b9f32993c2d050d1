using System.Globalization;
using Connector.Core.Results;

namespace Connector.Host.Output;

/// <summary>Counts final results, query records and ids that were not found; decides the exit code and words the summary.</summary>
internal sealed class RunSummary
{
    private long _succeeded;
    private long _applicationErrors;
    private long _failures;
    private long _records;
    private long _notFound;
    private long _notSent;

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public long ApplicationErrors => Interlocked.Read(ref _applicationErrors);

    public long Failures => Interlocked.Read(ref _failures);

    public long Records => Interlocked.Read(ref _records);

    /// <summary>Successes without a document because the object does not exist (a GET answered 404).</summary>
    public long NotFound => Interlocked.Read(ref _notFound);

    public long Finished => Succeeded + ApplicationErrors + Failures;

    /// <summary>The code of a success that only describes the request a dry run did not send.</summary>
    public const string DryRunCode = "DRY_RUN";

    /// <summary>Requests a dry run described instead of sending them.</summary>
    public long NotSent => Interlocked.Read(ref _notSent);

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
                if (IsNotFound(result))
                {
                    Interlocked.Increment(ref _notFound);
                }
                else if (result.StatusCode == DryRunCode)
                {
                    Interlocked.Increment(ref _notSent);
                }

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

    /// <summary>An empty success that is not a plain 2xx: the object asked for does not exist.</summary>
    public static bool IsNotFound(OperationResult result) =>
        !result.IsPartial && result.Status == OperationStatus.Success && result.Payloads.Count == 0 && !result.StatusCode.StartsWith('2');

    /// <summary>
    /// The summary in plain words, counts of zero left out: "76 records in 0.41 s" for a query, "3 approved,
    /// 1 application error in 0.82 s" for documents (<paramref name="verb"/> names what a success did), prefixed
    /// with "<paramref name="command"/>: " when given (in a pipe, where several summaries share a terminal).
    /// </summary>
    public string Format(string? command, string verb, bool query, TimeSpan elapsed)
    {
        var parts = new List<string>();
        if (NotSent > 0)
        {
            parts.Add(Count(NotSent, "request", "requests") + " not sent (dry run)");
        }

        if (query && NotSent == 0)
        {
            parts.Add(Count(Records, "record", "records"));
        }
        else if (!query && Finished == 0)
        {
            parts.Add("0 documents");
        }
        else if (!query)
        {
            var found = Succeeded - NotFound - NotSent;
            if (found > 0 || Finished == 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{found} {verb}"));
            }

            if (NotFound > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{NotFound} not found"));
            }
        }

        if (ApplicationErrors > 0)
        {
            parts.Add(Count(ApplicationErrors, "application error", "application errors"));
        }

        if (Failures > 0)
        {
            parts.Add(Count(Failures, "failure", "failures"));
        }

        var text = string.Join(", ", parts) + " in " + Elapsed(elapsed);
        return command is null ? text : command + ": " + text;
    }

    public int ExitCode => InvalidFilterMessage is not null || KeyRefused ? ExitCodes.Usage
        : ApplicationErrors + Failures > 0 ? ExitCodes.DocumentErrors
        : ExitCodes.Success;

    /// <summary>A duration as people say it: "0.41 s", "12.3 s", "2 min 05 s".</summary>
    public static string Elapsed(TimeSpan elapsed) => elapsed.TotalSeconds switch
    {
        < 10 => elapsed.TotalSeconds.ToString("0.00 's'", CultureInfo.InvariantCulture),
        < 60 => elapsed.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds:00} s"),
    };

    /// <summary>What a success of an operation did, in the past tense: "read", "created", "approved", "submitted".</summary>
    public static string PastTense(Core.Operations.OperationType type) => type.Kind switch
    {
        Core.Operations.OperationKind.Get => "read",
        Core.Operations.OperationKind.Create => "created",
        Core.Operations.OperationKind.Update => "updated",
        Core.Operations.OperationKind.Delete => "deleted",
        Core.Operations.OperationKind.Query => "queried",
        _ => ActionPastTense(type.CustomTypeId ?? "run"),
    };

    private static string ActionPastTense(string action)
    {
        var words = action.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries);
        var verb = words.Length > 1 && words[0] == "bulk" ? words[1] : words.Length > 0 ? words[0] : "run";
        return verb switch
        {
            "pending" => "set pending",
            "submit" => "submitted",
            "run" => "run",
            _ when verb.EndsWith("ing", StringComparison.Ordinal) => "succeeded",
            _ when verb.EndsWith('e') => verb + "d",
            _ => verb + "ed",
        };
    }

    private static string Count(long n, string one, string many) => string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");
}
