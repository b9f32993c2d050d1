using System.Buffers;
using System.Collections.Concurrent;
using Connector.Core.Documents;
using Connector.Operations.Execution;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Connector.Operations.Requests;

/// <summary>
/// The input profile of an outbound entry (the request body schema from the derived OpenAPI data): projects a
/// document onto it, so piping a whole object into an action sends only the fields the action takes, and validates
/// the projected body, listing each offending field and why.
/// </summary>
internal sealed class InputProfile(JsonSchema schema, string name)
{
    /// <summary>The declared properties of each (sub)schema met while projecting, collected once: documents run in parallel.</summary>
    private readonly ConcurrentDictionary<JsonSchema, IReadOnlyDictionary<string, JsonSchema>> _declared = new(ReferenceEqualityComparer.Instance);

    /// <summary>Validation verdicts per body shape, when the schema decides validity by shape alone (<see cref="BodyShape"/>).</summary>
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>>? _verdicts =
        BodyShape.DecidesValidity(schema) ? new(StringComparer.Ordinal) : null;

    /// <summary>
    /// The shapes of documents that passed <see cref="Check"/> as they were (nothing left out, no problem), each
    /// behind a letter saying whether the document was projected: a later document of such a shape passes
    /// unread (<see cref="Passes"/>). Only filled when the schema decides validity by shape alone (<see cref="_verdicts"/> is kept).
    /// </summary>
    private readonly ConcurrentDictionary<string, byte> _passing = new(StringComparer.Ordinal);

    /// <summary>At most this many shapes are remembered per profile.</summary>
    private const int MaxRememberedShapes = 512;

    public JsonSchema Schema { get; } = schema;

    /// <summary>How many body shapes have a remembered verdict (0 when the schema looks at values).</summary>
    public int RememberedShapes => _verdicts?.Count ?? 0;

    public string Name { get; } = name;

    /// <summary>
    /// Keeps only the properties the schema declares, recursively; objects whose schema declares none keep everything.
    /// The dotted path of each property left out (<c>asset.params</c>; <c>items[].x</c> inside arrays) is added to
    /// <paramref name="leftOut"/> when given. When nothing would be left out (the usual case for documents written
    /// for the action) <paramref name="value"/> itself is returned, not a copy: neither may be changed afterwards.
    /// </summary>
    public JToken Project(JToken value, ISet<string>? leftOut = null) =>
        Fits(value, Schema) ? value : Project(value, Schema, leftOut, string.Empty);

    /// <summary>
    /// Checks one document's body for sending: projects it onto the profile when <paramref name="project"/> (the
    /// fields left out go through <paramref name="leftOutFields"/>, which names them or, strict, refuses the document)
    /// and validates what would be sent. A document that passes as it is has its shape remembered for <see cref="Passes"/>.
    /// </summary>
    /// <returns>The body to send (<paramref name="json"/> itself when nothing was left out) and the note naming the fields left out, or null.</returns>
    /// <exception cref="DocumentInputException">The body does not fit the profile (every problem listed), or strict mode and fields were left out.</exception>
    public (JToken Body, string? Note) Check(TrackedDocument document, JToken json, bool project, LeftOutFields leftOutFields, IReadOnlyCollection<string> locating)
    {
        var leftOut = new HashSet<string>(StringComparer.Ordinal);
        var body = project ? Project(json, leftOut) : json;
        var note = leftOutFields.Check(document, this, leftOut, locating);
        var problems = Validate(body);
        if (problems.Count > 0)
        {
            throw new DocumentInputException(
                DocumentInputException.InvalidBody,
                $"document '{document.TrackingId}' does not fit the {Name} input profile, nothing was sent: {string.Join("; ", problems)}");
        }

        if (_verdicts is not null && ReferenceEquals(body, json) && _passing.Count < MaxRememberedShapes && BodyShape.Key(json) is { } shape)
        {
            _passing.TryAdd((project ? ProjectedMark : AsGivenMark) + shape, 0);
        }

        return (body, note);
    }

    /// <summary>
    /// Whether a document given as UTF-8 JSON has the shape of one that passed <see cref="Check"/> as it was (with the
    /// same <paramref name="project"/>): then it passes too, and its bytes are the body to send, with no tree built.
    /// False sends the document the long way (<see cref="Check"/>), which also gives any error.
    /// </summary>
    public bool Passes(ReadOnlySpan<byte> utf8Json, bool project)
    {
        if (_passing.IsEmpty)
        {
            return false;
        }

        var key = ArrayPool<char>.Shared.Rent(BodyShape.MaxKeyLength + 64);
        try
        {
            key[0] = project ? ProjectedMark : AsGivenMark;
            return BodyShape.TryKey(utf8Json, key.AsSpan(1, BodyShape.MaxKeyLength + 32), out var length)
                && _passing.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(key.AsSpan(0, length + 1));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(key);
        }
    }

    /// <summary>Lists every problem of a body, e.g. <c>template_id: required (one of: template_id, activation_tile)</c>.</summary>
    public IReadOnlyList<string> Validate(JToken body)
    {
        if (_verdicts is null || BodyShape.Key(body) is not { } shape)
        {
            return ValidateWithSchema(body);
        }

        if (_verdicts.TryGetValue(shape, out var verdict))
        {
            return verdict;
        }

        verdict = ValidateWithSchema(body);
        if (_verdicts.Count < MaxRememberedShapes)
        {
            _verdicts.TryAdd(shape, verdict);
        }

        return verdict;
    }

