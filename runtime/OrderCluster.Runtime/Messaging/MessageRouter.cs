using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Runtime.Activation;
using OrderCluster.Runtime.CodeGeneration;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Messaging;

/// <summary>
/// Sends each call where its grain lives: to this silo's catalog when the ring says this silo owns the grain
/// (always, when the silo is alone), otherwise to the owner through the cluster transport.
/// </summary>
internal sealed class MessageRouter(IClusterView view, Catalog catalog, IServiceProvider services)
{
    private IRemoteCallSender? _remote;
    private bool _remoteResolved;

    public IClusterView View => view;

    /// <summary>Delivers <paramref name="request"/> locally or remotely. Throws when it cannot be sent at all.</summary>
    public void Route(GrainRequest request)
    {
        if (!view.IsClustered)
        {
            catalog.Deliver(request);
            return;
        }

        var owner = view.Ring.OwnerOf(request.Target);
        if (owner is null || owner.Equals(view.LocalSilo) || Remote is not { } remote) catalog.Deliver(request);
        else remote.Send(owner, request);
    }

    /// <summary>Delivers again a request whose activation went away before running it; a failure goes to its caller.</summary>
    public void Reroute(GrainRequest request)
    {
        try
        {
            Route(request);
        }
        catch (Exception e)
        {
            request.TryFail(e);
        }
    }

    private IRemoteCallSender? Remote
    {
        get
        {
            if (_remoteResolved) return _remote;
            _remote = services.GetService<IRemoteCallSender>();
            _remoteResolved = true;
            return _remote;
        }
    }
}
