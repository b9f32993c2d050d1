using System.Text.Json.Nodes;
using Connector.Browse.Catalog;
using Connector.Core.Browsing;
using Connector.Core.Contexts;
using Connector.Core.Descriptors;
using Connector.Core.Results;
using Connector.Core.Testing;
using Connector.Operations;
using Connector.Sandbox;
using Connector.Tests.Sandbox;
using Newtonsoft.Json.Linq;
using NUnit.Framework;

namespace Connector.Tests.Operations.AgainstSandbox;

/// <summary>
/// One sandbox per fixture, the connector over it through the public <see cref="ConnectorTester"/> harness (fast retries),
/// a claim helper and assertions that read the sandbox's store and request log.
/// </summary>
public abstract class AgainstSandboxFixture
{
    /// <summary>The running sandbox.</summary>
    protected ConnectSandbox Sandbox { get; private set; } = null!;

    /// <summary>The harness over <see cref="ConnectConnector"/>.</summary>
    protected ConnectorTester Tester { get; private set; } = null!;

    /// <summary>Hands out records in a wanted state.</summary>
    protected SandboxClaims Claims { get; private set; } = null!;

    /// <summary>A template of a seeded product: actions that name a template need one that exists.</summary>
    protected string Template => Sandbox.Store.World.TemplateId(0, 0);

    /// <summary>A raw HTTP client of the sandbox (to compare what the connector returns with what is served).</summary>
    internal SandboxClient Raw { get; private set; } = null!;

    private ConnectConnector connector = null!;

