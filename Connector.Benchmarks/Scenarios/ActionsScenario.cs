using System.Text.Json;
using Connector.Benchmarks.Baseline;
using Connector.Benchmarks.Connect;
using Connector.Benchmarks.Harness;
using Connector.Core.Descriptors;
using Connector.Core.Documents;
using Connector.Core.Operations;
using Connector.Operations.Http;
using Connector.Operations.Inbound;
using Connector.Sandbox;

namespace Connector.Benchmarks.Scenarios;

/// <summary>
/// <c>actions</c>: N custom actions, fulfillment request APPROVE (<c>POST /requests/{id}/approve</c> with a template id)
/// on N distinct pending requests, parallelism 8. The connector runs its EXECUTE:APPROVE operation (read, project
/// onto and validate against the input profile, send, check the answer is one JSON value and return it as the result);
/// the baseline POSTs the same bodies with HttpClient at the same parallelism and reads each answer through a
/// <see cref="Utf8JsonReader"/> to its end, counting an APPROVE done when the answer's top-level status is
/// <c>approved</c> (the least parsing that still validates the answer and sees the outcome, as the search baseline
/// skips over each record). APPROVE is not repeatable (a request leaves pending), so the sandbox data is reset to its seed before
/// every run and both sides approve the same N requests. The <c>actions-client</c> variant puts the connector's HTTP
/// client alone in the connector's slot (<see cref="ConnectHttpClient"/> with the connection's settings, the same
/// bodies, each answer read and checked as the operation does, no input documents, no results): the baseline against
/// the HTTP layer, without the operation's per-document work.
/// </summary>
internal sealed class ActionsScenario : SandboxResetScenario
{
    private const string Collection = "requests";
    private const string Selection = "eq(status,pending)";
    public const int Parallelism = 8;
    // A template of the seed-42 sandbox's first product: the sandbox refuses an unknown template, as Connect does.
    private const string Body = "{\"template_id\":\"TL-0042-0000-0000-01\"}";
    private static readonly byte[] BodyBytes = System.Text.Encoding.UTF8.GetBytes(Body);

    private readonly bool _clientOnly;
    private ConnectHttpClient? _client;

    private ActionsScenario(SeededSelection selection, BenchmarkConnector session, bool clientOnly)
        : base(selection, session)
    {
        _clientOnly = clientOnly;
    }

    /// <summary>Finds a RecordsPerType that seeds at least <paramref name="actions"/> pending requests (about 3 in 8 are pending) and picks them.</summary>
    /// <param name="actions">How many APPROVEs a run sends.</param>
    /// <param name="clientOnly">Whether the connector's slot runs its HTTP client alone (<c>actions-client</c>) instead of the operation.</param>
    /// <param name="cancellationToken">Stops the search for the seed size.</param>
    public static async Task<ActionsScenario> CreateAsync(int actions, bool clientOnly, CancellationToken cancellationToken)
    {
        var selection = await SeededRecords.FindAsync(
            size => new SandboxOptions { Port = 0, Seed = 42, RecordsPerType = size, AssetCount = 200, UsageRecordCount = 200 },
            Math.Max(200, actions * 3),
            Collection,
            Selection,
            actions,
            cancellationToken).ConfigureAwait(false);
        return new ActionsScenario(selection, await BenchmarkConnector.CreateAsync(cancellationToken).ConfigureAwait(false), clientOnly)
        {
            SeedNote = $"RecordsPerType={selection.Size}: {selection.Matching} pending requests, the first {actions} approved; the sandbox data reset to its seed before each run",
        };
    }

    protected override TrackedDocument Document(string trackingId, string id) =>
        TrackedDocument.FromText(trackingId, Body, new Dictionary<string, string?>(StringComparer.Ordinal) { [OperationFieldIds.ObjectId] = id });

    public override async Task<long> RunAsync(Side side, CancellationToken cancellationToken)
    {
        if (side == Side.Connector && _clientOnly)
        {
            return await RunClientAsync(cancellationToken).ConfigureAwait(false);
        }

        if (side == Side.Connector)
        {
            var properties = new Dictionary<string, string?>(StringComparer.Ordinal) { [OperationFieldIds.Parallelism] = Parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            var sink = await Session.ExecuteAsync(
                CurrentSandbox.BaseUrl, "request", "EXECUTE:APPROVE", properties, OperationRequest.ForDocuments(Documents), new CountingResultSink(), cancellationToken).ConfigureAwait(false);
            return sink.Failures.Count == 0 ? sink.Successes : throw new InvalidOperationException("approvals failed: " + string.Join("; ", sink.Failures));
        }

        var raw = Raw;
        long done = 0;
        await Parallel.ForEachAsync(Ids, Approvals(cancellationToken), async (id, ct) =>
        {
            using var response = await raw.PostJsonAsync(ApprovePath(id), BodyBytes, ct).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode && IsApproved(answer))
            {
                Interlocked.Increment(ref done);
            }
        }).ConfigureAwait(false);
        return done;
    }

    public override async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The <c>actions-client</c> connector slot: the APPROVEs through the connector's <see cref="ConnectHttpClient"/> at the
    /// same parallelism, each answer read and checked to be one JSON value (<see cref="JsonBody.ReadAsync"/>), as the operation
    /// reads it. The client is made in the first (warm-up) run, once the sandbox's address is known, and kept.
    /// </summary>
    private async Task<long> RunClientAsync(CancellationToken cancellationToken)
    {
        var client = _client ??= Session.CreateClient(CurrentSandbox.BaseUrl);
        long done = 0;
        await Parallel.ForEachAsync(Ids, Approvals(cancellationToken), async (id, ct) =>
        {
            var request = new ConnectRequest(HttpMethod.Post, ApprovePath(id), body: ConnectRequestBody.Json(BodyBytes));
            await using var answer = await client.SendAsync(request, ct).ConfigureAwait(false);
            await JsonBody.ReadAsync(answer.Body, ct).ConfigureAwait(false);
            Interlocked.Increment(ref done);
        }).ConfigureAwait(false);
        return done;
    }

    /// <summary>The relative target of one request's APPROVE, as every side sends it.</summary>
    private static string ApprovePath(string id) => "requests/" + id + "/approve";

    /// <summary>How the baseline and the client alone send their APPROVEs: <see cref="Parallelism"/> at a time, as the operation does.</summary>
    private static ParallelOptions Approvals(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    /// <summary>
    /// Whether an answer is one JSON object whose top-level <c>status</c> is <c>approved</c>, read token by token to its
    /// end (a malformed answer throws <see cref="JsonException"/>, failing the run).
    /// </summary>
    internal static bool IsApproved(ReadOnlySpan<byte> answer)
    {
        var reader = new Utf8JsonReader(answer);
        var approved = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                approved = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("approved"u8);
            }
        }

        return approved;
    }
}
