using Microsoft.Extensions.Logging;

namespace OrderCluster.Runtime.Cluster.Membership;

/// <summary>Membership log messages; event ids 2100-2199.</summary>
internal static partial class MembershipLog
{
    [LoggerMessage(2100, LogLevel.Information, "Silo {Silo} is {Status} in cluster {Cluster}")]
    public static partial void StatusWritten(ILogger logger, string silo, string status, string cluster);

    [LoggerMessage(2101, LogLevel.Information, "Ring changed: {Count} active silos ({Silos})")]
    public static partial void RingChanged(ILogger logger, int count, string silos);

    [LoggerMessage(2102, LogLevel.Warning, "Silo {Silo} missed {Missed} probes; voting it suspect")]
    public static partial void Suspecting(ILogger logger, string silo, int missed);

    [LoggerMessage(2103, LogLevel.Warning, "Declared silo {Silo} dead with {Votes} votes")]
    public static partial void DeclaredDead(ILogger logger, string silo, int votes);

    [LoggerMessage(2104, LogLevel.Critical, "This silo ({Silo}) was declared dead by the cluster; stopping")]
    public static partial void DeclaredDeadByCluster(ILogger logger, string silo);

    [LoggerMessage(2105, LogLevel.Warning, "Waiting to reach active silos before joining: {Silos}")]
    public static partial void WaitingForSilos(ILogger logger, string silos);

    [LoggerMessage(2106, LogLevel.Error, "Membership loop {Loop} failed")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string loop);

    [LoggerMessage(2107, LogLevel.Information, "Silo {Silo} is dead: failed {Calls} calls sent to it, released its timer leases")]
    public static partial void PeerGone(ILogger logger, string silo, int calls);

    [LoggerMessage(2108, LogLevel.Information, "Removed {Count} rows of long-dead silos")]
    public static partial void CleanedUp(ILogger logger, int count);

    [LoggerMessage(2109, LogLevel.Information, "Deactivating {Count} grains that moved to other silos")]
    public static partial void GrainsMoved(ILogger logger, int count);
}
