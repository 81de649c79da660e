using System.Text.Json.Serialization;

namespace OrderCluster.Bench.Runtime;

/// <summary>Source-generated JSON contract of the bench grains' state, as production grains have.</summary>
[JsonSerializable(typeof(WriterState))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
