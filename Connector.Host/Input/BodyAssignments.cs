using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Host.Input;

/// <summary>
/// The --set key=value assignments: each builds or overrides a body field; a dotted key builds nested objects
/// (<c>asset.id=AS-1</c>); the value is taken as JSON when it parses (<c>5</c>, <c>true</c>, <c>{"a":1}</c>), else as a string.
/// </summary>
internal sealed class BodyAssignments
{
    private readonly List<(string[] Path, JToken Value)> _assignments = [];

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

            parsed._assignments.Add((path, ParseValue(assignment[(equals + 1)..])));
        }

        return parsed;
    }

    /// <summary>Applies the assignments to a document.</summary>
    public void ApplyTo(JObject document)
    {
        foreach (var (path, value) in _assignments)
        {
            Output.RecordFields.SetPath(document, path, value.DeepClone());
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
