namespace OrderCluster.Runtime.Storage;

/// <summary>A state row: its JSON payload (null after a clear) and its version.</summary>
public sealed record StoredGrainState(byte[]? Payload, long Version);
