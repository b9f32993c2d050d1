namespace Connector.Operations.Http.Errors;

/// <summary>One broken invariant of <see cref="ConnectionSettings"/>.</summary>
/// <param name="Setting">The property's name, e.g. <c>RetryBaseDelay</c>.</param>
/// <param name="Problem">What is wrong, e.g. <c>must not be above RetryMaxDelay (30 s)</c>; never the API key.</param>
internal sealed record ConnectionSettingFailure(string Setting, string Problem);
