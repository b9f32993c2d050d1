namespace Connector.Sandbox.Events;

/// <summary>One attempt to deliver an event to a webhook, as the sandbox recorded it.</summary>
/// <param name="WebhookId">The id of the sandbox webhook the event was sent to (<c>WH-...</c>).</param>
/// <param name="ObjectId">The changed object's id.</param>
/// <param name="Attempt">1 for the first try.</param>
/// <param name="Status">The receiver's HTTP status, or 0 when it could not be reached.</param>
/// <param name="Delivered">Whether the receiver accepted it (2xx); the sandbox stops retrying then.</param>
public sealed record WebhookDelivery(string WebhookId, string ObjectId, int Attempt, int Status, bool Delivered);
