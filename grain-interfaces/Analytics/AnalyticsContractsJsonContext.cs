using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderCluster.GrainInterfaces.Analytics;

/// <summary>Source-generated JSON contracts of the analytics and forecasting messages (calls between silos, HTTP).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(KpiQuery))]
[JsonSerializable(typeof(KpiPoint))]
[JsonSerializable(typeof(ImmutableArray<KpiPoint>))]
[JsonSerializable(typeof(ImmutableArray<string>))]
[JsonSerializable(typeof(AnalyticsProgress))]
[JsonSerializable(typeof(ImmutableArray<AnalyticsProgress>))]
[JsonSerializable(typeof(Observation))]
[JsonSerializable(typeof(ImmutableArray<Observation>))]
[JsonSerializable(typeof(ForecastView))]
[JsonSerializable(typeof(IssuedForecast))]
[JsonSerializable(typeof(ImmutableArray<IssuedForecast>))]
public sealed partial class AnalyticsContractsJsonContext : JsonSerializerContext;
