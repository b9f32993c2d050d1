using System.Text;
using Connector.Core.Results;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Operations.Http;

/// <summary>
/// A request a dry run stopped before it was sent (see <see cref="DryRunConnectTransport"/>). Not an error: the
/// operations turn it into a SUCCESS result with code <see cref="Code"/> whose payload is <see cref="ToPayload"/>.
/// </summary>
internal sealed class DryRunInterceptedException : Exception
{
    /// <summary>The result code of a document whose request was not sent.</summary>
    public const string Code = "DRY_RUN";

    /// <summary>Creates the description of one request.</summary>
    /// <param name="method">The method as it would be sent, upper case (<c>POST</c>).</param>
    /// <param name="url">The full URL, query included, as it would go on the wire (escapes normalised as the HTTP stack does).</param>
    /// <param name="body">The body as JSON (a JSON body itself, or a description of a form), or null.</param>
    public DryRunInterceptedException(string method, string url, JToken? body)
        : base($"dry run: {method} {url} was not sent")
    {
        Method = method;
        Url = url;
        Body = body;
    }

    /// <summary>The method as it would have been sent, upper case (<c>POST</c>).</summary>
    public string Method { get; }

    /// <summary>The full URL with the query.</summary>
    public string Url { get; }

    /// <summary>The JSON body, or for a multipart form a JSON description of its parts; null when the request has no body.</summary>
    public JToken? Body { get; }

    /// <summary>The result payload: <c>{"method":..,"url":..,"body":..|null}</c>.</summary>
    public Payload ToPayload()
    {
        var json = new JObject
        {
            ["method"] = Method,
            ["url"] = Url,
            ["body"] = Body ?? JValue.CreateNull(),
        };
        return Payload.FromJsonBytes(Encoding.UTF8.GetBytes(json.ToString(Formatting.None)));
    }

    /// <summary>
    /// Describes a body: JSON as itself (text that is not JSON as a string); a multipart form as
    /// <c>{"form":{field:value...},"file":{"part":..,"fileName":..,"contentType":..}}</c>.
    /// </summary>
    internal static JToken? DescribeBody(ConnectRequestBody? body) => body switch
    {
        null => null,
        ConnectRequestBody.JsonBytes json => ParseOrText(json.Content.Span),
        ConnectRequestBody.MultipartForm form => new JObject
        {
            ["form"] = new JObject(form.Fields.Select(f => new JProperty(f.Key, f.Value))),
            ["file"] = new JObject
            {
                ["part"] = form.File.PartName,
                ["fileName"] = form.File.FileName,
                ["contentType"] = form.File.ContentType,
            },
        },
        _ => null,
    };

    private static JToken ParseOrText(ReadOnlySpan<byte> utf8)
    {
        var text = Encoding.UTF8.GetString(utf8);
        try
        {
            return JToken.Parse(text);
        }
        catch (JsonReaderException)
        {
            return new JValue(text);
        }
    }
}
