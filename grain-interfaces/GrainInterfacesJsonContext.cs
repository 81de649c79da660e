using System.Text.Json;
using System.Text.Json.Serialization;
using OrderCluster.GrainInterfaces.Samples;

namespace OrderCluster.GrainInterfaces;

/// <summary>Source-generated JSON contracts of the grain messages, results and state in this assembly.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SampleCounter))]
[JsonSerializable(typeof(SampleReminderStatus))]
public sealed partial class GrainInterfacesJsonContext : JsonSerializerContext;
