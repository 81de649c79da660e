using System.Buffers;

namespace OrderCluster.Runtime.Cluster.Transport;

/// <summary>
/// An encoded frame waiting to be written: a rented buffer, its length, and the pending operation it belongs to
/// (0 for none), so that a frame that never left can fail its call as "not sent".
/// </summary>
internal readonly record struct OutgoingFrame(byte[] Buffer, int Length, long PendingId)
{
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public void Release()
    {
        if (Buffer.Length > 0) ArrayPool<byte>.Shared.Return(Buffer);
    }
}
