using Newtonsoft.Json.Linq;

namespace Connector.Core.Endpoints;

/// <summary>
/// The shared schema definitions of an <see cref="ApiCatalog"/>, by name. Each definition is parsed from the derived
/// file's bytes the first time it is asked for, then kept: browsing one object type parses only the definitions its
/// profiles reach. Safe to use concurrently (a definition is parsed once, whoever asks first); the tokens are shared,
/// read them and never change them.
/// </summary>
public sealed class SchemaDefinitions
{
    private readonly Dictionary<string, Lazy<JToken>> _definitions;
    private int _parsedCount;

    /// <summary>Indexes definitions; nothing is read yet.</summary>
    /// <param name="definitions">Each definition's name and how to read (parse) its value, in file order; a repeated name keeps its first place and its last value, as a JSON object does. A reader's <see cref="FormatException"/> names the definition.</param>
    internal SchemaDefinitions(IEnumerable<(string Name, Func<JToken> Read)> definitions)
    {
        _definitions = new Dictionary<string, Lazy<JToken>>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var (name, read) in definitions)
        {
            if (!_definitions.ContainsKey(name))
            {
                names.Add(name);
            }

            _definitions[name] = new Lazy<JToken>(
                () =>
                {
                    Interlocked.Increment(ref _parsedCount);
                    return read();
                },
                LazyThreadSafetyMode.ExecutionAndPublication);
        }

        Names = names;
    }

    /// <summary>Every definition's name, in file order (none is parsed by listing them).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The definition named <paramref name="name"/>, parsed on first use; the same token on every later call.</summary>
    /// <param name="name">The definition's name, as a <c>#/definitions/NAME</c> reference spells it (compared exactly).</param>
    /// <returns>The definition (any JSON value; schemas are objects), or null when the data has no definition of that name.</returns>
    /// <exception cref="FormatException">The definition's text is not valid JSON; the message names the definition, not its content.</exception>
    public JToken? this[string name] => _definitions.TryGetValue(name, out var definition) ? definition.Value : null;

    /// <summary>How many definitions have been read (parsed from their text) so far; each is read at most once.</summary>
    internal int ParsedCount => Volatile.Read(ref _parsedCount);
}
