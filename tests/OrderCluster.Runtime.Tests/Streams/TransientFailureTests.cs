using System.Data.Common;

namespace OrderCluster.Runtime.Tests.Streams;

/// <summary>The shared rule for "the cluster or its database could not do it now" (the API's 503, the streams' long retry).</summary>
public sealed class TransientFailureTests
{
    [Fact]
    public void A_database_error_counts_only_when_the_driver_marks_it_transient()
    {
        Assert.True(TransientFailure.Includes(new InvalidOperationException("activation failed", new Db(transient: true))));
        Assert.False(TransientFailure.Includes(new Db(transient: false))); // a bad query is a bug, not an outage
    }

    [Fact]
    public void Cluster_failures_count_inside_other_exceptions_and_aggregates()
    {
        Assert.True(TransientFailure.Includes(new AggregateException(new ArgumentException("a"), new SiloUnavailableException("b"))));
        Assert.True(TransientFailure.Includes(new InvalidOperationException("x", new GrainCallOutcomeUnknownException("y"))));
        Assert.False(TransientFailure.Includes(new InvalidOperationException("a bug")));
    }

    private sealed class Db(bool transient) : DbException("database error")
    {
        public override bool IsTransient => transient;
    }
}
