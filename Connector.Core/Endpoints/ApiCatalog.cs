using System.Runtime.InteropServices;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Core.Endpoints;

/// <summary>
/// The data derived from an API's OpenAPI document (<c>descriptor/openapi/*.derived.json</c>): per endpoint its
/// request and response schemas and documented filters, and the shared schema definitions they reference. Loading
/// checks the whole file and records where each part lies; an endpoint is parsed when first found (or listed), a
/// definition when first asked for (<see cref="SchemaDefinitions"/>), then kept. Safe to use concurrently.
/// </summary>
public sealed class ApiCatalog
{
    private const string DefinitionPrefix = "#/definitions/";
    private readonly Lazy<JObject> _source;
    private readonly Dictionary<string, Lazy<ApiEndpoint>> _endpoints;
    private readonly Lazy<IReadOnlyList<ApiEndpoint>> _all;

    /// <summary>Indexes the parts of the data; each is read (parsed) by its function on first use, then kept.</summary>
    /// <exception cref="FormatException">An endpoint has no method or path string, or two endpoints have the same method and path.</exception>
    private ApiCatalog(
        Func<JObject> source,
        IEnumerable<(string? Method, string? Path, Func<JObject> Read)> endpoints,
        IEnumerable<(string Name, Func<JToken> Read)> definitions,
        string sourceName)
    {
        _source = new Lazy<JObject>(source, LazyThreadSafetyMode.ExecutionAndPublication);
        var inOrder = new List<Lazy<ApiEndpoint>>();
        _endpoints = new Dictionary<string, Lazy<ApiEndpoint>>(StringComparer.Ordinal);
        foreach (var (method, path, read) in endpoints)
        {
            if (method is null || path is null)
            {
                throw new FormatException($"{sourceName} is not derived OpenAPI data: its endpoint {inOrder.Count + 1} has no 'method' or no 'path' string.");
            }

            var key = KeyOf(method, path);
            var endpoint = new Lazy<ApiEndpoint>(() => ReadEndpoint(read(), key, sourceName), LazyThreadSafetyMode.ExecutionAndPublication);
            if (!_endpoints.TryAdd(key, endpoint))
            {
                throw new FormatException($"{sourceName} is not derived OpenAPI data: it lists the endpoint {key} twice.");
            }

            inOrder.Add(endpoint);
        }

        _all = new Lazy<IReadOnlyList<ApiEndpoint>>(() => inOrder.ConvertAll(e => e.Value), LazyThreadSafetyMode.ExecutionAndPublication);
        Definitions = new SchemaDefinitions(definitions);
    }

    /// <summary>Where the data came from (document title, version, checksum); parsed on first use.</summary>
    public JObject Source => _source.Value;

    /// <summary>Every endpoint in file order (one per method and path); the first use parses those <see cref="Find"/> has not.</summary>
    /// <exception cref="FormatException">An endpoint is malformed (the message names it).</exception>
    public IReadOnlyList<ApiEndpoint> Endpoints => _all.Value;

    /// <summary>The shared schema definitions, by name, each parsed when first asked for.</summary>
    public SchemaDefinitions Definitions { get; }

    /// <summary>How many endpoints have been parsed so far (each at most once).</summary>
    internal int ParsedEndpointCount => _endpoints.Values.Count(e => e.IsValueCreated);

