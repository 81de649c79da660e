using System.Text.Json;
using System.Text.Json.Serialization;
using OrderCluster.Grains.Forecasting;

namespace OrderCluster.Grains.Analytics;

/// <summary>Source-generated JSON contracts of the analytics and forecast grains' state.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(OrderAnalyticsState))]
[JsonSerializable(typeof(ForecastState))]
public sealed partial class AnalyticsJsonContext : JsonSerializerContext;
