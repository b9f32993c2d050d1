using System.Globalization;
using Connector.Operations.Http.Errors;

namespace Connector.Operations.Http;

/// <summary>
/// The bytes of an answer body as they come off the connection: counted against <see cref="AnswerBodyLimits.MaxBytes"/>
/// (a declared Content-Length above it is refused before reading), and each read bounded by the idle timeout and the
/// whole body by the total timeout (both on the connection's <see cref="TimeProvider"/>).
/// </summary>
/// <remarks>
/// A read the connection answers at once (bytes already received, as a small answer's body usually is) needs no
/// timer: the timeouts are checked when the read starts, and one token per answer, whose timer is armed only while a
/// read waits for the network (to whichever of the two timeouts comes first) and disarmed after it, cancels a read
/// that waits too long; the caller's token is joined to it for that wait only.
/// </remarks>
internal sealed class MeteredWireStream : ForwardOnlyReadStream
{
    private readonly Stream _inner;
    private readonly AnswerBodyLimits _limits;
    private readonly TimeProvider _time;
    private readonly long? _declaredLength;
    private readonly long _started;
    private CancellationTokenSource _deadline;
    private bool _armedForTotal;

    // Whether a deadline fired while a read waited (even one that then returned bytes): the client tears the connection
    // down when a read's token is cancelled, so what the connection throws from then on is that timeout.
    private bool _deadlineFired;

    public MeteredWireStream(Stream inner, long? declaredLength, AnswerBodyLimits limits, TimeProvider time)
    {
        _inner = inner;
        _declaredLength = declaredLength;
        _limits = limits;
        _time = time;
        _started = time.GetTimestamp();
        _deadline = NewDeadline();
    }

    /// <summary>The answer's Content-Length, or null when it declared none.</summary>
    public long? DeclaredLength => _declaredLength;

    /// <summary>How many bytes were read off the connection so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>How many reads had to wait for the network (and so armed the timer); the others completed at once.</summary>
    internal int WaitedReads { get; private set; }

    /// <summary>The refusal of a body above <paramref name="limits"/>' size, naming the setting.</summary>
    public static ConnectResponseTooLargeException TooLarge(AnswerBodyLimits limits, string how) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"the answer body is larger than {limits.MaxBytes / (1024 * 1024)} MB {how} (connection property {limits.MaxBytesSetting}); it was not requested again"));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_declaredLength > _limits.MaxBytes)
        {
            throw TooLarge(_limits, string.Create(CultureInfo.InvariantCulture, $"(it declares {_declaredLength} bytes)"));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var left = _limits.TotalTimeout - _time.GetElapsedTime(_started);
        if (left <= TimeSpan.Zero)
        {
            throw TimedOut(total: true);
        }

        ValueTask<int> pending;
        try
        {
            pending = _inner.ReadAsync(buffer, _deadline.Token);
        }
        catch (Exception e) when (CutByDeadline(e, _deadline, cancellationToken))
        {
            throw TimedOut(_armedForTotal);
        }

        return pending.IsCompletedSuccessfully ? ValueTask.FromResult(Count(pending.Result)) : WaitAsync(pending, left, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _deadline.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A read waiting for the network: the timer armed to the nearer timeout and the caller's token joined until it completes.</summary>
    private async ValueTask<int> WaitAsync(ValueTask<int> pending, TimeSpan totalLeft, CancellationToken cancellationToken)
    {
        WaitedReads++;
        _armedForTotal = totalLeft <= _limits.IdleTimeout;
        var deadline = _deadline;
        int read;
        try
        {
            using (cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), deadline))
            {
                deadline.CancelAfter(_armedForTotal ? totalLeft : _limits.IdleTimeout);
                read = await pending.ConfigureAwait(false);
            }
        }
        catch (Exception e) when (CutByDeadline(e, deadline, cancellationToken))
        {
            throw TimedOut(_armedForTotal);
        }

        if (!deadline.TryReset())
        {
            // The timer fired just as the bytes arrived: the next read gets a fresh token, and if the cancellation closed
            // the connection, what that read throws is the timeout (_deadlineFired).
            _deadlineFired = true;
            deadline.Dispose();
            _deadline = NewDeadline();
        }

        return Count(read);
    }

    private int Count(int read)
    {
        BytesRead += read;
        return BytesRead > _limits.MaxBytes ? throw TooLarge(_limits, "as received") : read;
    }

    /// <summary>
    /// Whether a read's exception is the body timeout, not the caller's cancellation nor a failure of its own: the
    /// deadline's cancellation, or, once a deadline has fired, the closed connection it left (a disposed stream, an I/O error).
    /// </summary>
    private bool CutByDeadline(Exception exception, CancellationTokenSource deadline, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && (exception is OperationCanceledException
            || ((_deadlineFired || deadline.IsCancellationRequested) && exception is ObjectDisposedException or IOException));

    /// <summary>An unarmed token; on a clock other than the system's, its timer is that clock's (tests advance it).</summary>
    private CancellationTokenSource NewDeadline() => _time == TimeProvider.System
        ? new CancellationTokenSource()
        : new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);

    private AnswerBodyTimeoutException TimedOut(bool total) => new(total
        ? $"reading the answer body took longer than {Seconds(_limits.TotalTimeout)} s (connection property bodyTimeoutSeconds)"
        : $"no bytes of the answer body arrived for {Seconds(_limits.IdleTimeout)} s (connection property bodyIdleTimeoutSeconds)");

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
