namespace OrderCluster.Runtime;

/// <summary>
/// The call was not delivered (the silo is shutting down or its target is unreachable). It never ran,
/// so retrying it is safe.
/// </summary>
public sealed class SiloUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
