using System.Data.Common;
using OrderCluster.Runtime.Streams;

namespace OrderCluster.Runtime.Tests.Streams;

/// <summary>Which delivery failures are retried long (the work could not be done then) and which count toward the dead-letter limit.</summary>
public sealed class TransientDeliveryFailuresTests
{
    public static TheoryData<Exception> Transient() => new()
    {
        new TimeoutException("the call did not complete"),
        new SiloUnavailableException("the silo cannot be reached"),
        new GrainCallOutcomeUnknownException("the silo died before answering"),
        new InvalidOperationException("the projection failed", new TestDbException("Exception while reading from stream")),
        new GrainException("Npgsql.NpgsqlException", "Exception while reading from stream"), // a database error from another silo, not rebuilt
        new AggregateException(new ArgumentException("a"), new TimeoutException("b")),
    };

    public static TheoryData<Exception> Permanent() => new()
    {
        new InvalidOperationException("event 2 of s is poison"),
        new GrainException("MyApp.PoisonException", "the event is bad"),
        new ArgumentException("bad payload", new FormatException("not a number")),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void A_failure_of_the_cluster_or_the_database_is_transient(Exception failure) => Assert.True(TransientDeliveryFailures.Includes(failure));

    [Theory]
    [MemberData(nameof(Permanent))]
    public void A_failure_of_the_consumer_itself_is_not(Exception failure) => Assert.False(TransientDeliveryFailures.Includes(failure));

    private sealed class TestDbException(string message) : DbException(message);
}
