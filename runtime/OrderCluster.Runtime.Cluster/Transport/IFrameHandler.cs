using System.Buffers;
using System.Text.Json;
using OrderCluster.Runtime.Cluster.Transport.Wire;

namespace OrderCluster.Runtime.Cluster.Transport;

/// <summary>What a connection does with what it reads, and with what it could not send.</summary>
internal interface IFrameHandler
{
    JsonSerializerOptions JsonOptions { get; }

    /// <summary>Handles one frame. The body is valid only during the call.</summary>
    void OnFrame(SiloConnection connection, Envelope header, ReadOnlySequence<byte> body);

    /// <summary>A frame that never left this silo (its connection closed first).</summary>
    void OnUnsent(OutgoingFrame frame, Exception reason);
}
