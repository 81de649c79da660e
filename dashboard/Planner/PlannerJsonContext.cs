using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderCluster.Dashboard.Planner;

/// <summary>The planner's JSON contracts (source-generated, camelCase, enums as strings).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PlannerSeriesList))]
[JsonSerializable(typeof(PlannerForecast))]
[JsonSerializable(typeof(PlannerKpis))]
internal sealed partial class PlannerJsonContext : JsonSerializerContext;
