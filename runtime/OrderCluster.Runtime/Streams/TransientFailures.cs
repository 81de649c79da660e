using System.Data.Common;

namespace OrderCluster.Runtime.Streams;

/// <summary>
/// Failures that say the cluster or the database could not do the work at that moment, not that the event is bad: a
/// timeout, a silo that cannot be reached, a call whose silo died before answering, a lost state race, or a database
/// error. Any database error counts: one that crossed silos arrives rebuilt from its message, without what told the
/// driver it was transient (a connection dropped by a restarting PostgreSQL looked permanent and was dead-lettered in a
/// chaos run), and an event that truly breaks a query keeps failing visibly (logged, lag growing) rather than being lost.
/// Checked through inner exceptions, since a consumer usually fails because a call it made failed.
/// </summary>
internal static class TransientFailures
{
    /// <summary>Transient types a remote call may deliver as a <see cref="GrainException"/> when it cannot rebuild them.</summary>
    private static readonly HashSet<string> TransientTypeNames =
    [
        typeof(TimeoutException).FullName!, typeof(SiloUnavailableException).FullName!, typeof(GrainCallOutcomeUnknownException).FullName!,
        typeof(InconsistentStateException).FullName!, "Npgsql.NpgsqlException", "Npgsql.PostgresException", "Microsoft.Data.Sqlite.SqliteException",
    ];

    public static bool Includes(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or SiloUnavailableException or GrainCallOutcomeUnknownException or InconsistentStateException or DbException)
                return true;
            if (e is GrainException remote && TransientTypeNames.Contains(remote.OriginalTypeName)) return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Includes)) return true;
        }

        return false;
    }
}
