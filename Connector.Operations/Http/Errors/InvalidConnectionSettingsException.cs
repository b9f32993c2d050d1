namespace Connector.Operations.Http.Errors;

/// <summary>
/// Connection settings break one or more invariants; <see cref="Exception.Message"/> lists every failure (none
/// contains the API key), <see cref="Failures"/> holds them one by one.
/// </summary>
internal sealed class InvalidConnectionSettingsException : Exception
{
    /// <summary>Creates the exception from the failures <see cref="ConnectionSettingsValidator"/> found.</summary>
    /// <param name="failures">One entry per broken invariant (at least one).</param>
    public InvalidConnectionSettingsException(IReadOnlyList<ConnectionSettingFailure> failures)
        : base("invalid connection settings: " + string.Join("; ", failures.Select(f => $"{f.Setting} {f.Problem}")))
    {
        Failures = failures;
        Setting = failures.Count > 0 ? failures[0].Setting : string.Empty;
    }

    /// <summary>Every broken invariant.</summary>
    public IReadOnlyList<ConnectionSettingFailure> Failures { get; }

    /// <summary>The first wrong setting's name (e.g. <c>BaseUrl</c>).</summary>
    public string Setting { get; }
}
