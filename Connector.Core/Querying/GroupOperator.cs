namespace Connector.Core.Querying;

/// <summary>How a group combines its operands.</summary>
public enum GroupOperator
{
    /// <summary>Every operand holds.</summary>
    And,

    /// <summary>At least one operand holds.</summary>
    Or,
}
