using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connector.Host.Input;

/// <summary>
/// The --set key=value assignments: each builds or overrides a body field; a dotted key builds nested objects
/// (<c>asset.id=AS-1</c>). Typed by the operation's input profile (<see cref="TypedBy"/>): a field the profile gives a
/// string keeps the text as it is (<c>true</c> and <c>42</c> stay strings); a field it gives a non-string (number,
/// boolean, object, array) reads the value as JSON (<c>5</c>, <c>true</c>, <c>{"a":1}</c>). A field the profile does
/// not describe (or without a profile) takes the value as JSON when it parses, else as a string.
/// </summary>
internal sealed class BodyAssignments
{
    private readonly List<(string[] Path, string Text)> _assignments = [];
    private JsonSchema? _profile;

    public bool IsEmpty => _assignments.Count == 0;

    public static BodyAssignments Parse(IEnumerable<string> assignments)
    {
        var parsed = new BodyAssignments();
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--set '{assignment}' is not key=value");
            }

            var path = assignment[..equals].Split('.');
            if (path.Any(string.IsNullOrWhiteSpace))
            {
                throw new UsageException($"--set '{assignment}': the key has an empty part");
            }

            parsed._assignments.Add((path, assignment[(equals + 1)..]));
        }

        return parsed;
    }

    /// <summary>The same assignments, typed by an operation's input profile (null: none, every value as JSON when it parses).</summary>
    public BodyAssignments TypedBy(JsonSchema? profile)
    {
        var typed = new BodyAssignments { _profile = profile };
        typed._assignments.AddRange(_assignments);
        return typed;
    }

    /// <summary>Applies the assignments to a document.</summary>
    public void ApplyTo(JObject document)
    {
        foreach (var (path, text) in _assignments)
        {
            Core.Querying.FieldPath.Set(document, path, Value(path, text));
        }
    }

    /// <summary>Applies the assignments to one NDJSON line; a line that is not a JSON object is left as it is (the operation reports it).</summary>
    public string ApplyTo(string line)
    {
        if (IsEmpty)
        {
            return line;
        }

        JObject document;
        try
        {
            document = ReadObject(line) ?? throw new JsonReaderException();
        }
        catch (JsonReaderException)
        {
            return line;
        }

        ApplyTo(document);
        return document.ToString(Formatting.None);
    }

    private static JObject? ReadObject(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        var token = JToken.ReadFrom(reader);
        return reader.Read() ? null : token as JObject;
    }

    /// <summary>The value of one assignment: the text itself for a string field, else its JSON when it parses.</summary>
    private JToken Value(string[] path, string text) =>
        _profile is not null && ProfileFieldType.WantsString(_profile, path) == true ? new JValue(text) : ParseValue(text);

    private static JToken ParseValue(string text)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            var token = JToken.ReadFrom(reader);
            return reader.Read() ? new JValue(text) : token;
        }
        catch (JsonReaderException)
        {
            return new JValue(text);
        }
    }
}
