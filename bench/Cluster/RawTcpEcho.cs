using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace OrderCluster.Bench.Cluster;

/// <summary>
/// The baseline for cross-silo calls: request/response over one raw TCP connection, built as a competent transport
/// would be (pipelines, one writer loop flushing when its queue runs dry, a reader matching answers by id) but with
/// nothing else: no serialization, no routing, no grain.
/// Frame: int32 length, int64 id, payload.
/// </summary>
internal sealed class RawTcpEchoClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<(long Id, byte[] Payload)> _outgoing = Channel.CreateUnbounded<(long, byte[])>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<long, TaskCompletionSource<int>> _pending = new();
    private readonly Task _reading;
    private readonly Task _writing;
    private long _nextId;

    private RawTcpEchoClient(Socket socket)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(stream);
        _output = PipeWriter.Create(stream);
        _reading = Task.Run(ReadLoopAsync);
        _writing = Task.Run(WriteLoopAsync);
    }

    public static async Task<RawTcpEchoClient> ConnectAsync(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return new RawTcpEchoClient(socket);
    }

    public Task<int> SendAsync(byte[] payload)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        _outgoing.Writer.TryWrite((id, payload));
        return answer.Task;
    }

    private async Task WriteLoopAsync()
    {
        while (await _outgoing.Reader.WaitToReadAsync())
        {
            while (_outgoing.Reader.TryRead(out var item))
            {
                var span = _output.GetSpan(12 + item.Payload.Length);
                BinaryPrimitives.WriteInt32BigEndian(span, 8 + item.Payload.Length);
                BinaryPrimitives.WriteInt64BigEndian(span[4..], item.Id);
                item.Payload.CopyTo(span[12..]);
                _output.Advance(12 + item.Payload.Length);
            }

            if ((await _output.FlushAsync()).IsCompleted) return;
        }
    }

    private async Task ReadLoopAsync()
    {
        while (true)
        {
            var result = await _input.ReadAsync();
            var buffer = result.Buffer;
            while (EchoFrames.TryRead(ref buffer, out var frame))
            {
                var id = EchoFrames.ReadInt64(frame.Slice(4, 8));
                if (_pending.TryRemove(id, out var answer)) answer.TrySetResult((int)frame.Length - 12);
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted) return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        await _writing;
        await _output.CompleteAsync(); // closes the stream and with it the socket
        try
        {
            await _reading;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            // the connection is gone, as intended
        }

        _socket.Dispose();
    }
}

/// <summary><c>echo-server --port P</c>: echoes every frame back (the child process of the cluster benchmark).</summary>
internal sealed class EchoServerCommand : IBenchmarkSuite
{
    public string Name => "echo-server";

    public string Description => "(used by 'cluster') a raw TCP echo server";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var listener = new TcpListener(IPAddress.Loopback, int.Parse(ClusterSiloCommand.Arg(args, "--port"), System.Globalization.CultureInfo.InvariantCulture));
        listener.Start();
        Console.WriteLine("READY");
        _ = Task.Run(async () => { await Console.In.ReadToEndAsync(cancellationToken); listener.Stop(); }, cancellationToken);
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return 0;
            }

            socket.NoDelay = true;
            _ = Task.Run(() => EchoAsync(socket), cancellationToken);
        }
    }

    private static async Task EchoAsync(Socket socket)
    {
        var stream = new NetworkStream(socket, ownsSocket: true);
        var input = PipeReader.Create(stream);
        var output = PipeWriter.Create(stream);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync();
                var buffer = result.Buffer;
                while (EchoFrames.TryRead(ref buffer, out var frame))
                    foreach (var segment in frame) output.Write(segment.Span);
                input.AdvanceTo(buffer.Start, buffer.End);
                if ((await output.FlushAsync()).IsCompleted || result.IsCompleted) return;
            }
        }
        catch (IOException)
        {
            // the client left
        }
    }
}

internal static class EchoFrames
{
    /// <summary>Takes one whole frame (length prefix included) off the front of the buffer.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 4) return false;
        var length = (int)ReadInt32(buffer.Slice(0, 4));
        if (buffer.Length < 4 + length) return false;
        frame = buffer.Slice(0, 4 + length);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    public static long ReadInt64(ReadOnlySequence<byte> eight)
    {
        Span<byte> bytes = stackalloc byte[8];
        eight.CopyTo(bytes);
        return BinaryPrimitives.ReadInt64BigEndian(bytes);
    }

    private static uint ReadInt32(ReadOnlySequence<byte> four)
    {
        Span<byte> bytes = stackalloc byte[4];
        four.CopyTo(bytes);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }
}
