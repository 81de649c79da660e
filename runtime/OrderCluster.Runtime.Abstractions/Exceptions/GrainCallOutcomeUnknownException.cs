namespace OrderCluster.Runtime;

/// <summary>
/// The call reached another silo, which then died before answering: the grain may or may not have run it.
/// Unlike <see cref="SiloUnavailableException"/> (never delivered), retrying is safe only if the call is idempotent.
/// </summary>
public sealed class GrainCallOutcomeUnknownException(string message) : Exception(message);
