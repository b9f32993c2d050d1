using Connector.Core.Descriptors;

namespace Connector.Core.Browsing;

/// <summary>An operation field as a designer shows it.</summary>
/// <param name="Id">The field id.</param>
/// <param name="Label">The name a designer shows instead of the id.</param>
/// <param name="Type">The kind of input a designer offers (text, whole number, check box); copied from the descriptor field.</param>
/// <param name="HelpText">What it means.</param>
/// <param name="DefaultValue">The default, or null.</param>
/// <param name="Overrideable">Whether a document may override it.</param>
/// <param name="Minimum">The smallest integer allowed, or null.</param>
/// <param name="Maximum">The largest integer allowed, or null.</param>
public sealed record OperationFieldDefinition(
    string Id,
    string Label,
    FieldType Type,
    string? HelpText,
    object? DefaultValue,
    bool Overrideable,
    long? Minimum,
    long? Maximum);
