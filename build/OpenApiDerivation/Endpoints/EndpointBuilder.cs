using System.Globalization;
using Connector.OpenApiDerivation.Relaxations;
using Connector.OpenApiDerivation.Schemas;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Endpoints;

/// <summary>Builds the derived record of one descriptor endpoint from its OpenAPI operation.</summary>
internal sealed class EndpointBuilder
{
    private const string Json = "application/json";
    private const string Multipart = "multipart/form-data";

    /// <summary>Query parameters that control paging, sorting or searching rather than filter a field.</summary>
    private static readonly HashSet<string> ControlParameters = new(StringComparer.Ordinal)
    {
        "limit", "offset", "search", "ordering", "select",
    };

    private readonly JObject _document;
    private readonly SchemaConverter _converter;

    public EndpointBuilder(JObject document, SchemaConverter converter)
    {
        _document = document;
        _converter = converter;
    }

    /// <summary>Query parameters skipped because their <c>**lookups:**</c> line is empty (select-only fields).</summary>
    public int SelectOnlyParameters { get; private set; }

    public JObject Build(DescriptorOperation operation, string openApiPath)
    {
        var (pathItem, openApiOperation) = Resolve(operation, openApiPath);
        var parameters = CollectParameters(pathItem, openApiOperation);
        var isList = IsList(operation);
        var paged = isList && parameters.Any(p => p.Value<string>("in") == "query" && p.Value<string>("name") is "limit" or "offset");
        var selectOnly = 0;
        var filters = isList ? BuildFilters(parameters, out selectOnly) : [];
        SelectOnlyParameters += selectOnly;
        if (isList && !paged && filters.Count == 0)
        {
            isList = false;
        }

        return new JObject
        {
            ["method"] = operation.Method,
            ["path"] = operation.Path,
            ["openApiPath"] = openApiPath,
            ["operationId"] = openApiOperation["operationId"]?.DeepClone() ?? JValue.CreateNull(),
            ["summary"] = Summary(openApiOperation),
            ["request"] = BuildRequest(operation, openApiOperation),
            ["responses"] = BuildResponses(openApiOperation, operation.Method + " " + operation.Path),
            ["filters"] = new JArray(filters.Select(ToJson)),
            ["paged"] = paged,
        };
    }

    /// <summary>Whether a descriptor operation lists its collection (a GET of a path that does not end with a parameter).</summary>
    public static bool IsList(DescriptorOperation operation) =>
        operation.Method == "GET" && !operation.Path.TrimEnd('/').EndsWith('}');

    /// <summary>The field paths a list operation's query parameters filter by (<c>status</c>, <c>contract.id</c>), in name order.</summary>
    public IReadOnlyList<string> FilterNames(DescriptorOperation operation, string openApiPath)
    {
        var (pathItem, openApiOperation) = Resolve(operation, openApiPath);
        return BuildFilters(CollectParameters(pathItem, openApiOperation), out _).Select(f => f.Name).ToList();
    }

    /// <summary>The document's (unconverted) schema of each 2xx JSON answer of an operation, labelled <c>METHOD PATH STATUS</c>.</summary>
    public IReadOnlyList<(string Label, JObject Schema)> RawJsonResponses(DescriptorOperation operation, string openApiPath)
    {
        var (_, openApiOperation) = Resolve(operation, openApiPath);
        var answers = new List<(string, JObject)>();
        foreach (var (status, media, schema) in JsonAnswers(openApiOperation))
        {
            if (schema is JObject raw && media is not null && IsJson(media) && !IsBinarySchema(raw))
            {
                answers.Add(($"{operation.Method} {operation.Path} {status}", raw));
            }
        }

        return answers;
    }

    private (JObject PathItem, JObject Operation) Resolve(DescriptorOperation operation, string openApiPath)
    {
        var pathItem = (JObject)LocalReference.Resolve(_document, _document["paths"]![openApiPath]!);
        if (LocalReference.Resolve(_document, pathItem[operation.Method.ToLowerInvariant()] ?? JValue.CreateNull()) is not JObject openApiOperation)
        {
            throw new OpenApiDerivationException(
                $"Descriptor entry {operation.Method} {operation.Path} (object type '{operation.ObjectType}') matches OpenAPI path "
                + $"{openApiPath}, which has no {operation.Method} operation.");
        }

        return (pathItem, openApiOperation);
    }

