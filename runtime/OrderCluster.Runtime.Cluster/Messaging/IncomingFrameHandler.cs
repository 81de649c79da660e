using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.Cluster.Hosting;
using OrderCluster.Runtime.Cluster.Membership;
using OrderCluster.Runtime.Cluster.Transport;
using OrderCluster.Runtime.Cluster.Transport.Wire;
using OrderCluster.Runtime.Grains;
using OrderCluster.Runtime.Messaging;
using OrderCluster.Runtime.Placement;
using OrderCluster.Runtime.State;

namespace OrderCluster.Runtime.Cluster.Messaging;

/// <summary>
/// What a silo does with the frames it receives: requests go to the local catalog when this silo owns the grain,
/// are passed on to the owner (at most <see cref="ClusterOptions.MaxForwardCount"/> times) when the views differ
/// during a membership change, or are refused as retryable; responses and pongs complete what was sent; pings are
/// answered; a membership notice triggers a table read.
/// </summary>
internal sealed class IncomingFrameHandler : IFrameHandler
{
    private readonly ConnectionManager _connections;
    private readonly RemoteCallSender _sender;
    private readonly Catalog _catalog;
    private readonly GrainTypeRegistry _registry;
    private readonly IClusterView _view;
    private readonly CallDeadlines _deadlines;
    private readonly MembershipRefresh _refresh;
    private readonly ClusterOptions _options;
    private readonly ILogger<IncomingFrameHandler> _logger;

    public IncomingFrameHandler(ConnectionManager connections, RemoteCallSender sender, Catalog catalog, GrainTypeRegistry registry,
        IClusterView view, CallDeadlines deadlines, MembershipRefresh refresh, GrainJsonOptions json, IOptions<ClusterOptions> options,
        ILogger<IncomingFrameHandler> logger)
    {
        _connections = connections;
        _sender = sender;
        _catalog = catalog;
        _registry = registry;
        _view = view;
        _deadlines = deadlines;
        _refresh = refresh;
        _options = options.Value;
        _logger = logger;
        JsonOptions = json.Options;
        connections.Handler = this;
    }

    public JsonSerializerOptions JsonOptions { get; }

    /// <summary>Test hook: a silo whose listener stopped answering (probes go unanswered, nothing else changes).</summary>
    internal bool IgnorePings { get; set; }

    public void OnFrame(SiloConnection connection, Envelope header, ReadOnlySequence<byte> body)
    {
        switch (header.Kind)
        {
            case MessageKind.Request:
                OnRequest(connection, header, body);
                break;
            case MessageKind.Response or MessageKind.Pong:
                _sender.OnResponse(header, body);
                break;
            case MessageKind.Ping:
                if (!IgnorePings) Reply(connection, new Envelope { Kind = MessageKind.Pong, CorrelationId = header.CorrelationId });
                break;
            case MessageKind.Hello:
                OnHello(connection, header);
                break;
            case MessageKind.MembershipChanged:
                _refresh.Request();
                break;
        }
    }

    public void OnUnsent(OutgoingFrame frame, Exception reason) => _sender.OnUnsent(frame.PendingId, reason);

    private void OnHello(SiloConnection connection, Envelope header)
    {
        var local = _view.LocalSilo.ToString();
        if (header.TargetSilo != local)
        {
            // The caller knew an earlier run of this address: its view is stale, and so is anything it would send.
            TransportLog.WrongSilo(_logger, header.Sender, header.TargetSilo, local);
            connection.Close();
            return;
        }

        connection.Peer = SiloAddress.Parse(header.Sender);
    }

    private void OnRequest(SiloConnection connection, Envelope header, ReadOnlySequence<byte> body)
    {
        if (!_registry.TryGetMethod(header.MethodId, out var method))
        {
            Reply(connection, Error(header.CorrelationId, new InvalidOperationException(
                $"No grain method has id {header.MethodId}: the calling silo runs code this silo does not have.")));
            return;
        }

        var request = method.CreateRequest();
        request.CorrelationId = header.CorrelationId;
        request.Route = connection;
        try
        {
            var reader = new Utf8JsonReader(body);
            request.ReadArguments(ref reader, JsonOptions);
            request.Target = new GrainId(header.TargetType, header.TargetKey);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            request.TryFail(new ArgumentException($"The arguments of {method.DisplayName} could not be read: {e.Message}", e));
            return;
        }

        request.ForwardCount = (byte)Math.Min(header.ForwardCount, byte.MaxValue);
        request.Timeout = TimeSpan.FromMilliseconds(header.TimeoutMs);
        _deadlines.Stamp(request);
        Deliver(request);
    }

    private void Deliver(CodeGeneration.GrainRequest request)
    {
        try
        {
            var owner = _view.Ring.OwnerOf(request.Target);
            if (owner is null || owner.Equals(_view.LocalSilo))
            {
                _catalog.Deliver(request);
            }
            else if (request.ForwardCount < _options.MaxForwardCount)
            {
                request.ForwardCount++;
                _sender.Send(owner, request);
            }
            else
            {
                request.TryFail(new SiloUnavailableException(
                    $"{request.Target} was passed on {request.ForwardCount} times without reaching its owner; the ring is still moving."));
            }
        }
        catch (Exception e)
        {
            request.TryFail(e);
        }
    }

    private static Envelope Error(long correlationId, Exception error) => new()
    {
        Kind = MessageKind.Response, CorrelationId = correlationId, Status = ResponseStatus.Error, Error = ExceptionCodec.Encode(error),
    };

    private static void Reply(SiloConnection connection, Envelope header)
    {
        var frame = FrameCodec.Encode(header);
        if (!connection.TryEnqueue(frame)) frame.Release();
    }
}
