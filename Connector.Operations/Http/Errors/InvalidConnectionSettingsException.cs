namespace Connector.Operations.Http.Errors;

/// <summary>A <see cref="ConnectionSettings"/> value is missing or wrong; the message names the setting.</summary>
public sealed class InvalidConnectionSettingsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="setting">The setting's name, e.g. <c>BaseUrl</c>.</param>
    /// <param name="problem">What is wrong, e.g. <c>is required</c>; must not contain the API key.</param>
    public InvalidConnectionSettingsException(string setting, string problem)
        : base($"connection setting {setting} {problem}")
    {
        Setting = setting;
    }

    /// <summary>The name of the wrong setting.</summary>
    public string Setting { get; }
}
