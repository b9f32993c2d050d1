namespace Connector.Core.Descriptors;

/// <summary>How many values a query operator takes.</summary>
public enum OperatorArguments
{
    /// <summary>No value (null tests).</summary>
    None,

    /// <summary>Exactly one value.</summary>
    One,

    /// <summary>One or more values (lists).</summary>
    Many,
}
