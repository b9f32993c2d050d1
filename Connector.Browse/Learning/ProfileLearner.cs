using System.Runtime.CompilerServices;
using Connector.Core.Browsing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Browse.Learning;

/// <summary>
/// Learns a profile from sample documents (what Boomi's "import a JSON profile from a sample" does, merged with the
/// documented profile): the documented profile widened with every field and type the samples show. Each addition is
/// marked <c>"x-observed": true</c>; documented fields, descriptions and annotations are kept; a value of a type the
/// documentation does not allow makes that field <c>anyOf: [documented, observed]</c>. The result depends only on the
/// documented profile and the set of sample shapes: observed fields come after documented ones in name order and
/// observed types in a fixed order. Samples are merged one at a time (never all held in memory).
/// </summary>
public sealed class ProfileLearner
{
    /// <summary>The longest NDJSON line accepted by <see cref="LearnFromNdjsonAsync"/> unless another is given (16 MiB of text).</summary>
    public const int DefaultMaxLineLength = 16 * 1024 * 1024;

    /// <summary>Creates a learner.</summary>
    /// <param name="maxLineLength">The longest NDJSON line (characters) read before failing; bounds memory per sample.</param>
    public ProfileLearner(int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 2);
        MaxLineLength = maxLineLength;
    }

    /// <summary>The longest NDJSON line accepted, in characters.</summary>
    public int MaxLineLength { get; }

    /// <summary>The self-contained JSON of a browser definition, the documented profile to learn from.</summary>
    /// <param name="definition">A JSON definition from <see cref="IBrowser.GetObjectDefinitions"/>.</param>
    /// <returns>A new JSON object parsed from the definition on each call; changing it does not change the browser's profile.</returns>
    /// <exception cref="ArgumentException">The definition is not a JSON profile.</exception>
    public static JObject ProfileJson(ObjectDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition is { ContentType: DefinitionContentType.Json, ProfileJson: not null }
            ? JObject.Parse(definition.ProfileJson)
            : throw new ArgumentException($"The {definition.Role} profile is {definition.ContentType}, not JSON: there is nothing to learn into.", nameof(definition));
    }

    /// <summary>Widens a documented profile with sample documents (sample N in messages is the N-th, 1-based).</summary>
    /// <param name="documentedProfile">The documented profile (not changed).</param>
    /// <param name="samples">The samples; each must be a JSON object.</param>
    /// <returns>A new profile; with no samples it is a copy of the documented one with no additions.</returns>
    /// <exception cref="InvalidSampleException">A sample is not a JSON object.</exception>
    public LearnedProfile Learn(JObject documentedProfile, IEnumerable<JToken> samples)
    {
        ArgumentNullException.ThrowIfNull(documentedProfile);
        ArgumentNullException.ThrowIfNull(samples);
        var widening = new ProfileWidening(documentedProfile);
        var count = 0;
        foreach (var sample in samples)
        {
            count++;
            widening.Merge(sample as JObject ?? throw NotAnObject("sample", count, sample));
        }

        return new LearnedProfile(widening.Finish(), count, widening.Additions);
    }

    /// <summary>Widens a documented profile with sample documents streamed from a source (a query, say).</summary>
    /// <param name="documentedProfile">The documented profile (not changed).</param>
    /// <param name="samples">The samples; each must be a JSON object.</param>
    /// <param name="cancellationToken">Stops reading samples.</param>
    /// <returns>A new profile; with no samples it is a copy of the documented one with no additions.</returns>
    /// <exception cref="InvalidSampleException">A sample is not a JSON object.</exception>
    public async Task<LearnedProfile> LearnAsync(JObject documentedProfile, IAsyncEnumerable<JToken> samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentedProfile);
        ArgumentNullException.ThrowIfNull(samples);
        var widening = new ProfileWidening(documentedProfile);
        var count = 0;
        await foreach (var sample in samples.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            count++;
            widening.Merge(sample as JObject ?? throw NotAnObject("sample", count, sample));
        }

        return new LearnedProfile(widening.Finish(), count, widening.Additions);
    }

    /// <summary>
    /// Widens a documented profile with NDJSON samples: one JSON object per line, blank lines skipped. A line that is not
    /// valid JSON, not an object, or longer than <see cref="MaxLineLength"/> fails naming it (<c>line N</c>, 1-based).
    /// </summary>
    /// <param name="documentedProfile">The documented profile (not changed).</param>
    /// <param name="ndjson">Read to its end (or until cancelled); not disposed, the caller keeps it.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>A new profile; with no samples it is a copy of the documented one with no additions.</returns>
    /// <exception cref="InvalidSampleException">A line is not a JSON object.</exception>
    public async Task<LearnedProfile> LearnFromNdjsonAsync(JObject documentedProfile, TextReader ndjson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documentedProfile);
        ArgumentNullException.ThrowIfNull(ndjson);
        var widening = new ProfileWidening(documentedProfile);
        var count = 0;
        await foreach (var (number, line) in ReadLinesAsync(ndjson, cancellationToken).ConfigureAwait(false))
        {
            widening.Merge(ParseLine(number, line));
            count++;
        }

        return new LearnedProfile(widening.Finish(), count, widening.Additions);
    }

    private static JObject ParseLine(int number, string line)
    {
        JToken token;
        try
        {
            using var reader = new JsonTextReader(new StringReader(line)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 };
            token = JToken.ReadFrom(reader);
            if (reader.Read())
            {
                throw new JsonReaderException($"unexpected content after the JSON value at position {reader.LinePosition}");
            }
        }
        catch (JsonReaderException ex)
        {
            throw new InvalidSampleException("line", number, "is not valid JSON: " + ex.Message, ex);
        }

        return token as JObject ?? throw NotAnObject("line", number, token);
    }

    private static InvalidSampleException NotAnObject(string unit, int number, JToken? token) =>
        new(unit, number, $"is not a JSON object (it is {Describe(token)}); each sample must be one object, the document as the operation reads or writes it");

    private static string Describe(JToken? token) => token?.Type switch
    {
        null or JTokenType.Null => "null",
        JTokenType.Array => "an array",
        JTokenType.String => "a string",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "a boolean",
        var other => other.ToString()!.ToLowerInvariant(),
    };

    /// <summary>Non-blank lines with their 1-based numbers; a line longer than the limit fails without being held whole.</summary>
    private async IAsyncEnumerable<(int Number, string Line)> ReadLinesAsync(TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new char[8192];
        var line = new System.Text.StringBuilder();
        var number = 1;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    line.Append(buffer[i]);
                    if (line.Length > MaxLineLength)
                    {
                        throw new InvalidSampleException("line", number, $"is longer than {MaxLineLength} characters");
                    }

                    continue;
                }

                if (!string.IsNullOrWhiteSpace(line.ToString()))
                {
                    yield return (number, line.ToString());
                }

                line.Clear();
                number++;
            }
        }

        if (!string.IsNullOrWhiteSpace(line.ToString()))
        {
            yield return (number, line.ToString());
        }
    }
}
