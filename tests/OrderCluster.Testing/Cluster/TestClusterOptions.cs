using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace OrderCluster.Testing.Cluster;

/// <summary>Settings of a <see cref="TestCluster"/>.</summary>
public sealed class TestClusterOptions
{
    /// <summary>The PostgreSQL database the silos share (a fresh one when null).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The cluster name (a fresh one when null); two test clusters with one name are one cluster.</summary>
    public string? ClusterName { get; set; }

    /// <summary>Assemblies whose grains the silos host.</summary>
    public List<Assembly> GrainAssemblies { get; } = [];

    public List<IJsonTypeInfoResolver> JsonResolvers { get; } = [];

    /// <summary>Configuration for every silo (e.g. <c>Cluster:ProbeInterval</c>).</summary>
    public Dictionary<string, string?> Configuration { get; } = new();

    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Also listen for HTTP on a free loopback port per silo (<see cref="TestClusterSilo.HttpAddress"/>, published in the
    /// membership table), for endpoints such as the dashboard. Default: false (the silo port only).</summary>
    public bool ListenHttp { get; set; }

    /// <summary>Maps endpoints on each silo before it starts (e.g. <c>app =&gt; app.MapDashboard()</c>); with <see cref="ListenHttp"/>.</summary>
    public Action<WebApplication>? ConfigureApp { get; set; }
}
