namespace Connector.Designer.Api;

/// <summary>A request of the page that cannot be served as asked (answered 400 with the message).</summary>
internal sealed class DesignerRequestException(string message) : Exception(message);
