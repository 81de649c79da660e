using OrderCluster.Runtime.Hosting;
using OrderCluster.Runtime.Lifecycle;
using OrderCluster.Runtime.Membership;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Diagnostics;

/// <summary>What happened to a member, as one silo saw it.</summary>
public enum MembershipEventKind
{
    Joining,
    Active,
    Suspected,
    ShuttingDown,
    Dead,
    Removed,
}

/// <summary>One membership change: a join, a suspicion vote (with its voter), a status change, a death.</summary>
public sealed record MembershipEvent(DateTimeOffset At, SiloAddress Silo, string SiloName, MembershipEventKind Kind, string Detail);

/// <summary>The members of the cluster as this silo sees them, and the changes it saw (bounded, oldest first).</summary>
public interface IClusterDiagnostics
{
    bool IsClustered { get; }

    SiloAddress LocalSilo { get; }

    /// <summary>Every row of the membership table this silo last read (dead silos too, until they are cleaned up).</summary>
    IReadOnlyList<MembershipEntry> Members { get; }

    IReadOnlyList<MembershipEvent> History { get; }
}

/// <summary>A silo that runs alone: itself, active since it started.</summary>
public sealed class StandaloneClusterDiagnostics(IClusterView view, SiloIdentity identity, SiloStatus status) : IClusterDiagnostics
{
    public bool IsClustered => false;

    public SiloAddress LocalSilo => view.LocalSilo;

    public IReadOnlyList<MembershipEntry> Members =>
    [
        new MembershipEntry(view.LocalSilo, status.Current == SiloStatusCode.Active ? MemberStatus.Active
                : status.Current == SiloStatusCode.Starting ? MemberStatus.Joining
                : status.Current == SiloStatusCode.ShuttingDown ? MemberStatus.ShuttingDown : MemberStatus.Dead,
            identity.InstanceId, identity.Name, null, status.StartedAt, DateTimeOffset.UtcNow, []),
    ];

    public IReadOnlyList<MembershipEvent> History =>
        status.StartedAt == default ? [] : [new MembershipEvent(status.StartedAt, view.LocalSilo, identity.Name, MembershipEventKind.Active, "started alone (embedded mode)")];
}
