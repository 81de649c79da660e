using OrderCluster.Runtime.CodeGeneration;

namespace OrderCluster.Runtime.Grains;

/// <summary>Creates grain references (generated proxies) bound to the silo's call invoker.</summary>
internal sealed class GrainFactory(GrainTypeRegistry registry, IGrainCallInvoker invoker) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        var grainId = new GrainId(registry.GetGrainType(typeof(TGrainInterface)), key);
        return (TGrainInterface)registry.GetProxyFactory(typeof(TGrainInterface))(grainId, invoker);
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IGrain
    {
        if (grainId.IsDefault) throw new ArgumentException("The grain id is empty.", nameof(grainId));
        return (TGrainInterface)registry.GetProxyFactory(typeof(TGrainInterface))(grainId, invoker);
    }
}
