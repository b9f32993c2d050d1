using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Connector.Benchmarks.Baseline;
using Connector.Benchmarks.Connect;
using Connector.Benchmarks.Harness;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>bulk-close</c>: N closable usage records (status valid or approved) closed through BULK_CLOSE
/// (<c>POST /usage/records/close-records</c>, batch size 1000, parallelism 4). The connector's bulk operation reads,
/// projects and validates each record document, batches them, and maps the per-record statuses back to each
/// document; the baseline writes the same arrays with <see cref="Utf8JsonWriter"/>, posts them at the same
/// parallelism and counts the "closed" statuses with <see cref="JsonDocument"/>. The sandbox data is reset to its seed before every
/// run so the same N records are open again.
/// </summary>
internal sealed class BulkCloseScenario : SandboxResetScenario
{
    public const int BatchSize = 1000;
    private const string Collection = "usage_records";
    private const string Selection = "in(status,(valid,approved))";
    public const int Parallelism = 4;
    private const string BillingId = "INV-BENCH-1";

    private BulkCloseScenario(SeededSelection selection, BenchmarkConnector session)
        : base(selection, session)
    {
    }

    /// <summary>Seeds enough usage records that at least <paramref name="records"/> are closable, and picks them.</summary>
    public static async Task<BulkCloseScenario> CreateAsync(int records, CancellationToken cancellationToken)
    {
        var selection = await SeededRecords.FindAsync(
            size => new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = 200, AssetCount = 200, UsageRecordCount = size, RequestLogCapacity = 1000 },
            records + (records / 2),
            Collection,
            Selection,
            records,
            cancellationToken).ConfigureAwait(false);
        return new BulkCloseScenario(selection, await BenchmarkConnector.CreateAsync(cancellationToken).ConfigureAwait(false))
        {
            SeedNote = $"UsageRecordCount={selection.Size}: {selection.Matching} closable, the first {records} closed; the sandbox data reset to its seed before each run",
        };
    }

    protected override TrackedDocument Document(string trackingId, string id) =>
        TrackedDocument.FromText(trackingId, "{\"id\":\"" + id + "\",\"external_billing_id\":\"" + BillingId + "\"}");

    public override async Task<long> RunAsync(Side side, CancellationToken cancellationToken)
    {
        if (side == Side.Connector)
        {
            var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [OperationFieldIds.BatchSize] = BatchSize.ToString(CultureInfo.InvariantCulture),
                [OperationFieldIds.Parallelism] = Parallelism.ToString(CultureInfo.InvariantCulture),
            };
            var sink = await Session.ExecuteAsync(
                CurrentSandbox.BaseUrl, "usage_record", "EXECUTE:BULK_CLOSE", properties, OperationRequest.ForDocuments(Documents), new CountingResultSink(), cancellationToken).ConfigureAwait(false);
            return sink.Failures.Count == 0 ? sink.Successes : throw new InvalidOperationException("closes failed: " + string.Join("; ", sink.Failures));
        }

        var raw = Raw;
        long closed = 0;
        await Parallel.ForEachAsync(Ids.Chunk(BatchSize), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var body = new ArrayBufferWriter<byte>(batch.Length * 64);
            await using (var writer = new Utf8JsonWriter(body))
            {
                writer.WriteStartArray();
                foreach (var id in batch)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", id);
                    writer.WriteString("external_billing_id", BillingId);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            using var response = await raw.PostJsonAsync("usage/records/close-records", body.WrittenMemory, ct).ConfigureAwait(false);
            await using var answer = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            using var statuses = await JsonDocument.ParseAsync(answer, cancellationToken: ct).ConfigureAwait(false);
            var inBatch = 0;
            foreach (var status in statuses.RootElement.EnumerateArray())
            {
                if (status.GetProperty("status").ValueEquals("closed"u8) && status.GetProperty("id").GetString() is not null)
                {
                    inBatch++;
                }
            }

            Interlocked.Add(ref closed, inBatch);
        }).ConfigureAwait(false);
        return closed;
    }
}
