namespace OrderCluster.Dashboard.Tests.Planner;

/// <summary>The planner's browser and HTTP tests share one <see cref="PlannerCluster"/> (its set-up places orders and feeds a series).</summary>
[CollectionDefinition(Name)]
public sealed class PlannerCollection : ICollectionFixture<PlannerCluster>
{
    public const string Name = "planner";
}
