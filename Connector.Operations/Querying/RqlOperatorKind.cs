namespace Connector.Operations.Querying;

/// <summary>The shape of an RQL term an operator produces.</summary>
internal enum RqlOperatorKind
{
    /// <summary><c>op(field,value)</c>: eq ne gt ge lt le.</summary>
    Comparison,

    /// <summary><c>op(field,pattern)</c>: like ilike, <c>*</c> is the wildcard.</summary>
    Search,

    /// <summary><c>op(field,(a,b))</c>: in out.</summary>
    List,

    /// <summary><c>eq(field,null())</c> / <c>ne(field,null())</c>: null notnull.</summary>
    NullTest,

    /// <summary>A raw RQL term given by an expert, inserted verbatim.</summary>
    Raw,
}
