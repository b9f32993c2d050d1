namespace Connector.Core.Querying;

/// <summary>A node of a query filter's expression tree.</summary>
public abstract record FilterExpression;
