using OrderCluster.Runtime.CodeGeneration;

namespace OrderCluster.Runtime.Grains;

/// <summary>A grain class with its effective settings (attributes merged with configuration).</summary>
internal sealed record GrainClassInfo(GrainClassRegistration Registration, TimeSpan CollectionAge)
{
    public string GrainType => Registration.GrainType;

    public bool IsReentrant => Registration.IsReentrant;
}
