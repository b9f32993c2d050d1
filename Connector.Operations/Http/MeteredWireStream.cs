using System.Globalization;
using Connector.Operations.Http.Errors;

namespace Connector.Operations.Http;

/// <summary>
/// The bytes of an answer body as they come off the connection: counted against <see cref="AnswerBodyLimits.MaxBytes"/>
/// (a declared Content-Length above it is refused before reading), and each read bounded by the idle timeout and the
/// whole body by the total timeout (both on the connection's <see cref="TimeProvider"/>).
/// </summary>
internal sealed class MeteredWireStream : ForwardOnlyReadStream
{
    private readonly Stream _inner;
    private readonly AnswerBodyLimits _limits;
    private readonly TimeProvider _time;
    private readonly long? _declaredLength;
    private readonly CancellationTokenSource _total;

    public MeteredWireStream(Stream inner, long? declaredLength, AnswerBodyLimits limits, TimeProvider time)
    {
        _inner = inner;
        _declaredLength = declaredLength;
        _limits = limits;
        _time = time;
        _total = new CancellationTokenSource(limits.TotalTimeout, time);
    }

    /// <summary>The answer's Content-Length, or null when it declared none.</summary>
    public long? DeclaredLength => _declaredLength;

    /// <summary>How many bytes were read off the connection so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The refusal of a body above <paramref name="limits"/>' size, naming the setting.</summary>
    public static ConnectResponseTooLargeException TooLarge(AnswerBodyLimits limits, string how) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"the answer body is larger than {limits.MaxBytes / (1024 * 1024)} MB {how} (connection property {limits.MaxBytesSetting}); it was not requested again"));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_declaredLength > _limits.MaxBytes)
        {
            throw TooLarge(_limits, string.Create(CultureInfo.InvariantCulture, $"(it declares {_declaredLength} bytes)"));
        }

        using var idle = new CancellationTokenSource(_limits.IdleTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token, _total.Token);
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AnswerBodyTimeoutException(_total.IsCancellationRequested
                ? $"reading the answer body took longer than {Seconds(_limits.TotalTimeout)} s (connection property bodyTimeoutSeconds)"
                : $"no bytes of the answer body arrived for {Seconds(_limits.IdleTimeout)} s (connection property bodyIdleTimeoutSeconds)");
        }

        BytesRead += read;
        return BytesRead > _limits.MaxBytes ? throw TooLarge(_limits, "as received") : read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _total.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