    /// <summary>
    /// The operation's <c>summary</c>; the Connect document has none, so otherwise the first paragraph of its
    /// <c>description</c> on one line, or null when that is empty too.
    /// </summary>
    private static JToken Summary(JObject operation)
    {
        var text = operation.Value<string>("summary");
        if (string.IsNullOrWhiteSpace(text))
        {
            var description = operation.Value<string>("description") ?? string.Empty;
            var paragraphEnd = description.IndexOf("\n\n", StringComparison.Ordinal);
            text = paragraphEnd >= 0 ? description[..paragraphEnd] : description;
        }

        text = string.Join(' ', text.Split((char[])['\r', '\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? JValue.CreateNull() : new JValue(text);
    }

    private List<JObject> CollectParameters(JObject pathItem, JObject operation)
    {
        var byKey = new Dictionary<(string?, string?), JObject>();
        var order = new List<(string?, string?)>();
        foreach (var raw in (pathItem["parameters"] as JArray ?? []).Concat(operation["parameters"] as JArray ?? []))
        {
            if (LocalReference.Resolve(_document, raw) is not JObject parameter)
            {
                continue;
            }

            var key = (parameter.Value<string>("in"), parameter.Value<string>("name"));
            if (!byKey.ContainsKey(key))
            {
                order.Add(key);
            }

            byKey[key] = parameter; // operation-level parameters override path-level ones
        }

        return order.Select(k => byKey[k]).ToList();
    }

    private static List<FilterDefinition> BuildFilters(List<JObject> parameters, out int selectOnly)
    {
        selectOnly = 0;
        var filters = new SortedDictionary<string, FilterDefinition>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var name = parameter.Value<string>("name");
            if (parameter.Value<string>("in") != "query" || string.IsNullOrEmpty(name) || ControlParameters.Contains(name))
            {
                continue;
            }

            var notes = FilterDescriptionParser.Parse(parameter.Value<string>("description"));
            if (notes is null)
            {
                // A plain query parameter without filter notes still filters by equality.
                var nullable = parameter["schema"]?.Value<bool?>("nullable") ?? false;
                filters[name] = new FilterDefinition(name, ["eq"], false, false, nullable);
            }
            else if (notes.Lookups.Count == 0)
            {
                selectOnly++;
            }
            else
            {
                filters[name] = new FilterDefinition(name, notes.Lookups, notes.Orderable, notes.Search, notes.Nullable);
            }
        }

        return filters.Values.ToList();
    }

    private static JObject ToJson(FilterDefinition filter) => new()
    {
        ["name"] = filter.Name,
        ["lookups"] = new JArray(filter.Lookups),
        ["orderable"] = filter.Orderable,
        ["search"] = filter.Search,
        ["nullable"] = filter.Nullable,
    };

    private JToken BuildRequest(DescriptorOperation operation, JObject openApiOperation)
    {
        var endpoint = operation.Method + " " + operation.Path;
        var requirement = KnownRequestRequirements.For(operation.Method, operation.Path);
        var body = openApiOperation["requestBody"] is { } rawBody ? LocalReference.Resolve(_document, rawBody) : null;
        var content = body?["content"] as JObject;
        var mediaProperty = content?.Properties().OrderBy(p => p.Name switch { Json => 0, Multipart => 1, _ => 2 }).FirstOrDefault();
        if (mediaProperty?.Value is not JObject media || (media["schema"] is null && media["example"] is null && media["examples"] is null))
        {
            // No body, or a media type without schema or examples (e.g. helpdesk case actions): nothing to send.
            if (requirement is not null)
            {
                throw new OpenApiDerivationException($"Known requirement for {endpoint} targets an endpoint without a request body.");
            }

            return JValue.CreateNull();
        }

        var schema = _converter.Convert(media["schema"] ?? new JObject(), SchemaRole.Request, endpoint + " request");
        if (requirement is not null)
        {
            schema = KnownRequestRequirements.Merge(schema, requirement, endpoint);
        }

        return new JObject
        {
            ["contentType"] = mediaProperty.Name,
            ["schema"] = schema,
            ["examples"] = CollectExamples(media),
        };
    }

    private JArray CollectExamples(JObject media)
    {
        var examples = new JArray();
        if (media["example"] is { } single)
        {
            examples.Add(single.DeepClone());
        }

        foreach (var named in (media["examples"] as JObject)?.Properties() ?? [])
        {
            if (LocalReference.Resolve(_document, named.Value) is JObject example && example["value"] is { } value)
            {
                examples.Add(value.DeepClone());
            }
        }

        return examples;
    }

    private JArray BuildResponses(JObject openApiOperation, string endpoint)
    {
        var responses = new List<(int Status, string? ContentType, JToken Schema)>();
        foreach (var (status, media, schema) in JsonAnswers(openApiOperation))
        {
            // No content, or a file: the answer keeps its status and media type, without a schema.
            var noSchema = media is null || !IsJson(media) || IsBinarySchema(schema);
            responses.Add((status, media, noSchema ? JValue.CreateNull() : _converter.Convert(schema ?? new JObject(), SchemaRole.Response, $"{endpoint} {status}")));
        }

        return new JArray(responses
            .OrderBy(r => r.Status)
            .ThenBy(r => r.ContentType, StringComparer.Ordinal)
            .Select(r => new JObject
            {
                ["status"] = r.Status,
                ["contentType"] = r.ContentType,
                ["schema"] = r.Schema,
            }));
    }

    /// <summary>Each 2xx answer of an operation per media type: its status, media type and schema (no media type for an answer without content).</summary>
    private IEnumerable<(int Status, string? Media, JToken? Schema)> JsonAnswers(JObject openApiOperation)
    {
        foreach (var entry in (openApiOperation["responses"] as JObject)?.Properties() ?? [])
        {
            if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status is < 200 or > 299)
            {
                continue;
            }

            var content = LocalReference.Resolve(_document, entry.Value)["content"] as JObject;
            if (content is null || !content.HasValues)
            {
                yield return (status, null, null);
                continue;
            }

            foreach (var media in content.Properties())
            {
                yield return (status, media.Name, (media.Value as JObject)?["schema"]);
            }
        }
    }

    private static bool IsJson(string contentType) =>
        contentType.Equals(Json, StringComparison.OrdinalIgnoreCase)
        || contentType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private bool IsBinarySchema(JToken? schema)
    {
        var resolved = schema is JObject { } obj && obj["$ref"] is JValue { Type: JTokenType.String } reference
            ? LocalReference.Follow(_document, (string)reference!)
            : schema;
        return resolved is JObject target
            && target.Value<string>("type") == "string"
            && target.Value<string>("format") == "binary";
    }
}
