using System.Data.Common;

namespace OrderCluster.Runtime.Streams;

/// <summary>
/// Failures that say the cluster or the database could not do the work at that moment, not that the event is bad: a
/// timeout, a silo that cannot be reached, a call whose silo died before answering, a lost state race, or a database
/// error the driver marks transient (PostgreSQL restarting, a dropped connection). Checked through inner exceptions,
/// since a consumer usually fails because a call it made failed.
/// </summary>
internal static class TransientFailures
{
    public static bool Includes(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or SiloUnavailableException or GrainCallOutcomeUnknownException or InconsistentStateException
                or DbException { IsTransient: true })
                return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Includes)) return true;
        }

        return false;
    }
}
