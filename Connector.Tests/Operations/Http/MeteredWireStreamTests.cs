using Connector.Operations.Http;
using Connector.Operations.Http.Errors;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Connector.Tests.Operations.Http;

/// <summary>
/// The answer body's time limits on a fake clock: a read the connection answers at once arms no timer, a read that
/// waits for the network is cut by the idle or the total timeout (whichever comes first), and the total timeout is
/// checked before every read.
/// </summary>
[TestFixture]
public sealed class MeteredWireStreamTests
{
    private static readonly AnswerBodyLimits Limits = new(1024 * 1024, 100, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25), "maxResponseMegabytes");

    [Test]
    public async Task Reads_answered_at_once_arm_no_timer()
    {
        var time = new CountingTimeProvider();
        var bytes = new byte[10_000];
        await using var body = new MeteredWireStream(new MemoryStream(bytes), bytes.Length, Limits, time);

        var buffer = new byte[1000];
        var total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(total, Is.EqualTo(bytes.Length));
            Assert.That(body.BytesRead, Is.EqualTo(bytes.Length));
            Assert.That(body.WaitedReads, Is.Zero);
            Assert.That(time.TimersCreated, Is.LessThanOrEqualTo(1), "at most the answer's one token, never one per read");
            Assert.That(time.TimerChanges, Is.Zero, "no timer was armed");
        }
    }

    [Test]
    public async Task A_read_that_waits_is_cut_by_the_idle_timeout()
    {
        var time = new FakeTimeProvider();
        await using var body = new MeteredWireStream(new SilentStream(), null, Limits, time);

        var read = body.ReadAsync(new byte[16]).AsTask();
        Assert.That(read.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.That(read.IsCompleted, Is.False, "still within the idle timeout");
        time.Advance(TimeSpan.FromSeconds(1));

        var error = await HttpTestSupport.ThrowsAsync<AnswerBodyTimeoutException>(() => read);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain("bodyIdleTimeoutSeconds"));
            Assert.That(body.WaitedReads, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_read_that_waits_near_the_end_is_cut_by_the_total_timeout()
    {
        var time = new FakeTimeProvider();
        await using var body = new MeteredWireStream(new SilentStream(), null, Limits, time);
        time.Advance(TimeSpan.FromSeconds(20));

        var read = body.ReadAsync(new byte[16]).AsTask();
        time.Advance(TimeSpan.FromSeconds(5));

        var error = await HttpTestSupport.ThrowsAsync<AnswerBodyTimeoutException>(() => read);
        Assert.That(error.Message, Does.Contain("bodyTimeoutSeconds"));
    }

    [Test]
    public async Task A_read_after_the_total_timeout_fails_even_when_bytes_are_there()
    {
        var time = new FakeTimeProvider();
        await using var body = new MeteredWireStream(new MemoryStream(new byte[100]), 100, Limits, time);
        Assert.That(await body.ReadAsync(new byte[10]), Is.EqualTo(10));
        time.Advance(TimeSpan.FromSeconds(25));

        var error = await HttpTestSupport.ThrowsAsync<AnswerBodyTimeoutException>(async () => await body.ReadExactlyAsync(new byte[10]));
        Assert.That(error.Message, Does.Contain("bodyTimeoutSeconds"));
    }

    [Test]
    public async Task The_callers_token_cancels_a_waiting_read_as_a_cancellation_not_a_timeout()
    {
        var time = new FakeTimeProvider();
        await using var body = new MeteredWireStream(new SilentStream(), null, Limits, time);
        using var caller = new CancellationTokenSource();

        var read = body.ReadAsync(new byte[16], caller.Token).AsTask();
        await caller.CancelAsync();

        Assert.That(async () => await read, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task A_read_that_waited_disarms_its_timer_when_the_bytes_arrive()
    {
        var time = new FakeTimeProvider();
        var inner = new GatedStream();
        await using var body = new MeteredWireStream(inner, null, Limits, time);

        var first = body.ReadAsync(new byte[16]).AsTask();
        time.Advance(TimeSpan.FromSeconds(9));
        inner.Open();
        Assert.That(await first, Is.EqualTo(4));
        time.Advance(TimeSpan.FromSeconds(5));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await body.ReadAsync(new byte[16]), Is.EqualTo(4), "14 s after the first wait began, but no read waited 10 s");
            Assert.That(body.WaitedReads, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Bytes_that_arrive_as_the_timer_fires_leave_the_next_read_a_timeout_not_a_disposed_connection()
    {
        var time = new FakeTimeProvider();
        await using var body = new MeteredWireStream(new TornDownOnCancelStream(), null, Limits, time);

        var first = body.ReadAsync(new byte[16]).AsTask();
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.That(await first, Is.EqualTo(4), "the bytes that came with the timer are returned");

        var error = await HttpTestSupport.ThrowsAsync<AnswerBodyTimeoutException>(async () => await body.ReadExactlyAsync(new byte[16]));
        Assert.That(error.Message, Does.Contain("bodyIdleTimeoutSeconds"));
    }

    /// <summary>
    /// A connection as the HTTP client's is when a read's token is cancelled just as its bytes arrive: the read returns
    /// them, but the cancellation closed the connection, so every later read throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    private sealed class TornDownOnCancelStream : MemoryStream
    {
        private bool _closed;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (cancellationToken.Register(() =>
            {
                _closed = true;
                arrived.TrySetResult();
            }))
            {
                await arrived.Task.ConfigureAwait(false);
            }

            return 4;
        }
    }

    /// <summary>A connection that never sends a byte: each read waits until its token is cancelled.</summary>
    private sealed class SilentStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            return 0;
        }
    }

    /// <summary>A connection whose first read waits until <see cref="Open"/> is called; every read then returns 4 bytes.</summary>
    private sealed class GatedStream : MemoryStream
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _gate.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return 4;
        }
    }

    /// <summary>A fake clock that counts the timers made on it and how often they were set.</summary>
    private sealed class CountingTimeProvider : FakeTimeProvider
    {
        private int _changes;

        public int TimersCreated { get; private set; }

        public int TimerChanges => _changes;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimersCreated++;
            return new CountedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        }

        private sealed class CountedTimer(ITimer inner, CountingTimeProvider owner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                Interlocked.Increment(ref owner._changes);
                return inner.Change(dueTime, period);
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
