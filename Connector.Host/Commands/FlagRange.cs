using System.CommandLine;
using System.Globalization;

namespace Connector.Host.Commands;

/// <summary>
/// The valid ranges of the numeric flags, checked while the command line is parsed (so before any input is read or any
/// connection is made): a value outside its range is a usage error (exit 2) naming the range. The ranges match the
/// descriptor's operation fields (pageSize, batchSize, parallelism); --max starts at 1 because an omitted --max
/// already means "every record" and 0 is more likely a mistake than a request for nothing.
/// </summary>
internal sealed record FlagRange(long Minimum, long Maximum)
{
    public static FlagRange Parallelism { get; } = new(1, 64);

    public static FlagRange BatchSize { get; } = new(1, 1000);

    public static FlagRange PageSize { get; } = new(1, 1000);

    public static FlagRange MaxRecords { get; } = new(1, long.MaxValue);

    /// <summary>"1 to 64", or "1 or more" when there is no real upper bound.</summary>
    public string Describe() => Maximum == long.MaxValue
        ? string.Create(CultureInfo.InvariantCulture, $"{Minimum} or more")
        : string.Create(CultureInfo.InvariantCulture, $"{Minimum} to {Maximum}");

    /// <summary>Adds the range check to an option (a value that is not a whole number is left to the parser's own error).</summary>
    public TOption AppliedTo<TOption>(TOption option, string? hint = null)
        where TOption : Option
    {
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (long.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && (value < Minimum || value > Maximum))
                {
                    result.AddError(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{option.Name} must be {Describe()}, not {value}{(hint is null ? string.Empty : "; " + hint)}"));
                }
            }
        });
        return option;
    }
}
