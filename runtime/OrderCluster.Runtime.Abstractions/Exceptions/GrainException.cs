namespace OrderCluster.Runtime;

/// <summary>
/// A grain threw an exception whose type could not be recreated on the caller's side (a remote call);
/// carries the original type name and message.
/// </summary>
public sealed class GrainException(string originalTypeName, string message, string? remoteStackTrace = null)
    : Exception(message)
{
    /// <summary>The full name of the exception type the grain threw.</summary>
    public string OriginalTypeName { get; } = originalTypeName;

    public string? RemoteStackTrace { get; } = remoteStackTrace;
}
