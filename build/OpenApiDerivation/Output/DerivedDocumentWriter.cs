using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.OpenApiDerivation.Output;

/// <summary>Writes the derived document deterministically: UTF-8 without BOM, LF line ends, 2-space indent.</summary>
internal static class DerivedDocumentWriter
{
    public static async Task WriteAsync(JObject document, Stream output, CancellationToken cancellationToken)
    {
        var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 65536, leaveOpen: true)
        {
            NewLine = "\n",
        };
        await using (text.ConfigureAwait(false))
        {
            using var writer = new JsonTextWriter(text)
            {
                Formatting = Formatting.Indented,
                Indentation = 2,
                IndentChar = ' ',
                CloseOutput = false,
            };
            await document.WriteToAsync(writer, cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            await text.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
            await text.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
