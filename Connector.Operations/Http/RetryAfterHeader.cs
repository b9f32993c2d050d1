using System.Globalization;

namespace Connector.Operations.Http;

/// <summary>Reads a Retry-After header: delta-seconds (<c>120</c>) or an HTTP-date (<c>Wed, 21 Oct 2015 07:28:00 GMT</c>).</summary>
internal static class RetryAfterHeader
{
    private static readonly string[] HttpDateFormats =
    [
        "r",
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'",
        "ddd MMM d HH:mm:ss yyyy",
    ];

    /// <summary>The wait the header asks for (never negative), or null when it is missing or unreadable.</summary>
    /// <param name="value">The raw header value.</param>
    /// <param name="now">What an HTTP-date is measured from (a date in the past gives zero); unused for a number of seconds.</param>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.FromDays(1).TotalSeconds));
        }

        if (DateTimeOffset.TryParseExact(value, HttpDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
