namespace Connector.Core.Descriptors;

/// <summary>A descriptor was refused; <see cref="Problems"/> lists every problem with its JSON path.</summary>
public sealed class InvalidDescriptorException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">Where the descriptor came from (a file path or a name).</param>
    /// <param name="problems">Every problem found.</param>
    public InvalidDescriptorException(string source, IReadOnlyList<DescriptorProblem> problems)
        : base(FormatMessage(source, problems))
    {
        Source = source;
        Problems = problems;
    }

    /// <summary>Where the descriptor came from.</summary>
    public new string Source { get; }

    /// <summary>Every problem found, each with the JSON path of the offending element.</summary>
    public IReadOnlyList<DescriptorProblem> Problems { get; }

    private static string FormatMessage(string source, IReadOnlyList<DescriptorProblem> problems) =>
        $"The descriptor {source} is invalid ({problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}):"
        + string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
}
