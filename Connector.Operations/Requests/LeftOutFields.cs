using Connector.Core.Documents;
using Connector.Operations.Execution;
using Microsoft.Extensions.Logging;

namespace Connector.Operations.Requests;

/// <summary>
/// The body fields a document had that the action's input profile does not take, so they are not sent (an INQUIRE
/// with <c>asset.params</c>, say). They are never dropped silently: each field is named once per operation in a
/// warning log, and every affected document's result message names them; in strict mode the document is refused
/// instead (an APPLICATION_ERROR, nothing sent). The fields that only locate the object (its id and parent id) are
/// not counted: piping a whole object into an action uses them for the path.
/// </summary>
internal sealed partial class LeftOutFields(ILogger logger, bool strict)
{
    /// <summary>How many field names a message lists before "and N more".</summary>
    private const int Listed = 12;

    // The fields already named; a document claims its new ones under the lock all at once, so documents running in
    // parallel name them in one warning, not split between two.
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Lenient and without a log (an operation built without one): the result messages still name the fields.</summary>
    public static LeftOutFields Unlogged => new(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, strict: false);

    /// <summary>Checks one document's left-out fields; returns the note for its result message, or null when none were left out.</summary>
    /// <exception cref="DocumentInputException">Strict mode and some fields were left out.</exception>
    public string? Check(TrackedDocument document, InputProfile profile, IReadOnlyCollection<string> leftOut, IReadOnlyCollection<string> locating)
    {
        if (leftOut.Count == 0)
        {
            return null;
        }

        var fields = leftOut.Where(f => !locating.Contains(f)).Order(StringComparer.Ordinal).ToList();
        if (fields.Count == 0)
        {
            return null;
        }

        if (strict)
        {
            throw new DocumentInputException(
                DocumentInputException.InvalidBody,
                $"document '{document.TrackingId}' has fields the {profile.Name} input does not take, nothing was sent (strict): {List(fields)}");
        }

        List<string> fresh;
        lock (_gate)
        {
            fresh = fields.Where(_warned.Add).ToList();
        }

        if (fresh.Count > 0)
        {
            NotSent(logger, profile.Name, List(fresh));
        }

        return $"not sent, the {profile.Name} input does not take them: {List(fields)}";
    }

    private static string List(IReadOnlyList<string> fields) =>
        fields.Count <= Listed ? string.Join(", ", fields) : string.Join(", ", fields.Take(Listed)) + $" and {fields.Count - Listed} more";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Profile} does not take these fields, they are not sent (strict mode refuses such documents): {Fields}")]
    private static partial void NotSent(ILogger logger, string profile, string fields);
}
