using System.Text;
using Connector.Core.Results;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Connector.Designer.Running;

/// <summary>Results and payloads as the page receives them.</summary>
internal static class ResultJson
{
    /// <summary>The largest payload shown as JSON; a larger or binary one is described by its type and size.</summary>
    public const int MaxShownPayloadBytes = 1024 * 1024;

    /// <summary><c>{"trackingId","status","code","message","payloads":[...]}</c>.</summary>
    public static async Task<JObject> ToJsonAsync(OperationResult result, CancellationToken cancellationToken)
    {
        var payloads = new JArray();
        foreach (var payload in result.Payloads)
        {
            payloads.Add(await PayloadAsync(payload, cancellationToken).ConfigureAwait(false));
        }

        return new JObject
        {
            ["trackingId"] = result.TrackingId,
            ["status"] = StatusName(result.Status),
            ["code"] = result.StatusCode,
            ["message"] = result.Message,
            ["payloads"] = payloads,
        };
    }

    /// <summary>The contract's status names: SUCCESS, APPLICATION_ERROR, FAILURE.</summary>
    public static string StatusName(OperationStatus status) => status switch
    {
        OperationStatus.Success => "SUCCESS",
        OperationStatus.ApplicationError => "APPLICATION_ERROR",
        _ => "FAILURE",
    };

    /// <summary>A payload as JSON (disposed after reading).</summary>
    public static async Task<JToken> PayloadAsync(Payload payload, CancellationToken cancellationToken)
    {
        await using (payload.ConfigureAwait(false))
        {
            using var buffer = new BoundedBuffer(MaxShownPayloadBytes);
            try
            {
                await payload.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                return new JObject { ["contentType"] = payload.ContentType, ["note"] = $"larger than {MaxShownPayloadBytes} bytes, not shown" };
            }

            if (!payload.IsJson)
            {
                return new JObject { ["contentType"] = payload.ContentType, ["bytes"] = buffer.Length };
            }

            try
            {
                return JToken.Parse(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
            catch (JsonReaderException)
            {
                return new JValue(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
        }
    }

    /// <summary>A memory stream that refuses to grow past a limit.</summary>
    private sealed class BoundedBuffer(int limit) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            Check(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Check(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        private void Check(int count)
        {
            if (Length + count > limit)
            {
                throw new InvalidDataException("payload too large to show");
            }
        }
    }
}
