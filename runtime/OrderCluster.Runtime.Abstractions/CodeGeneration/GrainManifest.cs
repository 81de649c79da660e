using System.ComponentModel;

namespace OrderCluster.Runtime.CodeGeneration;

/// <summary>Names the generated manifest provider of an assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GrainManifestProviderAttribute(Type providerType) : Attribute
{
    public Type ProviderType { get; } = providerType;
}

/// <summary>Generated once per assembly: registers the assembly's grain interfaces and grain classes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainManifestProvider
{
    void Populate(GrainManifestBuilder manifest);
}

/// <summary>A grain interface: its proxy factory and its methods.</summary>
public sealed record GrainInterfaceRegistration(
    Type InterfaceType,
    Func<GrainId, IGrainCallInvoker, object> ProxyFactory,
    IReadOnlyList<GrainMethod> Methods);

/// <summary>A grain class: its grain type name, the interfaces it implements, its factory and scheduling options.</summary>
public sealed record GrainClassRegistration(
    string GrainType,
    Type GrainClass,
    IReadOnlyList<Type> Interfaces,
    Func<IServiceProvider, IGrainContext, Grain> Factory,
    bool IsReentrant,
    TimeSpan? CollectionAge)
{
    /// <summary>The names of the class's <c>[PersistentState]</c> states (the dashboard reads them by name).</summary>
    public IReadOnlyList<string> PersistentStates { get; init; } = [];
}

/// <summary>Collects what the generated providers register.</summary>
public sealed class GrainManifestBuilder
{
    private readonly List<GrainInterfaceRegistration> _interfaces = [];
    private readonly List<GrainClassRegistration> _classes = [];

    public IReadOnlyList<GrainInterfaceRegistration> Interfaces => _interfaces;

    public IReadOnlyList<GrainClassRegistration> GrainClasses => _classes;

    public void AddInterface<TInterface>(Func<GrainId, IGrainCallInvoker, TInterface> proxyFactory, params GrainMethod[] methods)
        where TInterface : class, IGrain =>
        _interfaces.Add(new GrainInterfaceRegistration(typeof(TInterface), proxyFactory, methods));

    public void AddGrainClass<TGrain>(string grainType, Func<IServiceProvider, IGrainContext, TGrain> factory,
        bool isReentrant, double? collectionAgeMinutes, params Type[] interfaces)
        where TGrain : Grain =>
        _classes.Add(new GrainClassRegistration(grainType, typeof(TGrain), interfaces, factory, isReentrant,
            collectionAgeMinutes is { } m ? TimeSpan.FromMinutes(m) : null));

    /// <summary>Records the persistent state names of grain class <paramref name="grainType"/> (emitted after its <see cref="AddGrainClass{TGrain}"/>).</summary>
    public void AddPersistentStates(string grainType, params string[] stateNames)
    {
        var i = _classes.FindLastIndex(c => c.GrainType == grainType);
        if (i >= 0) _classes[i] = _classes[i] with { PersistentStates = stateNames };
    }

    /// <summary>Adds what the generated provider of <paramref name="assembly"/> registers (nothing if it has none).</summary>
    public GrainManifestBuilder AddAssembly(System.Reflection.Assembly assembly)
    {
        foreach (var attribute in assembly.GetCustomAttributes(typeof(GrainManifestProviderAttribute), false))
        {
            var provider = (IGrainManifestProvider)Activator.CreateInstance(((GrainManifestProviderAttribute)attribute).ProviderType)!;
            provider.Populate(this);
        }

        return this;
    }
}
