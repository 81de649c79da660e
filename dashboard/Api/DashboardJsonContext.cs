using System.Text.Json;
using System.Text.Json.Serialization;
using OrderCluster.Dashboard.Cluster;
using OrderCluster.Dashboard.Collection;
using OrderCluster.Runtime.Diagnostics;

namespace OrderCluster.Dashboard.Api;

/// <summary>The dashboard's JSON contracts (source-generated, camelCase), for its API, its live stream and silo-to-silo requests.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ClusterSnapshot))]
[JsonSerializable(typeof(SiloReport))]
[JsonSerializable(typeof(SiloHistory))]
[JsonSerializable(typeof(ClusterHistory))]
[JsonSerializable(typeof(MeView))]
[JsonSerializable(typeof(GrainLookup))]
[JsonSerializable(typeof(LocalGrainReport))]
[JsonSerializable(typeof(DeactivationResult))]
[JsonSerializable(typeof(PeerDeactivation))]
[JsonSerializable(typeof(StreamsView))]
[JsonSerializable(typeof(StreamRedriveOutcome))]
[JsonSerializable(typeof(IReadOnlyList<GrainTypeInfo>))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
