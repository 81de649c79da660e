using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderCluster.Runtime.Storage;
using OrderCluster.Runtime.Storage.Memory;

namespace OrderCluster.Runtime.Hosting;

/// <summary>Configures the runtime: which grain assemblies, which JSON contracts, which storage.</summary>
public sealed class RuntimeBuilder
{
    internal RuntimeBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    /// <summary>Registers the grain interfaces and grain classes the code generator found in <paramref name="assembly"/>.</summary>
    public RuntimeBuilder AddGrains(Assembly assembly)
    {
        Services.AddSingleton(new GrainAssembly(assembly));
        return this;
    }

    /// <summary>Adds a source-generated JSON contract (a JsonSerializerContext) for state, arguments and results.</summary>
    public RuntimeBuilder AddJsonTypeInfoResolver(IJsonTypeInfoResolver resolver)
    {
        Services.AddSingleton(resolver);
        return this;
    }

    /// <summary>Keeps state and timers in memory. Tests only: nothing survives the process.</summary>
    public RuntimeBuilder UseInMemoryStorage()
    {
        Services.RemoveAll<IGrainStateStore>();
        Services.RemoveAll<IDurableTimerStore>();
        Services.RemoveAll<IStreamStore>();
        Services.AddSingleton<MemoryGrainStore>();
        Services.AddSingleton<IGrainStateStore>(sp => sp.GetRequiredService<MemoryGrainStore>());
        Services.AddSingleton<IDurableTimerStore>(sp => sp.GetRequiredService<MemoryGrainStore>());
        Services.AddSingleton<IStreamStore>(sp => sp.GetRequiredService<MemoryGrainStore>());
        return this;
    }
}

/// <summary>An assembly whose generated grain manifest the runtime loads.</summary>
internal sealed record GrainAssembly(Assembly Assembly);
