namespace Connector.Sandbox.Rql;

/// <summary>A query string the RQL grammar refuses; the sandbox answers it with 400.</summary>
internal sealed class RqlSyntaxException(string message) : Exception(message);
