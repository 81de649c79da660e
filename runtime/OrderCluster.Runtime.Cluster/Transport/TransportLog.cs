using Microsoft.Extensions.Logging;

namespace OrderCluster.Runtime.Cluster.Transport;

/// <summary>Transport log messages; event ids 2000-2099.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(2000, LogLevel.Information, "Connection {Connection} failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, string connection);

    [LoggerMessage(2001, LogLevel.Warning, "Connection {Connection} sent an invalid frame; closing it")]
    public static partial void ProtocolViolation(ILogger logger, Exception exception, string connection);

    [LoggerMessage(2002, LogLevel.Error, "Handling a {Kind} frame on connection {Connection} failed")]
    public static partial void FrameHandlingFailed(ILogger logger, Exception exception, string kind, string connection);

    [LoggerMessage(2003, LogLevel.Warning, "Could not connect to silo {Silo}; calls to it fail fast for {Backoff}")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, string silo, TimeSpan backoff);

    [LoggerMessage(2004, LogLevel.Warning, "A connection claiming to be {Sender} meant to reach {Target}, not this silo ({Local}); closing it")]
    public static partial void WrongSilo(ILogger logger, string sender, string target, string local);

    [LoggerMessage(2005, LogLevel.Debug, "Connected to silo {Silo}")]
    public static partial void Connected(ILogger logger, string silo);
}
