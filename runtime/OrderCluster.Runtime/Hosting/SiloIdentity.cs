namespace OrderCluster.Runtime.Hosting;

/// <summary>
/// Who this silo process is. <see cref="InstanceId"/> differs on every start, so a lease or a
/// membership row left by a previous run is never mistaken for ours.
/// </summary>
public sealed class SiloIdentity
{
    public SiloIdentity(string? name = null)
    {
        Name = string.IsNullOrWhiteSpace(name) ? Environment.MachineName : name;
        InstanceId = $"{Name}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    }

    /// <summary>A human name (the host name by default).</summary>
    public string Name { get; }

    /// <summary>Unique per process start.</summary>
    public string InstanceId { get; }

    public override string ToString() => InstanceId;
}
