namespace OrderCluster.Runtime;

/// <summary>
/// A state write expected one stored version and found another: some other activation (or a
/// direct write) changed the state first. The activation that saw it is deactivated.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message) : base(message)
    {
    }

    public InconsistentStateException(GrainId grainId, string stateName, long expectedVersion, long? storedVersion)
        : base($"State '{stateName}' of {grainId} was written by someone else: expected version {expectedVersion}, "
               + $"stored version {(storedVersion?.ToString() ?? "unknown")}.")
    {
        GrainId = grainId;
        StateName = stateName;
        ExpectedVersion = expectedVersion;
        StoredVersion = storedVersion;
    }

    public GrainId GrainId { get; }

    public string StateName { get; } = "";

    public long ExpectedVersion { get; }

    public long? StoredVersion { get; }
}
