using System.Data.Common;

namespace OrderCluster.Runtime;

/// <summary>
/// Failures that say the cluster or its database could not do the work at that moment, not that the work is wrong: a
/// grain call that timed out, a silo that cannot be reached, a call whose silo died before answering, or a database error
/// the driver marks transient (PostgreSQL restarting, a dropped connection). Checked through inner exceptions, since a
/// caller usually fails because a call it made failed. The API answers these 503 with Retry-After; streams retry them
/// longer before a dead letter.
/// </summary>
public static class TransientFailure
{
    public static bool Includes(Exception failure) => Any(failure, e =>
        e is TimeoutException or SiloUnavailableException or GrainCallOutcomeUnknownException or DbException { IsTransient: true });

    /// <summary>True when <paramref name="failure"/>, an exception inside it, or one of an aggregate's matches.</summary>
    public static bool Any(Exception failure, Func<Exception, bool> match)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (match(e)) return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(inner => Any(inner, match))) return true;
        }

        return false;
    }
}
