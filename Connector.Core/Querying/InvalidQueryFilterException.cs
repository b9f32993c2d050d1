namespace Connector.Core.Querying;

/// <summary>A query filter uses something the descriptor or the endpoint does not allow; <see cref="Problems"/> says what.</summary>
public sealed class InvalidQueryFilterException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Every problem, each naming the offending field or operator and what is allowed.</param>
    public InvalidQueryFilterException(IReadOnlyList<string> problems)
        : base("The query filter is invalid: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
