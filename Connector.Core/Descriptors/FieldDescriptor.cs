namespace Connector.Core.Descriptors;

/// <summary>A connection field or an operation field declared by the descriptor.</summary>
/// <param name="Id">The field id, as properties name it.</param>
/// <param name="Label">The label a designer shows.</param>
/// <param name="Type">Which typed getter of <see cref="Contexts.PropertyValues"/> fits the field; <see cref="FieldType.Password"/> values are masked wherever property values are listed.</param>
/// <param name="HelpText">What the field means.</param>
/// <param name="DefaultValue">The value used when none is given (string, long or bool), or null.</param>
/// <param name="Required">Whether a value must be given.</param>
/// <param name="Overrideable">Whether a document may override the value through a dynamic operation property.</param>
/// <param name="Minimum">The smallest allowed integer, or null.</param>
/// <param name="Maximum">The largest allowed integer, or null.</param>
/// <param name="AllowedValues">The allowed values of a string field; empty when any value is allowed.</param>
public sealed record FieldDescriptor(
    string Id,
    string Label,
    FieldType Type,
    string? HelpText,
    object? DefaultValue,
    bool Required,
    bool Overrideable,
    long? Minimum,
    long? Maximum,
    IReadOnlyList<string> AllowedValues)
{
    /// <summary>What the field means to a host (connection fields only; the descriptor's <c>role</c>).</summary>
    public ConnectionRole Role { get; init; }
}
