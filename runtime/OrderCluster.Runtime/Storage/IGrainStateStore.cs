namespace OrderCluster.Runtime.Storage;

/// <summary>
/// Grain state and the grain's durable timers, in one store so both commit together.
/// Implementations: PostgreSQL, SQLite, and in-memory (tests only). All of them pass the same
/// conformance suite.
/// </summary>
public interface IGrainStateStore
{
    /// <summary>Creates or migrates the schema. Idempotent; safe to call from many silos at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The stored state, or null if it was never written.</summary>
    Task<StoredGrainState?> ReadStateAsync(GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>
    /// Commits <paramref name="writes"/> in one transaction (one round trip where the backend allows)
    /// and returns one result per write, in order. A write whose state change finds another version
    /// is not applied and reports a conflict; the others still commit. Throws only when the batch as a
    /// whole failed (then nothing was applied, or, if the connection broke during commit, the outcome is
    /// unknown and later writes will see it as a version conflict).
    /// </summary>
    Task<IReadOnlyList<GrainWriteResult>> CommitAsync(IReadOnlyList<GrainWrite> writes, CancellationToken cancellationToken);
}
