using System.Text;
using Connector.Core.Results;
using Newtonsoft.Json;

namespace Connector.Host.Output;

/// <summary>
/// Streams results to stdout as they arrive (nothing is collected: a million-record query streams record by record),
/// each record through the run's <see cref="IRecordOutput"/> (JSON lines, table, CSV, TSV, workbook).
/// Default mode: one record per output document (a query's records, each object an operation answered).
/// --results mode: one record per result, <c>{"status","code","message","trackingId","payload"}</c>; a query prints one
/// such line per record (status SUCCESS, code 200) and then its final line (payload null).
/// Binary payloads are written to files (see <see cref="DownloadTarget"/>) and stand for <c>{"file","contentType","bytes"}</c>.
/// Documents that did not succeed are also named on stderr.
/// </summary>
/// <remarks>With <paramref name="failMissing"/> an empty success for an object that does not exist becomes an APPLICATION_ERROR.</remarks>
internal sealed class ResultWriter(
    TextWriter output,
    IRecordOutput records,
    TextWriter error,
    RunSummary summary,
    ProgressLine progress,
    bool resultsMode,
    DownloadTarget? downloads,
    TimeProvider time,
    bool failMissing = false,
    string? objectTypeId = null)
    : IOperationResultSink
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);
    private long _lastFlush = time.GetTimestamp();

    public async ValueTask OnResultAsync(OperationResult result, CancellationToken cancellationToken)
    {
        if (!result.IsPartial && result.Status != OperationStatus.Success)
        {
            // In the command line's words: flags, not descriptor property ids; unknown fields with "did you mean".
            var message = Help.MessageWording.Flags(result.Message);
            result = result with { Message = objectTypeId is null ? message : Help.MessageWording.QueryProblems(message, objectTypeId) };
        }

        if (failMissing && RunSummary.IsNotFound(result))
        {
            result = result with { Status = OperationStatus.ApplicationError, Message = "--fail-missing: " + result.Message };
        }

        try
        {
            if (result.IsPartial)
            {
                summary.AddRecord();
            }
            else
            {
                summary.AddFinal(result);
            }

            if (result.Payloads.Count > 0 || resultsMode)
            {
                // A record must not land after the progress line on a shared terminal.
                progress.Clear();
            }

            await WriteRecordsAsync(result, cancellationToken).ConfigureAwait(false);
            await ReportOnStderrAsync(result).ConfigureAwait(false);
            if (!result.IsPartial || time.GetElapsedTime(_lastFlush) >= FlushInterval)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                _lastFlush = time.GetTimestamp();
            }

            progress.Tick();
        }
        finally
        {
            foreach (var payload in result.Payloads)
            {
                await payload.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The result's records on stdout: each payload rendered, or with --results one envelope per result.</summary>
    private async Task WriteRecordsAsync(OperationResult result, CancellationToken cancellationToken)
    {
        if (resultsMode)
        {
            var payload = result.Payloads.Count > 0 ? await RenderAsync(result.TrackingId, result.Payloads[0], cancellationToken).ConfigureAwait(false) : null;
            for (var i = 1; i < result.Payloads.Count; i++)
            {
                await RenderAsync(result.TrackingId, result.Payloads[i], cancellationToken).ConfigureAwait(false);
            }

            await records.WriteAsync(Envelope(result, payload), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var payload in result.Payloads)
            {
                await records.WriteAsync(await RenderAsync(result.TrackingId, payload, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>What stdout cannot show, on stderr: a GET that found nothing, and every result that is not a success.</summary>
    private async Task ReportOnStderrAsync(OperationResult result)
    {
        if (RunSummary.IsNotFound(result) && !resultsMode)
        {
            // An empty success that is not a plain 2xx (a GET of a missing object): say so, stdout has nothing for it.
            progress.Clear();
            await error.WriteLineAsync($"{result.TrackingId}: {result.StatusCode}: {result.Message}").ConfigureAwait(false);
        }

        if (!result.IsPartial && result.Status != OperationStatus.Success)
        {
            progress.Clear();
            await error.WriteLineAsync($"{result.TrackingId}: {StatusName(result.Status)} {result.StatusCode}: {result.Message}").ConfigureAwait(false);
        }
    }

    public static string StatusName(OperationStatus status) => status switch
    {
        OperationStatus.Success => "SUCCESS",
        OperationStatus.ApplicationError => "APPLICATION_ERROR",
        _ => "FAILURE",
    };

    private static string Envelope(OperationResult result, string? payloadJson)
    {
        var text = new StringWriter();
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            writer.WriteStartObject();
            writer.WritePropertyName("status");
            writer.WriteValue(StatusName(result.Status));
            writer.WritePropertyName("code");
            writer.WriteValue(result.StatusCode);
            writer.WritePropertyName("message");
            writer.WriteValue(result.Message);
            writer.WritePropertyName("trackingId");
            writer.WriteValue(result.TrackingId);
            writer.WritePropertyName("payload");
            if (payloadJson is null)
            {
                writer.WriteNull();
            }
            else
            {
                writer.WriteRawValue(payloadJson);
            }

            writer.WriteEndObject();
        }

        return text.ToString();
    }

    /// <summary>The compact JSON of a payload; a binary payload is saved and described.</summary>
    private async Task<string> RenderAsync(string trackingId, Payload payload, CancellationToken cancellationToken)
    {
        if (!payload.IsJson)
        {
            return await SaveAsync(trackingId, payload, cancellationToken).ConfigureAwait(false);
        }

        using var buffer = new MemoryStream();
        await payload.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        try
        {
            return Compact(buffer);
        }
        catch (JsonReaderException)
        {
            // Not JSON after all: keep the text, as a JSON string.
            return JsonConvert.ToString(Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }

    private static string Compact(Stream json)
    {
        using var reader = new JsonTextReader(new StreamReader(json, Encoding.UTF8)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        var text = new StringWriter();
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            if (!reader.Read())
            {
                return "null";
            }

            writer.WriteToken(reader);
        }

        return text.ToString();
    }

    private async Task<string> SaveAsync(string trackingId, Payload payload, CancellationToken cancellationToken)
    {
        if (downloads is null)
        {
            await using var sink = Stream.Null;
            await payload.CopyToAsync(sink, cancellationToken).ConfigureAwait(false);
            await error.WriteLineAsync($"{trackingId}: the answer is a {payload.ContentType} file; give --out PATH to save it").ConfigureAwait(false);
            return Describe(null, payload.ContentType, 0);
        }

        var path = downloads.NextPath(trackingId, payload.ContentType);
        long bytes;
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await payload.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            bytes = file.Length;
        }

        await error.WriteLineAsync($"{trackingId}: saved {bytes} bytes to {path}").ConfigureAwait(false);
        return Describe(path, payload.ContentType, bytes);
    }

    private static string Describe(string? path, string contentType, long bytes)
    {
        var text = new StringWriter();
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            writer.WriteStartObject();
            writer.WritePropertyName("file");
            writer.WriteValue(path);
            writer.WritePropertyName("contentType");
            writer.WriteValue(contentType);
            writer.WritePropertyName("bytes");
            writer.WriteValue(bytes);
            writer.WriteEndObject();
        }

        return text.ToString();
    }
}
