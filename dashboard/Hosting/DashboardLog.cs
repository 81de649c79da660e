using Microsoft.Extensions.Logging;

namespace OrderCluster.Dashboard.Hosting;

/// <summary>The dashboard's log messages; event ids 5000-5099.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(5000, LogLevel.Warning, "Dashboard sample failed")]
    public static partial void SampleFailed(ILogger logger, Exception exception);

    [LoggerMessage(5001, LogLevel.Warning,
        "Dashboard disabled: cluster mode needs Dashboard:Username and Dashboard:Password (or Dashboard:AllowAnonymous=true)")]
    public static partial void DisabledWithoutCredentials(ILogger logger);

    [LoggerMessage(5002, LogLevel.Information, "Dashboard at /dashboard ({Mode})")]
    public static partial void Serving(ILogger logger, string mode);

    [LoggerMessage(5003, LogLevel.Debug, "Silo {Silo} did not answer the dashboard: {Reason}")]
    public static partial void PeerUnreachable(ILogger logger, string silo, string reason);

    [LoggerMessage(5004, LogLevel.Information, "Dashboard sign-in of {User} {Outcome}")]
    public static partial void SignIn(ILogger logger, string user, string outcome);

    [LoggerMessage(5005, LogLevel.Warning, "Dashboard action by {User}: {Action}")]
    public static partial void Action(ILogger logger, string user, string action);
}
