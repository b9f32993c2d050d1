using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Core.Testing;

/// <summary>A payload captured by the test harness: its content type and bytes.</summary>
/// <param name="ContentType">The content type the payload declared (<c>application/json</c>, or a downloaded file's type).</param>
/// <param name="Bytes">The whole payload as the operation wrote it, copied out of the payload (which is disposed); an empty array for an empty body.</param>
public sealed record CapturedPayload(string ContentType, byte[] Bytes)
{
    /// <summary>The bytes as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Bytes);

    /// <summary>Parses the payload as JSON.</summary>
    /// <returns>A new token on each call (dates stay strings).</returns>
    public JToken ToJson()
    {
        using var reader = new JsonTextReader(new StringReader(Text)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
