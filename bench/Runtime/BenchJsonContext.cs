using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderCluster.Bench.Runtime;

/// <summary>Source-generated JSON contracts of the bench grains' state and events, as production grains have.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WriterState))]
[JsonSerializable(typeof(Streams.BenchEvent))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