    /// <summary>The fixture's sandbox settings.</summary>
    protected virtual SandboxOptions Options => new() { RecordsPerType = 60 };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Sandbox = await ConnectSandbox.StartAsync(Options);
        var descriptor = await DescriptorLoader.LoadAsync(TestPaths.Descriptor, CancellationToken.None);
        connector = new ConnectConnector(descriptor);
        Tester = new ConnectorTester(connector, new Dictionary<string, string?>
        {
            ["url"] = Sandbox.BaseUrl.ToString(),
            ["apiKey"] = SandboxOptions.DefaultApiKey,
            ["retryBaseDelayMilliseconds"] = "10",
            ["retryMaxDelaySeconds"] = "2",
        });
        Claims = new SandboxClaims(Sandbox.Store);
        Raw = new SandboxClient(Sandbox);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Raw.Dispose();
        connector.Dispose();
        await Sandbox.DisposeAsync();
    }

    [TearDown]
    public void ClearFaults() => Sandbox.Faults.Clear();

    /// <summary>Where the request log is now; pass it to <see cref="Since"/>.</summary>
    protected int Mark() => Sandbox.RequestLog.Count;

    /// <summary>The requests the sandbox received after <paramref name="mark"/>.</summary>
    protected IReadOnlyList<SandboxRequestLogEntry> Since(int mark) => Sandbox.RequestLog.Entries.Skip(mark).ToList();

    /// <summary>A record as the store holds it now.</summary>
    protected JsonObject Stored(string collection, string id) =>
        Sandbox.Store.Get(collection, id) ?? throw new AssertionException($"{collection} {id} does not exist in the sandbox");

    /// <summary>Dynamic properties of one document.</summary>
    protected static Dictionary<string, string?> Ids(string? objectId, string? parentId = null)
    {
        var properties = new Dictionary<string, string?>();
        if (objectId is not null)
        {
            properties["objectId"] = objectId;
        }

        if (parentId is not null)
        {
            properties["parentId"] = parentId;
        }

        return properties;
    }

    /// <summary>Runs an operation on one document and checks the one-final-result invariant.</summary>
    protected async Task<DocumentResult> RunAsync(string objectType, string operation, string? objectId, string? json = null, string? parentId = null, Dictionary<string, string?>? operationProperties = null)
    {
        var dynamic = Ids(objectId, parentId);
        var document = json is null ? Tester.EmptyDocument(dynamic) : Tester.Document(json, dynamic);
        var mark = Mark();
        var results = await Tester.ExecuteAsync(objectType, operation, [document], operationProperties);
        Assert.That(Tester.LastViolations, Is.Empty, "the operation respected the result contract");
        Assert.That(results, Has.Count.EqualTo(1));
        Assert.That(results[0].FinalResultCount, Is.EqualTo(1));
        await AssertConformsAsync(objectType, operation, results[0], mark);
        return results[0];
    }

    /// <summary>Runs an operation on one binary document (a file to upload).</summary>
    protected async Task<DocumentResult> RunFileAsync(string objectType, string operation, string? objectId, byte[] bytes, Dictionary<string, string?>? extra = null)
    {
        var dynamic = Ids(objectId);
        foreach (var (key, value) in extra ?? [])
        {
            dynamic[key] = value;
        }

        var mark = Mark();
        var results = await Tester.ExecuteAsync(objectType, operation, [Tester.BinaryDocument(bytes, dynamic)]);
        Assert.That(Tester.LastViolations, Is.Empty);
        Assert.That(results, Has.Count.EqualTo(1));
        await AssertConformsAsync(objectType, operation, results[0], mark);
        return results[0];
    }

    /// <summary>
    /// Schema conformance of a successful run: every JSON payload validates against the entry's OUTPUT profile (a BINARY
    /// output is a non-JSON file, NONE has no payload), and every JSON body the operation sent for the entry's endpoint
    /// validates against its INPUT profile (for a JSON array, each element).
    /// </summary>
    protected async Task AssertConformsAsync(string objectType, string operation, DocumentResult result, int mark)
    {
        if (result.Status != OperationStatus.Success)
        {
            return;
        }

        var catalog = await connector.Catalogs.GetCatalogAsync();
        var entry = catalog.GetEntry(objectType, OperationContext.ResolveOperation(OperationContext.ResolveObjectType(catalog.Descriptor, objectType), operation).Type);
        switch (entry.Output.ContentType)
        {
            case DefinitionContentType.Json:
                foreach (var payload in result.Json)
                {
                    var errors = entry.OutputSchema!.Validate(payload);
                    Assert.That(errors.Select(e => e.ToString()), Is.Empty, $"{objectType} {operation} output does not fit its OUTPUT profile: {Shorten(payload.ToString(Newtonsoft.Json.Formatting.None))}");
                }

                break;
            case DefinitionContentType.Binary:
                Assert.That(result.Payloads.All(p => !p.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase) && p.Bytes.Length > 0), Is.True, "a file, not JSON");
                break;
            default:
                Assert.That(result.Payloads, Is.Empty, $"{objectType} {operation} returns nothing");
                break;
        }

        if (entry.InputSchema is null)
        {
            return;
        }

        var template = new System.Text.RegularExpressions.Regex(
            "^/public/v1" + System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Escape(entry.Operation.Path), @"\\\{[^}]+}", "[^/]+") + "$");
        var bodies = Since(mark).Where(e => e.Method == entry.Operation.Method && template.IsMatch(e.Path) && !string.IsNullOrEmpty(e.Body)).ToList();
        Assert.That(bodies, Is.Not.Empty, $"{objectType} {operation} sent its body to {entry.Operation.Endpoint}");
        foreach (var sent in bodies)
        {
            var body = JToken.Parse(sent.Body!);
            foreach (var element in body is JArray array && entry.Operation.Request.Body == RequestBodyKind.JsonArray ? array.ToList() : [body])
            {
                Assert.That(entry.InputSchema.Validate(element).Select(e => e.ToString()), Is.Empty, $"{objectType} {operation} sent a body outside its INPUT profile: {sent.Body}");
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";

    /// <summary>Asserts SUCCESS with one JSON object payload and returns it.</summary>
    protected static JObject Ok(DocumentResult result)
    {
        Assert.That(result.Status, Is.EqualTo(OperationStatus.Success), result.ToString());
        return result.SingleObject();
    }

    /// <summary>
    /// Asserts an APPLICATION_ERROR with <paramref name="code"/>. A Connect answer code (400, 404, or a per-record code
    /// with <paramref name="loggedStatus"/>) means exactly one request reached the sandbox with that status; any other
    /// code is an input problem the connector caught, so nothing was sent.
    /// </summary>
    protected void AssertApplicationError(DocumentResult result, int mark, string code, int? loggedStatus = null)
    {
        Assert.That(result.Status, Is.EqualTo(OperationStatus.ApplicationError), result.ToString());
        Assert.That(result.StatusCode, Is.EqualTo(code), result.ToString());
        var sent = Since(mark);
        var expected = loggedStatus ?? (int.TryParse(code, out var http) ? http : (int?)null);
        if (expected is { } status)
        {
            Assert.That(sent.Select(e => e.Status), Is.EqualTo(new[] { status }), "one request, answered " + status);
        }
        else
        {
            Assert.That(sent, Is.Empty, "nothing was sent");
        }
    }
}
