using System.Globalization;
using System.Text;
using Connector.Core.Querying;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Designer.Running;

/// <summary>
/// The <c>connector</c> command line equivalent to what the page shows or runs, for the user to copy into a shell
/// (arguments quoted for POSIX shells; never the API key: the prefix carries only the URL).
/// </summary>
internal sealed class CommandLine(string prefix)
{
    /// <summary><c>connector describe TYPE</c>.</summary>
    public string Describe(string objectType) => Join("describe", objectType);

    /// <summary><c>connector schema TYPE OPERATION --role input|output</c>.</summary>
    public string Schema(string objectType, string operation, string role) => Join("schema", objectType, operation, "--role", role);

    /// <summary>
    /// <c>connector query TYPE …</c>: comparisons joined by one AND (or one OR: <c>--any</c>) become <c>--filter</c>
    /// flags; any other tree becomes <c>--where JSON</c>.
    /// </summary>
    public string Query(string objectType, QuerySpec spec)
    {
        var words = new List<string> { "query", objectType };
        switch (spec.Where)
        {
            case null:
                break;
            case ComparisonExpression comparison:
                words.AddRange(["--filter", FilterText(comparison)]);
                break;
            case GroupExpression group when group.Operands.All(o => o is ComparisonExpression):
                foreach (var operand in group.Operands.Cast<ComparisonExpression>())
                {
                    words.AddRange(["--filter", FilterText(operand)]);
                }

                if (group.Operator == GroupOperator.Or && group.Operands.Count > 1)
                {
                    words.Add("--any");
                }

                break;
            default:
                words.AddRange(["--where", spec.WhereJson!.ToString(Formatting.None)]);
                break;
        }

        foreach (var sort in spec.Sorts)
        {
            words.AddRange(["--sort", (sort.Direction == SortDirection.Descending ? "-" : string.Empty) + sort.Property]);
        }

        if (spec.Select.Count > 0)
        {
            words.AddRange(["--select", string.Join(",", spec.Select)]);
        }

        words.AddRange(["--max", spec.Max.ToString(CultureInfo.InvariantCulture)]);
        if (spec.ParentId is not null)
        {
            words.AddRange(["--parent", spec.ParentId]);
        }

        return Join([.. words]);
    }

    /// <summary>
    /// The command that runs an operation on documents: <c>--id</c> and <c>--set</c> for one document, the documents
    /// piped as NDJSON for several.
    /// </summary>
    public string Documents(string verb, string objectType, string? action, IReadOnlyList<JObject> documents)
    {
        var words = new List<string> { verb, objectType };
        if (action is not null)
        {
            words.Add(action);
        }

        if (documents.Count == 1)
        {
            foreach (var property in documents[0].Properties())
            {
                if (property.Name == "id" && property.Value.Type == JTokenType.String)
                {
                    words.AddRange(["--id", (string)property.Value!]);
                }
                else
                {
                    words.AddRange(["--set", property.Name + "=" + (property.Value.Type == JTokenType.String ? (string)property.Value! : property.Value.ToString(Formatting.None))]);
                }
            }

            return Join([.. words]);
        }

        var lines = string.Join(" ", documents.Select(d => Quote(d.ToString(Formatting.None))));
        return "printf '%s\\n' " + lines + " | " + Join([.. words]);
    }

    /// <summary>Quotes a word for a POSIX shell when it needs it.</summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,:/=+@%".Contains(c, StringComparison.Ordinal)))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static string FilterText(ComparisonExpression comparison)
    {
        var text = new StringBuilder(comparison.Property).Append(' ').Append(comparison.Operator);
        if (comparison.Arguments.Count > 0)
        {
            text.Append(' ').Append(string.Join(",", comparison.Arguments));
        }

        return text.ToString();
    }

    private string Join(params string[] words) => prefix + " " + string.Join(" ", words.Select(Quote));
}
