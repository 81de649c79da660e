using System.Collections.Frozen;
using OrderCluster.Runtime.CodeGeneration;

namespace OrderCluster.Runtime.Grains;

/// <summary>
/// What the generated manifests registered, indexed for the call path: interface → proxy factory and
/// grain class, grain type → class, method id → method. Built once at start; read-only afterwards.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly FrozenDictionary<Type, GrainInterfaceRegistration> _interfaces;
    private readonly FrozenDictionary<Type, GrainClassRegistration> _classByInterface;
    private readonly FrozenDictionary<string, GrainClassRegistration> _classByType;
    private readonly FrozenDictionary<uint, GrainMethod> _methods;

    public GrainTypeRegistry(GrainManifestBuilder manifest)
    {
        _interfaces = manifest.Interfaces
            .GroupBy(i => i.InterfaceType)
            .ToFrozenDictionary(g => g.Key, g => g.First());

        var duplicateTypes = manifest.GrainClasses.GroupBy(c => c.GrainType, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (duplicateTypes.Count > 0)
            throw new InvalidOperationException("Grain type names must be unique: " + string.Join("; ",
                duplicateTypes.Select(g => $"'{g.Key}' is used by {string.Join(" and ", g.Select(c => c.GrainClass.FullName))}")));
        _classByType = manifest.GrainClasses.ToFrozenDictionary(c => c.GrainType, StringComparer.Ordinal);

        var byInterface = new Dictionary<Type, GrainClassRegistration>();
        var ambiguous = new HashSet<Type>();
        foreach (var grainClass in manifest.GrainClasses)
        foreach (var iface in grainClass.Interfaces)
            if (!byInterface.TryAdd(iface, grainClass)) ambiguous.Add(iface);
        foreach (var iface in ambiguous) byInterface.Remove(iface); // reachable by GrainId only
        _classByInterface = byInterface.ToFrozenDictionary();

        var methods = new Dictionary<uint, GrainMethod>();
        foreach (var method in manifest.Interfaces.SelectMany(i => i.Methods))
        {
            if (methods.TryGetValue(method.Id, out var existing) && existing.Signature != method.Signature)
                throw new InvalidOperationException($"Grain methods {existing.Signature} and {method.Signature} hash to the same id; rename one.");
            methods.TryAdd(method.Id, method);
        }

        _methods = methods.ToFrozenDictionary();
    }

    public IEnumerable<GrainClassRegistration> GrainClasses => _classByType.Values;

    public GrainClassRegistration GetClass(string grainType) =>
        _classByType.TryGetValue(grainType, out var registration)
            ? registration
            : throw new InvalidOperationException($"No grain class has grain type '{grainType}'. Was its assembly added with AddGrains?");

    public bool TryGetClass(string grainType, out GrainClassRegistration registration) =>
        _classByType.TryGetValue(grainType, out registration!);

    public string GetGrainType(Type grainInterface) =>
        _classByInterface.TryGetValue(grainInterface, out var registration)
            ? registration.GrainType
            : throw new InvalidOperationException(_interfaces.ContainsKey(grainInterface)
                ? $"No single grain class implements {grainInterface.FullName}: none does, or several do (address those by GrainId)."
                : $"{grainInterface.FullName} is not a known grain interface. Was its assembly added with AddGrains?");

    public Func<GrainId, IGrainCallInvoker, object> GetProxyFactory(Type grainInterface) =>
        _interfaces.TryGetValue(grainInterface, out var registration)
            ? registration.ProxyFactory
            : throw new InvalidOperationException($"{grainInterface.FullName} is not a known grain interface. Was its assembly added with AddGrains?");

    public bool TryGetMethod(uint id, out GrainMethod method) => _methods.TryGetValue(id, out method!);
}