    private const char ProjectedMark = 'p';

    private const char AsGivenMark = 'g';

    private IReadOnlyList<string> ValidateWithSchema(JToken body)
    {
        var problems = new List<string>();
        foreach (var error in Schema.Validate(body))
        {
            Describe(error, problems);
        }

        return problems.Distinct().ToList();
    }

    private JToken Project(JToken value, JsonSchema schema, ISet<string>? leftOut, string path)
    {
        var actual = schema.ActualSchema;
        switch (value)
        {
            case JObject obj:
                var properties = _declared.GetOrAdd(actual, Declared);
                if (properties.Count == 0)
                {
                    return obj.DeepClone();
                }

                var projected = new JObject();
                foreach (var property in obj.Properties())
                {
                    var propertyPath = path.Length == 0 ? property.Name : path + "." + property.Name;
                    if (properties.TryGetValue(property.Name, out var propertySchema))
                    {
                        projected[property.Name] = Project(property.Value, propertySchema, leftOut, propertyPath);
                    }
                    else
                    {
                        leftOut?.Add(propertyPath);
                    }
                }

                return projected;
            case JArray array when ItemSchema(actual) is { } itemSchema:
                return new JArray(array.Select(item => Project(item, itemSchema, leftOut, path + "[]")));
            default:
                return value.DeepClone();
        }
    }

    /// <summary>Whether projecting <paramref name="value"/> would leave nothing out (checked without copying anything).</summary>
    private bool Fits(JToken value, JsonSchema schema)
    {
        var actual = schema.ActualSchema;
        switch (value)
        {
            case JObject obj:
                var properties = _declared.GetOrAdd(actual, Declared);
                if (properties.Count == 0)
                {
                    return true;
                }

                foreach (var property in obj.Properties())
                {
                    if (!properties.TryGetValue(property.Name, out var propertySchema) || !Fits(property.Value, propertySchema))
                    {
                        return false;
                    }
                }

                return true;
            case JArray array when ItemSchema(actual) is { } itemSchema:
                foreach (var item in array)
                {
                    if (!Fits(item, itemSchema))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static IReadOnlyDictionary<string, JsonSchema> Declared(JsonSchema schema)
    {
        var properties = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        Collect(schema, properties, 0);
        return properties;
    }

    private static JsonSchema? ItemSchema(JsonSchema schema) =>
        schema.Item ?? schema.AnyOf.Concat(schema.OneOf).Concat(schema.AllOf).Select(s => s.ActualSchema.Item).FirstOrDefault(i => i is not null);

    private static void Collect(JsonSchema schema, Dictionary<string, JsonSchema> properties, int depth)
    {
        if (depth > 16)
        {
            return;
        }

        foreach (var (name, property) in schema.ActualProperties)
        {
            properties.TryAdd(name, property);
        }

        foreach (var part in schema.AllOf.Concat(schema.AnyOf).Concat(schema.OneOf))
        {
            Collect(part.ActualSchema, properties, depth + 1);
        }
    }

    private static void Describe(ValidationError error, List<string> problems)
    {
        var field = FieldOf(error);
        if (error is ChildSchemaValidationError child && error.Kind is ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf)
        {
            var alternatives = child.Errors.Values
                .Select(list => string.Join(" and ", list.Select(e => Short(e))))
                .Where(s => s.Length > 0)
                .ToList();
            problems.Add($"{field}: must satisfy one of: {string.Join(" | ", alternatives)}");
            return;
        }

        problems.Add($"{field}: {Reason(error)}");
    }

    private static string Short(ValidationError error) => error.Kind == ValidationErrorKind.PropertyRequired
        ? $"'{Join(error.Path, error.Property)}' is required"
        : $"{FieldOf(error)} {Reason(error)}";

    private static string FieldOf(ValidationError error)
    {
        var path = error.Path;
        if (string.IsNullOrEmpty(path) || path == "#")
        {
            return error.Property is null ? "(body)" : error.Property;
        }

        return path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path;
    }

    private static string Join(string? path, string? property)
    {
        var parent = string.IsNullOrEmpty(path) || path == "#" ? string.Empty : path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path;
        if (property is null || parent.EndsWith(property, StringComparison.Ordinal))
        {
            return parent.Length == 0 ? property ?? "(body)" : parent;
        }

        return parent.Length == 0 ? property : parent + "." + property;
    }

    private static string Reason(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => "is required",
        ValidationErrorKind.StringExpected => "must be a string",
        ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected => "must be a number",
        ValidationErrorKind.BooleanExpected => "must be true or false",
        ValidationErrorKind.ObjectExpected => "must be an object",
        ValidationErrorKind.ArrayExpected => "must be an array",
        ValidationErrorKind.StringTooLong => $"is longer than {error.Schema?.MaxLength} characters",
        ValidationErrorKind.StringTooShort => $"is shorter than {error.Schema?.MinLength} characters",
        ValidationErrorKind.NumberTooBig => $"is larger than {error.Schema?.Maximum}",
        ValidationErrorKind.NumberTooSmall => $"is smaller than {error.Schema?.Minimum}",
        ValidationErrorKind.TooFewItems => $"needs at least {error.Schema?.MinItems} items",
        ValidationErrorKind.NotInEnumeration => "is not an allowed value",
        _ => "is invalid (" + error.Kind + ")",
    };
}
