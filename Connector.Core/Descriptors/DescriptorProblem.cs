namespace Connector.Core.Descriptors;

/// <summary>One thing wrong with a descriptor.</summary>
/// <param name="Path">The JSON path of the offending element, e.g. <c>$.objectTypes[2].operations[0].path</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record DescriptorProblem(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Path + ": " + Message;
}
