using System.Buffers;
using System.Buffers.Binary;
using System.Text.Json;
using Google.Protobuf;
using OrderCluster.Runtime.Cluster.Transport.Wire;

namespace OrderCluster.Runtime.Cluster.Transport;

/// <summary>
/// Frames on a silo connection: int32 frame length (big-endian, not counting itself), int32 header length, the
/// protobuf <see cref="Envelope"/>, then the body (JSON written by the generated request code). Length-prefixed
/// frames let the reader find message boundaries without parsing bodies.
/// </summary>
internal static class FrameCodec
{
    public const uint WireVersion = 1;
    private const int Prefix = 8;

    [ThreadStatic]
    private static Utf8JsonWriter? _json;

    /// <summary>Encodes a frame into a rented buffer; <paramref name="writeBody"/> writes the JSON body, if any.</summary>
    public static OutgoingFrame Encode<TState>(Envelope header, TState state, Action<Utf8JsonWriter, TState>? writeBody, long pendingId)
    {
        header.WireVersion = WireVersion;
        var headerLength = header.CalculateSize();
        var buffer = new PooledBufferWriter(Prefix + headerLength + 256);
        buffer.Advance(Prefix); // lengths are patched in once the body is written
        header.WriteTo(buffer.GetSpan(headerLength)[..headerLength]);
        buffer.Advance(headerLength);
        if (writeBody is not null)
        {
            var json = _json ??= new Utf8JsonWriter(buffer);
            json.Reset(buffer);
            writeBody(json, state);
            json.Flush();
            json.Reset(Stream.Null); // hold no reference to the buffer after it is handed over
        }

        var total = buffer.WrittenCount;
        BinaryPrimitives.WriteInt32BigEndian(buffer.WrittenSpan, total - 4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.WrittenSpan[4..], headerLength);
        return new OutgoingFrame(buffer.Detach(), total, pendingId);
    }

    public static OutgoingFrame Encode(Envelope header, long pendingId = 0) =>
        Encode<object?>(header, null, null, pendingId);

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/>. False when the frame is not complete yet.
    /// Throws <see cref="InvalidDataException"/> for a frame that cannot be valid (the connection must close).
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out Envelope header, out ReadOnlySequence<byte> body)
    {
        header = null!;
        body = default;
        if (buffer.Length < 4) return false;
        var length = ReadInt32(buffer);
        if (length < 4 || length > maxFrameBytes)
            throw new InvalidDataException($"A frame of {length} bytes is outside 4..{maxFrameBytes}.");
        if (buffer.Length < 4 + (long)length) return false;

        var frame = buffer.Slice(4, length);
        var headerLength = ReadInt32(frame);
        if (headerLength < 0 || headerLength > length - 4)
            throw new InvalidDataException($"A frame header of {headerLength} bytes does not fit its {length}-byte frame.");
        header = Envelope.Parser.ParseFrom(frame.Slice(4, headerLength));
        if (header.WireVersion != WireVersion)
            throw new InvalidDataException($"Wire version {header.WireVersion} is not {WireVersion}: the peer runs another version.");
        body = frame.Slice(4 + headerLength);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    private static int ReadInt32(ReadOnlySequence<byte> sequence)
    {
        Span<byte> bytes = stackalloc byte[4];
        sequence.Slice(0, 4).CopyTo(bytes);
        return BinaryPrimitives.ReadInt32BigEndian(bytes);
    }
}
