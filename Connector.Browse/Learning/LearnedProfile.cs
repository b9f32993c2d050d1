using Connector.Core.Browsing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Connector.Browse.Learning;

/// <summary>
/// A documented profile widened with what sample documents showed (see <see cref="ProfileLearner"/>): every field and
/// type the documentation lacked is in <see cref="Schema"/>, marked <c>"x-observed": true</c>.
/// </summary>
/// <param name="Schema">The widened, self-contained JSON schema (a new object; the documented profile is not changed).</param>
/// <param name="SampleCount">How many sample documents were merged.</param>
/// <param name="Additions">What was added, one line per field or type, sorted (e.g. <c>assignee: also object</c>, <c>items[].extra: new field</c>).</param>
public sealed record LearnedProfile(JObject Schema, int SampleCount, IReadOnlyList<string> Additions)
{
    /// <summary>The schema as indented JSON text (deterministic: the same inputs give the same text).</summary>
    /// <returns>A new string on each call, two-space indented.</returns>
    public string ToJson() => Schema.ToString(Formatting.Indented);

    /// <summary>The learned profile as a definition of the given role, like the browser's own.</summary>
    /// <param name="role">INPUT or OUTPUT.</param>
    /// <param name="cancellationToken">Cancels loading the schema.</param>
    /// <returns>The definition (content type JSON).</returns>
    public async Task<ObjectDefinition> ToDefinitionAsync(ObjectDefinitionRole role, CancellationToken cancellationToken = default)
    {
        var schema = await JsonSchema.FromJsonAsync(Schema.ToString(Formatting.None), cancellationToken).ConfigureAwait(false);
        return new ObjectDefinition(role, DefinitionContentType.Json, schema);
    }
}
