using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderCluster.TestGrains;

/// <summary>Source-generated JSON contracts of the test grains' state, arguments and results (web defaults, as the runtime writes).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CounterState))]
[JsonSerializable(typeof(ProducerState))]
[JsonSerializable(typeof(NumberedEvent))]
[JsonSerializable(typeof(RecorderState))]
[JsonSerializable(typeof(StreamProgress))]
[JsonSerializable(typeof(PoisonEvent))]
[JsonSerializable(typeof(FlakyEvent))]
[JsonSerializable(typeof(LedgerEntry))]
[JsonSerializable(typeof(LedgerState))]
[JsonSerializable(typeof(Dictionary<string, decimal>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<long>))]
[JsonSerializable(typeof(PoisonState))]
[JsonSerializable(typeof(TimerState))]
[JsonSerializable(typeof(SerialReport))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(IReadOnlyList<RecordedTick>))]
[JsonSerializable(typeof(IReadOnlyList<DurableTimerInfo>))]
public sealed partial class TestGrainsJsonContext : JsonSerializerContext;
