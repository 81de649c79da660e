using System.Data.Common;

namespace OrderCluster.Runtime.Streams;

/// <summary>
/// Delivery failures that say the cluster or the database could not do the work at that moment, not that the event is
/// bad: every <see cref="TransientFailure"/>, a lost state race, and any database error. Any database error counts: one
/// that crossed silos arrives rebuilt from its message, without what told the driver it was transient (a connection dropped by a restarting PostgreSQL looked permanent and was dead-lettered in a
/// chaos run), and an event that truly breaks a query keeps failing visibly (logged, lag growing) rather than being lost.
/// </summary>
internal static class TransientDeliveryFailures
{
    /// <summary>Transient types a remote call may deliver as a <see cref="GrainException"/> when it cannot rebuild them.</summary>
    private static readonly HashSet<string> TransientTypeNames =
    [
        typeof(TimeoutException).FullName!, typeof(SiloUnavailableException).FullName!, typeof(GrainCallOutcomeUnknownException).FullName!,
        typeof(InconsistentStateException).FullName!, "Npgsql.NpgsqlException", "Npgsql.PostgresException", "Microsoft.Data.Sqlite.SqliteException",
    ];

    public static bool Includes(Exception failure) => TransientFailure.Includes(failure) || TransientFailure.Any(failure, e =>
        e is InconsistentStateException or DbException || (e is GrainException remote && TransientTypeNames.Contains(remote.OriginalTypeName)));
}
