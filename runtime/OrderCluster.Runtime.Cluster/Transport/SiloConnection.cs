using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Cluster.Hosting;
using OrderCluster.Runtime.Cluster.Messaging;
using OrderCluster.Runtime.Cluster.Transport.Wire;
using OrderCluster.Runtime.CodeGeneration;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Transport;

/// <summary>
/// One TCP connection to another silo, over Kestrel's pipes: a bounded queue of outgoing frames drained by a write
/// loop (flushing when the queue runs dry, so frames from many callers share a write), and a read loop that hands
/// whole frames to the handler. A full queue refuses new frames (back-pressure reaches callers as a retryable
/// failure). A closed connection is never reused: frames still queued are reported unsent.
/// It is also the route back for requests that arrived on it.
/// </summary>
internal sealed class SiloConnection : ResponseRoute
{
    private const int FlushEvery = 64 * 1024;

    private readonly Channel<OutgoingFrame> _outgoing;
    private readonly IFrameHandler _handler;
    private readonly ClusterOptions _options;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConnectionContext? _context;
    private int _closing;

    public SiloConnection(bool outbound, SiloAddress? peer, IFrameHandler handler, ClusterOptions options, ILogger logger)
    {
        IsOutbound = outbound;
        Peer = peer;
        _handler = handler;
        _options = options;
        _logger = logger;
        _outgoing = Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(options.OutgoingQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of waiting
        });
    }

    public bool IsOutbound { get; }

    /// <summary>The silo at the other end (known from the start for outbound connections, from HELLO for inbound ones).</summary>
    public SiloAddress? Peer { get; set; }

    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>Frames queued and not yet taken by the write loop.</summary>
    public int QueuedFrames => _outgoing.Reader.Count;

    /// <summary>Completes when the connection is closed and its loops have ended.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Queues a frame; false when the queue is full or the connection closing (the caller keeps the frame).</summary>
    public bool TryEnqueue(OutgoingFrame frame) => !IsClosing && _outgoing.Writer.TryWrite(frame);

    /// <summary>Runs the read and write loops over <paramref name="context"/> until either ends, then closes.</summary>
    public async Task RunAsync(ConnectionContext context)
    {
        _context = context;
        if (IsClosing)
        {
            context.Abort();
            Finish();
            return;
        }

        var reading = ReadLoopAsync(context.Transport.Input);
        var writing = WriteLoopAsync(context.Transport.Output);
        await Task.WhenAny(reading, writing);
        Close();
        await Task.WhenAll(reading, writing);
        await context.DisposeAsync();
        Finish();
    }

    /// <summary>Closes the connection (idempotent). Queued frames are reported unsent.</summary>
    public void Close(Exception? reason = null)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0) return;
        if (reason is not null) TransportLog.ConnectionFailed(_logger, reason, Describe());
        _outgoing.Writer.TryComplete();
        if (_context is { } context) context.Abort();
        else Finish(); // never connected
    }

    public override void Complete(GrainRequest request, Exception? failure)
    {
        var frame = ResponseEncoder.Encode(request, failure, _handler.JsonOptions);
        if (!TryEnqueue(frame)) frame.Release(); // the caller's connection is gone: it will time out
    }

    private async Task WriteLoopAsync(PipeWriter output)
    {
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var frame))
                {
                    output.Write(frame.Span);
                    frame.Release();
                    if (output.UnflushedBytes >= FlushEvery && (await output.FlushAsync()).IsCompleted) return;
                }

                var flushed = await output.FlushAsync();
                if (flushed.IsCompleted || flushed.IsCanceled) return;
            }
        }
        catch (Exception e) when (IsConnectionError(e))
        {
            TransportLog.ConnectionFailed(_logger, e, Describe());
        }
        finally
        {
            await output.CompleteAsync();
        }
    }

    private async Task ReadLoopAsync(PipeReader input)
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync();
                var buffer = result.Buffer;
                try
                {
                    while (FrameCodec.TryRead(ref buffer, _options.MaxFrameBytes, out var header, out var body))
                        Dispatch(header, body);
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted || result.IsCanceled || IsClosing) return;
            }
        }
        catch (InvalidDataException e)
        {
            TransportLog.ProtocolViolation(_logger, e, Describe());
        }
        catch (Exception e) when (IsConnectionError(e))
        {
            TransportLog.ConnectionFailed(_logger, e, Describe());
        }
        finally
        {
            await input.CompleteAsync();
        }
    }

    private void Dispatch(Envelope header, ReadOnlySequence<byte> body)
    {
        try
        {
            _handler.OnFrame(this, header, body);
        }
        catch (Exception e) when (e is not InvalidDataException)
        {
            // A bug in one message must not take the connection and every call on it down.
            TransportLog.FrameHandlingFailed(_logger, e, header.Kind.ToString(), Describe());
        }
    }

    private void Finish()
    {
        while (_outgoing.Reader.TryRead(out var frame))
        {
            _handler.OnUnsent(frame, new SiloUnavailableException($"The connection {Describe()} closed before the message was sent."));
            frame.Release();
        }

        _closed.TrySetResult();
    }

    private string Describe() => $"{(IsOutbound ? "to" : "from")} {Peer?.ToString() ?? "an unidentified silo"}";

    private static bool IsConnectionError(Exception e) =>
        e is IOException or SocketException or ConnectionResetException or ConnectionAbortedException
            or ObjectDisposedException or OperationCanceledException or InvalidOperationException;
}
