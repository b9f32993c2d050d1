using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Core.Endpoints;

/// <summary>
/// The data derived from an API's OpenAPI document (<c>descriptor/openapi/*.derived.json</c>): per endpoint its
/// request and response schemas and documented filters, and the shared schema definitions they reference.
/// </summary>
public sealed class ApiCatalog
{
    private const string DefinitionPrefix = "#/definitions/";
    private readonly Dictionary<string, ApiEndpoint> _endpoints;

    private ApiCatalog(JObject source, IReadOnlyList<ApiEndpoint> endpoints, JObject definitions)
    {
        Source = source;
        Endpoints = endpoints;
        Definitions = definitions;
        _endpoints = endpoints.ToDictionary(e => e.Key, StringComparer.Ordinal);
    }

    /// <summary>Where the data came from (document title, version, checksum).</summary>
    public JObject Source { get; }

    /// <summary>Every endpoint in file order (one per method and path).</summary>
    public IReadOnlyList<ApiEndpoint> Endpoints { get; }

    /// <summary>The shared schema definitions, by name.</summary>
    public JObject Definitions { get; }

    /// <summary>Loads the derived data file.</summary>
    /// <param name="path">The derived data file (<c>openApi</c> of the descriptor); read whole, shared for reading while open.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The catalog of every endpoint and shared definition in the file.</returns>
    /// <exception cref="FormatException">The file is not derived OpenAPI data.</exception>
    public static async Task<ApiCatalog> LoadAsync(string path, CancellationToken cancellationToken)
    {
        // Read the file (asynchronously, bounded), then parse it from memory with the synchronous reader: Newtonsoft's
        // asynchronous token reader costs a third more per token and, in a fresh process, its own JIT.
        byte[] bytes;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true))
        {
            if (stream.Length > MaxDerivedDataBytes)
            {
                throw new FormatException($"{path} is not derived OpenAPI data: it is larger than {MaxDerivedDataBytes / (1024 * 1024)} MB.");
            }

            bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        return Load(new MemoryStream(bytes, writable: false), path);
    }

    /// <summary>The largest derived data file <see cref="LoadAsync(string, CancellationToken)"/> and <see cref="CheckFileAsync"/> read (the shipped one is about 2.4 MB).</summary>
    private const long MaxDerivedDataBytes = 256L * 1024 * 1024;

    /// <summary>
    /// Checks, without building the catalog, that a file is derived OpenAPI data: valid JSON whose root has
    /// <c>endpoints</c> and <c>definitions</c> (a streaming read, a fraction of the cost of <see cref="LoadAsync(string, CancellationToken)"/>).
    /// Messages never quote the file's content.
    /// </summary>
    /// <param name="path">The file to check; only a regular file of at most 256 MB is read.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when the file passed.</returns>
    /// <exception cref="FormatException">The file is not derived OpenAPI data.</exception>
    public static async Task CheckFileAsync(string path, CancellationToken cancellationToken)
    {
        // A device, a FIFO or a /proc file reports no size and may never end: only a regular file of a sane size is read.
        var length = new FileInfo(path).Length;
        if (length is 0 or > MaxDerivedDataBytes)
        {
            throw new FormatException($"{path} is not derived OpenAPI data: it is {(length == 0 ? "empty or not a regular file" : $"larger than {MaxDerivedDataBytes / (1024 * 1024)} MB")}.");
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true);
        System.Text.Json.JsonDocument document;
        try
        {
            document = await System.Text.Json.JsonDocument.ParseAsync(stream, new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 }, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new FormatException($"{path} is not derived OpenAPI data: it is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object
                || !root.TryGetProperty("endpoints", out var endpoints) || endpoints.ValueKind != System.Text.Json.JsonValueKind.Array
                || !root.TryGetProperty("definitions", out var definitions) || definitions.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new FormatException($"{path} is not derived OpenAPI data: it needs 'endpoints' and 'definitions'.");
            }
        }
    }

    /// <summary>Loads derived data from a stream.</summary>
    /// <param name="json">Derived OpenAPI data (a JSON object with <c>endpoints</c> and <c>definitions</c>); read to its end and left open for the caller to dispose.</param>
    /// <param name="sourceName">A name for messages (usually the file path); the data's content is never quoted in them.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The catalog of every endpoint and shared definition read.</returns>
    /// <exception cref="FormatException">The data is not derived OpenAPI data.</exception>
    public static async Task<ApiCatalog> LoadAsync(Stream json, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        JObject root;
        try
        {
            using var reader = new StreamReader(json, leaveOpen: true);
            using var jsonReader = new JsonTextReader(reader) { DateParseHandling = DateParseHandling.None };
            root = (JObject)await JToken.ReadFromAsync(jsonReader, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidCastException)
        {
            throw NotDerivedData(sourceName, ex);
        }

        return FromRoot(root, sourceName);
    }

    /// <summary>Loads derived data already in memory (the synchronous reader: no I/O to wait for).</summary>
    private static ApiCatalog Load(MemoryStream json, string sourceName)
    {
        JObject root;
        try
        {
            using var reader = new StreamReader(json);
            using var jsonReader = new JsonTextReader(reader) { DateParseHandling = DateParseHandling.None };
            root = (JObject)JToken.ReadFrom(jsonReader);
        }
        catch (Exception ex) when (ex is JsonException or InvalidCastException)
        {
            throw NotDerivedData(sourceName, ex);
        }

        return FromRoot(root, sourceName);
    }

    private static FormatException NotDerivedData(string sourceName, Exception ex)
    {
        // The parser's message can quote the file's content: say only where it went wrong.
        var where = ex is JsonReaderException reader ? $"it is not valid JSON (line {reader.LineNumber}, position {reader.LinePosition})" : "it is not a JSON object";
        return new FormatException($"{sourceName} is not derived OpenAPI data: {where}.", ex);
    }

    private static ApiCatalog FromRoot(JObject root, string sourceName)
    {
        if (root["endpoints"] is not JArray endpoints || root["definitions"] is not JObject definitions)
        {
            throw new FormatException($"{sourceName} is not derived OpenAPI data: it needs 'endpoints' and 'definitions'.");
        }

        return new ApiCatalog(root["source"] as JObject ?? [], endpoints.OfType<JObject>().Select(ReadEndpoint).ToList(), definitions);
    }

    /// <summary>Finds an endpoint by method and the descriptor's path template.</summary>
    /// <param name="method">The HTTP method, any letter case.</param>
    /// <param name="path">The path template as the descriptor spells it (<c>requests/{id}</c>), compared exactly.</param>
    /// <returns>The endpoint, or null when the data documents no such method and path.</returns>
    public ApiEndpoint? Find(string method, string path) => _endpoints.GetValueOrDefault(method.ToUpperInvariant() + " " + path);

    /// <summary>
    /// Builds a self-contained JSON schema from a schema of this catalog: a deep copy with every definition it reaches
    /// (transitively) copied under its own <c>definitions</c>.
    /// </summary>
    /// <param name="schema">A schema whose references point into <see cref="Definitions"/>.</param>
    /// <returns>A new object the caller owns (the catalog is not changed); a non-object schema comes back wrapped in <c>allOf</c>, and definitions are listed in name order.</returns>
    /// <exception cref="FormatException">A reference does not resolve.</exception>
    public JObject BuildStandaloneSchema(JToken schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var copy = schema is JObject o ? (JObject)o.DeepClone() : new JObject { ["allOf"] = new JArray(schema.DeepClone()) };
        var reached = new SortedDictionary<string, JToken>(StringComparer.Ordinal);
        var pending = new Stack<JToken>();
        pending.Push(copy);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            var references = next is JContainer container ? container.DescendantsAndSelf().OfType<JProperty>().Where(p => p.Name == "$ref").ToList() : [];
            foreach (var reference in references)
            {
                var target = (string?)reference.Value;
                if (target is null || !target.StartsWith(DefinitionPrefix, StringComparison.Ordinal))
                {
                    throw new FormatException($"The reference '{target}' does not point into the catalog's definitions.");
                }

                var name = target[DefinitionPrefix.Length..];
                if (reached.ContainsKey(name))
                {
                    continue;
                }

                var definition = Definitions[name] ?? throw new FormatException($"The reference '{target}' does not resolve.");
                var definitionCopy = definition.DeepClone();
                reached[name] = definitionCopy;
                pending.Push(definitionCopy);
            }
        }

        if (reached.Count > 0)
        {
            var definitions = copy["definitions"] as JObject ?? [];
            foreach (var (name, definition) in reached)
            {
                definitions[name] = definition;
            }

            copy["definitions"] = definitions;
        }

        return copy;
    }

    private static ApiEndpoint ReadEndpoint(JObject e)
    {
        var request = e["request"] is JObject r
            ? new ApiRequestBody(
                (string?)r["contentType"] ?? "application/json",
                r["schema"] as JObject,
                (r["examples"] as JArray)?.ToList() ?? [])
            : null;
        var responses = (e["responses"] as JArray ?? []).OfType<JObject>()
            .Select(x => new ApiResponseBody((int)x["status"]!, (string?)x["contentType"], x["schema"] as JObject))
            .ToList();
        var filters = (e["filters"] as JArray ?? []).OfType<JObject>()
            .Select(f => new ApiFilter(
                (string)f["name"]!,
                (f["lookups"] as JArray ?? []).Select(l => (string)l!).ToList(),
                (bool?)f["orderable"] ?? false,
                (bool?)f["search"] ?? false,
                (bool?)f["nullable"] ?? false))
            .ToList();
        return new ApiEndpoint(
            ((string)e["method"]!).ToUpperInvariant(),
            (string)e["path"]!,
            (string?)e["openApiPath"] ?? (string)e["path"]!,
            (string?)e["operationId"],
            (string?)e["summary"],
            request,
            responses,
            filters,
            (bool?)e["paged"] ?? false);
    }
}
