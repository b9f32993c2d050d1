namespace Connector.Browse.Profiles;

/// <summary>One definition of the derived data as every profile that reaches it splices it in (<see cref="ProfileJsonWriter"/>).</summary>
/// <param name="QuotedName">Its name as a JSON string (quoted and escaped as Newtonsoft writes a property name).</param>
/// <param name="Text">Its compact JSON text, serialized when a profile that reaches it is first joined.</param>
/// <param name="References">The definitions it names directly, each once.</param>
internal sealed record SharedDefinition(string QuotedName, Lazy<string> Text, string[] References);
