using Connector.Core.Operations;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Core.Descriptors;

/// <summary>
/// Loads a connector descriptor: parses the JSON, validates it against the descriptor format's JSON Schema
/// (<c>descriptor/connector-descriptor.schema.json</c>), then checks what a schema cannot (duplicate ids, path
/// parameters no field supplies, undeclared operation types, actions, operators and fields...). A bad descriptor
/// is refused with an <see cref="InvalidDescriptorException"/> listing every problem with its JSON path.
/// </summary>
public static class DescriptorLoader
{
    /// <summary>Loads and validates a descriptor file.</summary>
    /// <param name="path">The descriptor file.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The validated descriptor, with the derived OpenAPI data path resolved against the file's directory.</returns>
    /// <exception cref="InvalidDescriptorException">The descriptor is not valid JSON or breaks a rule.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static Task<ConnectorDescriptor> LoadAsync(string path, CancellationToken cancellationToken) => LoadAsync(path, null, cancellationToken);

    /// <summary>
    /// Loads and validates a descriptor file, skipping the JSON Schema validation of content the cache says passed it
    /// before (the other rules are always checked).
    /// </summary>
    /// <param name="path">The descriptor file.</param>
    /// <param name="validationCache">Remembers validated contents; null validates every time.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The validated descriptor, with the derived OpenAPI data path resolved against the file's directory.</returns>
    /// <exception cref="InvalidDescriptorException">The descriptor is not valid JSON or breaks a rule.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<ConnectorDescriptor> LoadAsync(string path, IDescriptorValidationCache? validationCache, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The descriptor file {fullPath} does not exist.", fullPath);
        }

        if (validationCache is null)
        {
            await using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 16384, useAsync: true);
            return await LoadAsync(stream, fullPath, Path.GetDirectoryName(fullPath), cancellationToken).ConfigureAwait(false);
        }

        // A descriptor is small: read it once (bounded: a device or a huge file is refused), for its key and its parse.
        // The key is hashed on another thread while this one parses: in a fresh process the first SHA-256 also starts
        // the platform's crypto library, which costs about as much as the parse.
        var bytes = await ReadBoundedAsync(fullPath, cancellationToken).ConfigureAwait(false);
        var hashing = Task.Run(() => DescriptorFormatSchema.ContentKey(bytes), cancellationToken);
        var root = Parse(bytes, fullPath);
        var key = await hashing.ConfigureAwait(false);
        if (validationCache.IsValidated(key))
        {
            return CheckAndBuild(root, fullPath, Path.GetDirectoryName(fullPath), []);
        }

        var schemaProblems = await DescriptorSchemaValidator.ValidateAsync(root, cancellationToken).ConfigureAwait(false);
        var descriptor = CheckAndBuild(root, fullPath, Path.GetDirectoryName(fullPath), schemaProblems);
        validationCache.RememberValidated(key);
        return descriptor;
    }

    /// <summary>Loads and validates a descriptor from a stream.</summary>
    /// <param name="json">The descriptor JSON.</param>
    /// <param name="sourceName">A name for messages (a file path or a label).</param>
    /// <param name="baseDirectory">The directory relative paths in the descriptor resolve against; null to leave them as given.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The validated descriptor; the stream is read to its end and left open for the caller to dispose.</returns>
    /// <exception cref="InvalidDescriptorException">The descriptor is not valid JSON or breaks a rule.</exception>
    public static async Task<ConnectorDescriptor> LoadAsync(Stream json, string sourceName, string? baseDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var root = await ParseAsync(json, sourceName, cancellationToken).ConfigureAwait(false);
        var schemaProblems = await DescriptorSchemaValidator.ValidateAsync(root, cancellationToken).ConfigureAwait(false);
        return CheckAndBuild(root, sourceName, baseDirectory, schemaProblems);
    }

    /// <summary>The largest descriptor read for its content key (the shipped one is about 50 KB).</summary>
    private const int MaxCachedDescriptorBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Reads a file whole, refusing it past <see cref="MaxCachedDescriptorBytes"/>. A regular file is read in one call
    /// into a buffer of its size (one byte more, to see its end); a device or a pipe, which tells no size, into a
    /// buffer that doubles up to the bound.
    /// </summary>
    private static async Task<byte[]> ReadBoundedAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, useAsync: true);
        var buffer = new byte[Math.Clamp(stream.CanSeek ? stream.Length + 1 : 0, 16384, MaxCachedDescriptorBytes + 1)];
        var length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length > MaxCachedDescriptorBytes)
            {
                throw new InvalidDescriptorException(path, [new DescriptorProblem("$", $"the file is larger than {MaxCachedDescriptorBytes / (1024 * 1024)} MB: it is not a descriptor")]);
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxCachedDescriptorBytes + 1));
            }
        }

        Array.Resize(ref buffer, length);
        return buffer;
    }

    private static async Task<JToken> ParseAsync(Stream json, string sourceName, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(json, leaveOpen: true);
            using var jsonReader = new JsonTextReader(reader) { DateParseHandling = DateParseHandling.None };
            return await JToken.ReadFromAsync(jsonReader, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonReaderException ex)
        {
            throw NotJson(sourceName, ex);
        }
    }

    /// <summary>Parses a descriptor already read into memory with the synchronous reader (nothing to wait for; less to JIT in a fresh process).</summary>
    private static JToken Parse(byte[] json, string sourceName)
    {
        try
        {
            using var reader = new StreamReader(new MemoryStream(json, writable: false));
            using var jsonReader = new JsonTextReader(reader) { DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(jsonReader);
        }
        catch (JsonReaderException ex)
        {
            throw NotJson(sourceName, ex);
        }
    }

    private static InvalidDescriptorException NotJson(string sourceName, JsonReaderException ex) =>
        new(sourceName, [new DescriptorProblem(string.IsNullOrEmpty(ex.Path) ? "$" : "$." + ex.Path, "not valid JSON: " + ex.Message)]);

    /// <summary>
    /// Checks the rules a schema cannot express and builds the descriptor, refusing it with the schema validation's
    /// problems (listed first; none when the validation was skipped) and the rules' together. Synchronous, so that a
    /// load whose schema validation is remembered runs (and, in a fresh process, JIT-compiles) no code of the validation.
    /// </summary>
    private static ConnectorDescriptor CheckAndBuild(JToken root, string sourceName, string? baseDirectory, IReadOnlyList<DescriptorProblem> schemaProblems)
    {
        var problems = new List<DescriptorProblem>(schemaProblems);
        problems.AddRange(DescriptorRules.Check(root));
        string? openApiPath = null;
        if (root is JObject o && o["openApi"] is JValue { Type: JTokenType.String } openApi)
        {
            openApiPath = baseDirectory is null ? (string)openApi! : Path.GetFullPath(Path.Combine(baseDirectory, (string)openApi!));
            if (baseDirectory is not null && !File.Exists(openApiPath))
            {
                problems.Add(new DescriptorProblem("$.openApi", $"the derived OpenAPI data file {openApiPath} does not exist"));
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDescriptorException(sourceName, problems.Distinct().ToList());
        }

        return Build((JObject)root, openApiPath);
    }

    private static ConnectorDescriptor Build(JObject root, string? openApiPath)
    {
        var grouping = root["queryGrouping"] as JObject;
        return new ConnectorDescriptor(
            (string)root["id"]!,
            (string)root["label"]!,
            (string?)root["version"],
            (string?)root["description"],
            new ImplementationDescriptor((string)root["implementation"]!["assembly"]!, (string)root["implementation"]!["type"]!),
            openApiPath,
            Fields(root["connectionFields"]),
            Fields(root["operationFields"]),
            root["operationTypes"]!.Select(t => ParseKind((string)t!)).Distinct().ToList(),
            Items(root["customActions"]).Select(a => new CustomActionDescriptor((string)a["id"]!, (string)a["label"]!, (string?)a["description"])).ToList(),
            Items(root["queryOperators"]).Select(q => new QueryOperatorDescriptor(
                (string)q["id"]!,
                (string)q["label"]!,
                Enum.Parse<OperatorArguments>((string)q["arguments"]!, ignoreCase: true),
                (bool?)q["raw"] ?? false)).ToList(),
            new QueryGroupingDescriptor((bool?)grouping?["and"] ?? false, (bool?)grouping?["or"] ?? false, (bool?)grouping?["not"] ?? false),
            Items(root["sortOrders"]).Select(s => new SortOrder((string)s["id"]!, (string)s["label"]!)).ToList(),
            (int?)root["maxSortFields"] ?? 1,
            Items(root["objectTypes"]).Select(BuildObjectType).ToList());
    }

    private static ObjectTypeDescriptor BuildObjectType(JObject o) => new(
        (string)o["id"]!,
        (string)o["label"]!,
        (string?)o["description"],
        (string?)o["parent"],
        (string?)o["idProperty"] ?? "id",
        (string?)o["parentIdProperty"],
        Items(o["operations"]).Select(BuildOperation).ToList())
    {
        Columns = Strings(o["columns"]),
    };

    private static OperationDescriptor BuildOperation(JObject op)
    {
        var kind = ParseKind((string)op["type"]!);
        var action = (string?)op["action"];
        var type = kind == OperationKind.Execute ? OperationType.Execute(action!) : new OperationType(kind);
        var request = (JObject)op["request"]!;
        var response = (JObject)op["response"]!;
        return new OperationDescriptor(
            type,
            (string?)op["label"] ?? type.ToDisplayName(),
            (string)op["method"]!,
            (string)op["path"]!,
            StringMap(op["pathParameters"]),
            Strings(op["fields"]),
            Strings(op["operators"]),
            new RequestDescriptor(ParseRequestBody((string)request["body"]!), (string?)request["filePart"], StringMap(request["formFields"])),
            new ResponseDescriptor(
                Enum.Parse<ResponseBodyKind>((string)response["body"]!, ignoreCase: true),
                (int)response["status"]!,
                (bool?)response["list"] ?? false,
                (bool?)response["reread"] ?? false,
                (bool?)response["perRecordStatus"] ?? false))
        {
            Listen = op["listen"] is JObject listen ? new ListenDescriptor((string)listen["cursor"]!, (string?)listen["webhookObjectClass"]) : null,
        };
    }

    private static List<FieldDescriptor> Fields(JToken? token) => Items(token).Select(f =>
    {
        var type = Enum.Parse<FieldType>((string)f["type"]!, ignoreCase: true);
        object? defaultValue = f["default"] switch
        {
            JValue { Type: JTokenType.Integer } v => (long)v,
            JValue { Type: JTokenType.Boolean } v => (bool)v,
            JValue { Type: JTokenType.String } v => (string)v!,
            _ => null,
        };
        return new FieldDescriptor(
            (string)f["id"]!,
            (string)f["label"]!,
            type,
            (string?)f["helpText"],
            defaultValue,
            (bool?)f["required"] ?? false,
            (bool?)f["overrideable"] ?? false,
            (long?)f["minimum"],
            (long?)f["maximum"],
            Strings(f["allowedValues"]))
        {
            Role = (string?)f["role"] is { } role ? Enum.Parse<ConnectionRole>(role, ignoreCase: true) : ConnectionRole.None,
        };
    }).ToList();

    private static RequestBodyKind ParseRequestBody(string text) => text switch
    {
        "jsonArray" => RequestBodyKind.JsonArray,
        _ => Enum.Parse<RequestBodyKind>(text, ignoreCase: true),
    };

    private static OperationKind ParseKind(string text) =>
        OperationType.TryParseKind(text, out var kind) ? kind : throw new InvalidOperationException("unvalidated operation type " + text);

    private static IEnumerable<JObject> Items(JToken? token) => token is JArray array ? array.OfType<JObject>() : [];

    private static List<string> Strings(JToken? token) => token is JArray array ? array.Select(t => (string)t!).ToList() : [];

    private static Dictionary<string, string> StringMap(JToken? token) =>
        token is JObject map ? map.Properties().ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal);
}
