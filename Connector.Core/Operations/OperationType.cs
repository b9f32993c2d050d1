using System.Diagnostics.CodeAnalysis;

namespace Connector.Core.Operations;

/// <summary>An operation kind plus, for EXECUTE, the custom action id (APPROVE, BULK_CLOSE...).</summary>
public sealed record OperationType
{
    private static readonly Dictionary<string, OperationKind> KindNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GET"] = OperationKind.Get,
        ["QUERY"] = OperationKind.Query,
        ["CREATE"] = OperationKind.Create,
        ["UPDATE"] = OperationKind.Update,
        ["DELETE"] = OperationKind.Delete,
        ["EXECUTE"] = OperationKind.Execute,
        ["LISTEN"] = OperationKind.Listen,
    };

    /// <summary>Creates an operation type.</summary>
    /// <param name="kind">GET, QUERY, CREATE, UPDATE, DELETE, LISTEN, or EXECUTE (which needs <paramref name="customTypeId"/>).</param>
    /// <param name="customTypeId">The custom action id; required for EXECUTE, forbidden otherwise.</param>
    public OperationType(OperationKind kind, string? customTypeId = null)
    {
        if (kind == OperationKind.Execute && string.IsNullOrWhiteSpace(customTypeId))
        {
            throw new ArgumentException("An EXECUTE operation needs a custom type id (the action id).", nameof(customTypeId));
        }

        if (kind != OperationKind.Execute && customTypeId is not null)
        {
            throw new ArgumentException($"Only EXECUTE operations have a custom type id; {FormatKind(kind)} has none.", nameof(customTypeId));
        }

        Kind = kind;
        CustomTypeId = customTypeId?.ToUpperInvariant();
    }

    /// <summary>The GET type (read one object by id); equal by value to any <c>new OperationType(OperationKind.Get)</c>.</summary>
    public static OperationType Get { get; } = new(OperationKind.Get);

    /// <summary>The QUERY type (search a collection with a filter); no custom type id.</summary>
    public static OperationType Query { get; } = new(OperationKind.Query);

    /// <summary>The CREATE type (one new object per input document); no custom type id.</summary>
    public static OperationType Create { get; } = new(OperationKind.Create);

    /// <summary>The UPDATE type (change the object a document names by id); no custom type id.</summary>
    public static OperationType Update { get; } = new(OperationKind.Update);

    /// <summary>The DELETE type (remove the object a document names by id); no custom type id.</summary>
    public static OperationType Delete { get; } = new(OperationKind.Delete);

    /// <summary>The LISTEN type (hand on new and changed objects as they appear); no custom type id.</summary>
    public static OperationType Listen { get; } = new(OperationKind.Listen);

    /// <summary>What the operation does; <see cref="OperationKind.Execute"/> always comes with a <see cref="CustomTypeId"/>.</summary>
    public OperationKind Kind { get; }

    /// <summary>The custom action id of an EXECUTE operation, upper case; null for other kinds.</summary>
    public string? CustomTypeId { get; }

    /// <summary>Whether the operation reads from the endpoint (GET, QUERY).</summary>
    public bool IsInbound => Kind is OperationKind.Get or OperationKind.Query;

    /// <summary>Whether the operation writes to the endpoint (CREATE, UPDATE, DELETE, EXECUTE).</summary>
    public bool IsOutbound => !IsInbound && !IsListen;

    /// <summary>Whether the operation listens for changes (LISTEN).</summary>
    public bool IsListen => Kind == OperationKind.Listen;

    /// <summary>Creates an EXECUTE operation type for a custom action.</summary>
    /// <param name="actionId">The custom action id (APPROVE, bulk_close...); stored upper case. Must not be null or blank.</param>
    /// <returns>An EXECUTE type whose <see cref="CustomTypeId"/> is the action id in upper case.</returns>
    public static OperationType Execute(string actionId) => new(OperationKind.Execute, actionId);

    /// <summary>The upper-case name of a kind (GET, QUERY...).</summary>
    /// <param name="kind">Any kind, including EXECUTE (formatted without an action id).</param>
    /// <returns>The enum name in upper case, e.g. <c>QUERY</c>.</returns>
    public static string FormatKind(OperationKind kind) => kind.ToString().ToUpperInvariant();

    /// <summary>Parses an operation kind name, case-insensitively.</summary>
    /// <param name="text">GET, QUERY, CREATE, UPDATE, DELETE, EXECUTE or LISTEN.</param>
    /// <param name="kind">The kind named; <see cref="OperationKind.Get"/> (the default) when the text names none.</param>
    /// <returns>Whether the text names a kind.</returns>
    public static bool TryParseKind(string? text, out OperationKind kind)
    {
        kind = default;
        return text is not null && KindNames.TryGetValue(text.Trim(), out kind);
    }

    /// <summary>
    /// Parses <c>GET</c>, <c>query</c>, <c>EXECUTE:APPROVE</c> or a bare action id such as <c>APPROVE</c>
    /// (a name that is not a kind is taken as a custom action id).
    /// </summary>
    /// <param name="text">The text to parse, surrounding spaces ignored; null or blank is not well formed. A bare <c>EXECUTE</c> is refused (it needs an action).</param>
    /// <param name="type">The parsed type, or null when the text is not well formed.</param>
    /// <returns>Whether the text is well formed.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out OperationType? type)
    {
        type = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var action = trimmed[(colon + 1)..].Trim();
            if (!TryParseKind(trimmed[..colon], out var k) || k != OperationKind.Execute || !IsActionId(action))
            {
                return false;
            }

            type = Execute(action);
            return true;
        }

        if (TryParseKind(trimmed, out var kind))
        {
            if (kind == OperationKind.Execute)
            {
                return false;
            }

            type = new OperationType(kind);
            return true;
        }

        if (!IsActionId(trimmed))
        {
            return false;
        }

        type = Execute(trimmed);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Kind == OperationKind.Execute ? "EXECUTE:" + CustomTypeId : FormatKind(Kind);

    /// <summary>The name users type: the kind, or the action id for EXECUTE.</summary>
    /// <returns>GET, QUERY, ... or APPROVE, ...</returns>
    public string ToDisplayName() => Kind == OperationKind.Execute ? CustomTypeId! : FormatKind(Kind);

    private static bool IsActionId(string text) =>
        text.Length > 0 && char.IsAsciiLetter(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
