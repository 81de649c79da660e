using System.Text.Json.Serialization;

namespace OrderCluster.TestGrains;

/// <summary>Source-generated JSON contracts of the test grains' state, arguments and results.</summary>
[JsonSerializable(typeof(CounterState))]
[JsonSerializable(typeof(PoisonState))]
[JsonSerializable(typeof(TimerState))]
[JsonSerializable(typeof(SerialReport))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(IReadOnlyList<RecordedTick>))]
[JsonSerializable(typeof(IReadOnlyList<DurableTimerInfo>))]
public sealed partial class TestGrainsJsonContext : JsonSerializerContext;
