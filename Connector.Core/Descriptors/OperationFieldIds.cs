namespace Connector.Core.Descriptors;

/// <summary>Operation field ids with a meaning every operation shares.</summary>
public static class OperationFieldIds
{
    /// <summary>The id of the object an operation acts on.</summary>
    public const string ObjectId = "objectId";

    /// <summary>The id of the parent object, for child object types.</summary>
    public const string ParentId = "parentId";

    /// <summary>Records fetched per request by a query.</summary>
    public const string PageSize = "pageSize";

    /// <summary>The most records a query returns; 0 for all.</summary>
    public const string MaxResults = "maxResults";

    /// <summary>A query returns only the count of matching records.</summary>
    public const string CountOnly = "countOnly";

    /// <summary>Re-read the object after an empty answer.</summary>
    public const string ReturnResource = "returnResource";

    /// <summary>Documents per bulk call.</summary>
    public const string BatchSize = "batchSize";

    /// <summary>Documents processed at the same time.</summary>
    public const string Parallelism = "parallelism";

    /// <summary>Name given to an uploaded file.</summary>
    public const string FileName = "fileName";

    /// <summary>
    /// "true": a document with body fields the action's input profile does not take is refused (APPLICATION_ERROR,
    /// nothing sent) instead of being sent without them with a note.
    /// </summary>
    public const string Strict = "strict";
}