    /// <summary>Loads the derived data file.</summary>
    /// <param name="path">The derived data file (<c>openApi</c> of the descriptor); read whole, shared for reading while open.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The catalog of every endpoint and shared definition in the file.</returns>
    /// <exception cref="FormatException">The file is not derived OpenAPI data.</exception>
    public static async Task<ApiCatalog> LoadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true))
        {
            if (stream.Length > MaxDerivedDataBytes)
            {
                throw TooLarge(path);
            }

            bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        return Load(bytes, path);
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
            document = await System.Text.Json.JsonDocument.ParseAsync(stream, new System.Text.Json.JsonDocumentOptions { MaxDepth = Utf8TreeReader.MaxDepth }, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new FormatException($"{path} is not derived OpenAPI data: it is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}).");
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
    /// <param name="json">Derived OpenAPI data (a JSON object with <c>endpoints</c> and <c>definitions</c>); read to its end (at most 256 MB) and left open for the caller to dispose.</param>
    /// <param name="sourceName">A name for messages (usually the file path); the data's content is never quoted in them.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The catalog of every endpoint and shared definition read.</returns>
    /// <exception cref="FormatException">The data is not derived OpenAPI data.</exception>
    public static async Task<ApiCatalog> LoadAsync(Stream json, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var buffer = new MemoryStream();
        var chunk = new byte[65536];
        int read;
        while ((read = await json.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxDerivedDataBytes)
            {
                throw TooLarge(sourceName);
            }

            buffer.Write(chunk, 0, read);
        }

        return Load(buffer.ToArray(), sourceName);
    }

    private static FormatException TooLarge(string sourceName) =>
        new($"{sourceName} is not derived OpenAPI data: it is larger than {MaxDerivedDataBytes / (1024 * 1024)} MB.");

    /// <summary>Checks the data and records where its parts lie (<see cref="DerivedDataLayout"/>); nothing is parsed yet.</summary>
    private static ApiCatalog Load(byte[] bytes, string sourceName)
    {
        var utf8 = bytes.AsMemory(bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
        if (DerivedDataLayout.TryRead(utf8.Span) is { } layout)
        {
            return new ApiCatalog(
                () => layout.Source is { } source ? ParseSlice(utf8[source], "its 'source'", sourceName) as JObject ?? [] : [],
                layout.Endpoints.Select(e => (e.Method, e.Path, (Func<JObject>)(() => (JObject)ParseSlice(utf8[e.Value], $"the endpoint {e.Method?.ToUpperInvariant()} {e.Path}", sourceName)))),
                layout.Definitions.Select(d => (d.Name, (Func<JToken>)(() => ParseSlice(utf8[d.Value], $"the definition '{d.Name}'", sourceName)))),
                sourceName);
        }

        // Not plain well-formed derived data: the full parse says what is wrong, with the messages it always gave, or
        // accepts what its lenient reader accepts (comments, another encoding, a missing array item...) as it always
        // did: then its tree serves the parts.
        var root = ParseWhole(bytes, sourceName);
        return new ApiCatalog(
            () => root["source"] as JObject ?? [],
            ((JArray)root["endpoints"]!).OfType<JObject>().Select(e => (StringOf(e["method"]), StringOf(e["path"]), (Func<JObject>)(() => e))),
            ((JObject)root["definitions"]!).Properties().Select(p => (p.Name, (Func<JToken>)(() => p.Value))),
            sourceName);
    }

    private static string? StringOf(JToken? token) => token is JValue { Type: JTokenType.String } value ? (string?)value : null;

    /// <summary>The whole data parsed into one tree (Newtonsoft's reader), checked to be a root with <c>endpoints</c> and <c>definitions</c>.</summary>
    private static JObject ParseWhole(byte[] bytes, string sourceName)
    {
        JObject root;
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes, writable: false));
            using var jsonReader = new JsonTextReader(reader) { DateParseHandling = DateParseHandling.None };
            root = (JObject)JToken.ReadFrom(jsonReader);
        }
        catch (Exception ex) when (ex is JsonException or InvalidCastException)
        {
            // The parser's message can quote the file's content: say only where it went wrong.
            var where = ex is JsonReaderException reader ? $"it is not valid JSON (line {reader.LineNumber}, position {reader.LinePosition})" : "it is not a JSON object";
            throw new FormatException($"{sourceName} is not derived OpenAPI data: {where}.", ex);
        }

        if (root["endpoints"] is not JArray || root["definitions"] is not JObject)
        {
            throw new FormatException($"{sourceName} is not derived OpenAPI data: it needs 'endpoints' and 'definitions'.");
        }

        return root;
    }

    /// <summary>Parses one part of the data (checked to be well-formed JSON when loaded) into its own tree, the tree Newtonsoft's reader builds.</summary>
    /// <param name="utf8">The part's text, a slice of the loaded bytes.</param>
    /// <param name="what">The part, for messages (<c>the definition 'x'</c>).</param>
    /// <param name="sourceName">The file, for messages.</param>
    /// <returns>A new token without a parent.</returns>
    /// <exception cref="FormatException">The text is not one JSON value; the message names the part, never its content.</exception>
    internal static JToken ParseSlice(ReadOnlyMemory<byte> utf8, string what, string sourceName) =>
        Utf8TreeReader.TryRead(utf8.Span) ?? ParseSliceWithNewtonsoft(utf8, what, sourceName);

    /// <summary><see cref="ParseSlice"/> with Newtonsoft's reader: what <see cref="Utf8TreeReader"/> leaves to it, and every error message.</summary>
    private static JToken ParseSliceWithNewtonsoft(ReadOnlyMemory<byte> utf8, string what, string sourceName)
    {
        var text = MemoryMarshal.TryGetArray(utf8, out var segment) ? segment : new ArraySegment<byte>(utf8.ToArray());
        using var reader = new JsonTextReader(new StreamReader(new MemoryStream(text.Array!, text.Offset, text.Count, writable: false)))
        {
            DateParseHandling = DateParseHandling.None,
        };
        try
        {
            var token = JToken.ReadFrom(reader, SliceSettings);
            return reader.Read()
                ? throw new FormatException($"{sourceName} is not derived OpenAPI data: {what} is more than one JSON value.")
                : token;
        }
        catch (JsonReaderException ex)
        {
            throw new FormatException($"{sourceName} is not derived OpenAPI data: {what} is not valid JSON (line {ex.LineNumber}, position {ex.LinePosition} of its text).", ex);
        }
    }

    /// <summary>How a part is loaded: no line positions kept (nothing reads them); a repeated name's last value wins, as in the whole file.</summary>
    private static readonly JsonLoadSettings SliceSettings = new() { LineInfoHandling = LineInfoHandling.Ignore };

    /// <summary>Finds an endpoint by method and the descriptor's path template.</summary>
    /// <param name="method">The HTTP method, any letter case.</param>
    /// <param name="path">The path template as the descriptor spells it (<c>requests/{id}</c>), compared exactly.</param>
    /// <returns>The endpoint, or null when the data documents no such method and path.</returns>
    /// <exception cref="FormatException">The endpoint is malformed (parsed on first use; the message names it).</exception>
    public ApiEndpoint? Find(string method, string path) => _endpoints.GetValueOrDefault(KeyOf(method, path))?.Value;

    /// <summary>Whether the data documents an endpoint, without parsing it (what <see cref="Find"/> would find).</summary>
    /// <param name="method">The HTTP method, any letter case.</param>
    /// <param name="path">The path template as the descriptor spells it, compared exactly.</param>
    /// <returns>True when <see cref="Find"/> would return the endpoint (or say it is malformed).</returns>
    public bool Contains(string method, string path) => _endpoints.ContainsKey(KeyOf(method, path));

    /// <summary>An endpoint's key, as <see cref="ApiEndpoint.Key"/> spells it: the method in upper case, a space, the path.</summary>
    private static string KeyOf(string method, string path) => method.ToUpperInvariant() + " " + path;

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

    /// <summary>Reads one endpoint.</summary>
    /// <exception cref="FormatException">A value has the wrong type (a status that is not a number, a lookup that is an object...); the message names the endpoint.</exception>
    private static ApiEndpoint ReadEndpoint(JObject endpoint, string key, string sourceName)
    {
        try
        {
            return ReadEndpoint(endpoint);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // A conversion's message can quote the value: name the endpoint only.
            throw new FormatException($"{sourceName} is not derived OpenAPI data: the endpoint {key} has a value of the wrong type.", ex);
        }
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
