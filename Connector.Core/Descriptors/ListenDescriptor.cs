namespace Connector.Core.Descriptors;

/// <summary>
/// How a LISTEN operation finds changes: the record property that advances on every change (the cursor; dotted for
/// nested ones such as <c>events.updated.at</c>) and, when the endpoint can push changes, the webhook object class.
/// </summary>
/// <param name="CursorProperty">The dotted property holding the change timestamp.</param>
/// <param name="WebhookObjectClass">The endpoint's webhook object class for this object type, or null when it has none.</param>
public sealed record ListenDescriptor(string CursorProperty, string? WebhookObjectClass);
