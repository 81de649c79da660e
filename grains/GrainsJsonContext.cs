using System.Text.Json;
using System.Text.Json.Serialization;
using OrderCluster.Grains.Samples;

namespace OrderCluster.Grains;

/// <summary>Source-generated JSON contracts of grain state in this assembly.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SampleCounterState))]
[JsonSerializable(typeof(SampleReminderState))]
public sealed partial class GrainsJsonContext : JsonSerializerContext;
