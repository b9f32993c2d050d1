using System.Globalization;

namespace Connector.Host.Output;

/// <summary>
/// A live progress line on stderr, redrawn at most twice a second: records and documents done and the rate; with a
/// known total also count/total, percent and the estimated time left: <see cref="Total"/> documents (the lines of
/// --in FILE) or <see cref="ExpectedRecords"/> (a query's total, from the first page's Content-Range).
/// </summary>
internal sealed class ProgressLine(TextWriter error, TimeProvider time, RunSummary summary, bool enabled)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private readonly long _started = time.GetTimestamp();
    private long _lastDrawn = time.GetTimestamp();
    private int _width;

    /// <summary>How many documents the run will process, when known beforehand.</summary>
    public long? Total { get; set; }

    /// <summary>How many records the run will print, once the operation knows it (a query's first page tells its total).</summary>
    public long? ExpectedRecords { get; set; }

    public void Tick()
    {
        if (!enabled || time.GetElapsedTime(_lastDrawn) < Interval)
        {
            return;
        }

        _lastDrawn = time.GetTimestamp();
        var line = Describe(time.GetElapsedTime(_started));
        _width = Math.Max(_width, line.Length);
        error.Write("\r" + line.PadRight(_width));
        error.Flush();
    }

    /// <summary>The text of the line after <paramref name="elapsed"/>.</summary>
    public string Describe(TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        if (ExpectedRecords is { } records and > 0)
        {
            return OfTotal(summary.Records, records, "records", seconds);
        }

        if (Total is { } total and > 0 && summary.Records == 0)
        {
            return OfTotal(summary.Finished, total, "documents", seconds);
        }

        var done = summary.Records > 0 ? summary.Records : summary.Finished;
        return string.Create(CultureInfo.InvariantCulture, $"{summary.Records} records, {summary.Finished} documents done, {done / seconds:0} per second");
    }

    /// <summary>"40/200 records (20%), 80 per second, about 2.00 s left".</summary>
    private static string OfTotal(long done, long total, string unit, double seconds)
    {
        var rate = done / seconds;
        var left = rate > 0 ? RunSummary.Elapsed(TimeSpan.FromSeconds(Math.Max(0, total - done) / rate)) : "?";
        return string.Create(CultureInfo.InvariantCulture, $"{done}/{total} {unit} ({100.0 * Math.Min(done, total) / total:0}%), {rate:0} per second, about {left} left");
    }

    public void Clear()
    {
        if (enabled && _width > 0)
        {
            error.Write("\r" + new string(' ', _width) + "\r");
            _width = 0;
        }
    }
}
