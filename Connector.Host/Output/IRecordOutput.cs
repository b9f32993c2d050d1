namespace Connector.Host.Output;

/// <summary>Where a run's records go, in one <see cref="OutputFormat"/>: records arrive one by one, as compact JSON.</summary>
internal interface IRecordOutput
{
    /// <summary>Writes one record (a compact JSON value).</summary>
    ValueTask WriteAsync(string json, CancellationToken cancellationToken);

    /// <summary>Writes what is still buffered (a table's last rows, a workbook) once the run ends.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
