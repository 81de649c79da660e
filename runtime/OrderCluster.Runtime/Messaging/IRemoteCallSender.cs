using OrderCluster.Runtime.CodeGeneration;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Messaging;

/// <summary>Sends a call to the silo that owns its grain (provided by the cluster transport).</summary>
public interface IRemoteCallSender
{
    /// <summary>Sends <paramref name="request"/> to <paramref name="target"/>; its outcome completes the caller's task.</summary>
    void Send(SiloAddress target, GrainRequest request);
}
