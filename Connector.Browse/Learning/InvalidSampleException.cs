namespace Connector.Browse.Learning;

/// <summary>A sample document given to <see cref="ProfileLearner"/> is not a JSON object; the message names it.</summary>
public sealed class InvalidSampleException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public InvalidSampleException()
        : this("a sample", 0, "is not a JSON object")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message, shown as is; <see cref="Sample"/> is then empty and <see cref="Number"/> 0.</param>
    public InvalidSampleException(string message)
        : base(message)
    {
        Sample = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The whole message, shown as is; <see cref="Sample"/> is then empty and <see cref="Number"/> 0.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidSampleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Sample = string.Empty;
    }

    /// <summary>Creates the exception for one sample.</summary>
    /// <param name="unit">What samples are counted in: <c>line</c> (NDJSON) or <c>sample</c>.</param>
    /// <param name="number">The 1-based line or sample number.</param>
    /// <param name="reason">What is wrong, e.g. "is not a JSON object (it is an array)".</param>
    /// <param name="innerException">The parse error, if any.</param>
    public InvalidSampleException(string unit, int number, string reason, Exception? innerException = null)
        : base($"{unit} {number} {reason}", innerException)
    {
        Sample = $"{unit} {number}";
        Number = number;
    }

    /// <summary>The sample, e.g. <c>line 3</c> or <c>sample 2</c>.</summary>
    public string Sample { get; }

    /// <summary>The 1-based line or sample number (0 when unknown).</summary>
    public int Number { get; }
}
