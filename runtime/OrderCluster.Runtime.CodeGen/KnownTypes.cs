namespace OrderCluster.Runtime.CodeGen;

/// <summary>Metadata names of the runtime types the generator recognises.</summary>
internal static class KnownTypes
{
    public const string Grain = "OrderCluster.Runtime.Grain";
    public const string IGrain = "OrderCluster.Runtime.IGrain";
    public const string IGrainWithStringKey = "OrderCluster.Runtime.IGrainWithStringKey";
    public const string IGrainContext = "OrderCluster.Runtime.IGrainContext";
    public const string IGrainFactory = "OrderCluster.Runtime.IGrainFactory";
    public const string IPersistentState = "OrderCluster.Runtime.IPersistentState`1";
    public const string GrainTypeAttribute = "OrderCluster.Runtime.GrainTypeAttribute";
    public const string ReentrantAttribute = "OrderCluster.Runtime.ReentrantAttribute";
    public const string ReadOnlyAttribute = "OrderCluster.Runtime.ReadOnlyAttribute";
    public const string AlwaysInterleaveAttribute = "OrderCluster.Runtime.AlwaysInterleaveAttribute";
    public const string ResponseTimeoutAttribute = "OrderCluster.Runtime.ResponseTimeoutAttribute";
    public const string CollectionAgeLimitAttribute = "OrderCluster.Runtime.CollectionAgeLimitAttribute";
    public const string PersistentStateAttribute = "OrderCluster.Runtime.PersistentStateAttribute";
    public const string ImmutableAttribute = "OrderCluster.Runtime.ImmutableAttribute";
}
