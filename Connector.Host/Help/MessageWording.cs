using System.Text.RegularExpressions;
using Connector.Core.Descriptors;

namespace Connector.Host.Help;

/// <summary>
/// Puts the connector's messages in the command line's words: an unknown filter or sort field gets a "did you mean"
/// and a short list instead of every field on one line.
/// </summary>
internal static partial class MessageWording
{
    /// <summary>Rewrites the unknown-field problems of an INVALID_FILTER message; other text is kept.</summary>
    /// <param name="message">A result message from the connector; without an unknown-field problem it comes back unchanged.</param>
    /// <param name="objectTypeId">The object type queried ('connector describe' lists its fields).</param>
    public static string QueryProblems(string message, string objectTypeId) => UnknownField().Replace(message, match =>
    {
        var fields = match.Groups["list"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var kind = match.Groups["kind"].Value + " field";
        var listKind = match.Groups["listkind"].Value + " field";
        var name = match.Groups["name"].Value;
        var closest = NameSuggestions.Closest(name, fields);
        var text = $"unknown {kind} '{name}'" + (closest.Count == 0 ? string.Empty : $"; did you mean {NameSuggestions.Quoted(closest)}?");
        return text + Environment.NewLine + "  " + NameSuggestions.ShortList(fields, fields.Length, listKind, $"'connector describe {objectTypeId}' lists them");
    });

    /// <summary>The flag that sets an operation or connection property of the descriptor.</summary>
    private static readonly Dictionary<string, string> FlagOfProperty = new(StringComparer.OrdinalIgnoreCase)
    {
        [OperationFieldIds.ObjectId] = "--id",
        [OperationFieldIds.ParentId] = "--parent",
        [OperationFieldIds.PageSize] = "--page-size",
        [OperationFieldIds.MaxResults] = "--max",
        [OperationFieldIds.CountOnly] = "--count",
        [OperationFieldIds.ReturnResource] = "--no-return-resource",
        [OperationFieldIds.BatchSize] = "--batch-size",
        [OperationFieldIds.Parallelism] = "--parallelism",
        [OperationFieldIds.FileName] = "--file-name",
        ["url"] = "--url",
        ["apiKey"] = "--api-key",
    };

    /// <summary>
    /// Names flags where a message names descriptor properties: "the 'objectId' property" and "the operation
    /// property 'Object id' (objectId)" become "--id".
    /// </summary>
    public static string Flags(string message)
    {
        var text = PropertyLabel().Replace(message, m => FlagOfProperty.TryGetValue(m.Groups["id"].Value, out var flag) ? flag : m.Value);
        return BareProperty().Replace(text, m => FlagOfProperty.TryGetValue(m.Groups["id"].Value, out var flag) ? flag : m.Value);
    }

    [GeneratedRegex(@"the (operation|connection) property '[^']*' \((?<id>[A-Za-z]+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyLabel();

    [GeneratedRegex(@"the '(?<id>[A-Za-z]+)' property", RegexOptions.CultureInvariant)]
    private static partial Regex BareProperty();

    [GeneratedRegex("unknown (?<kind>filter|sort) field '(?<name>[^']*)' for [^;]+; (?<listkind>filterable|orderable) fields: (?<list>[^;]*)", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownField();
}
