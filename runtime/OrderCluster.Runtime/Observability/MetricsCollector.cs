using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrderCluster.Runtime.Observability;

/// <summary>
/// Listens to System.Diagnostics.Metrics instruments of the selected meters and aggregates them in
/// process: sums for counters, last values for gauges, bucketed histograms. <c>/metrics</c> and the
/// dashboard read from here.
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    private static readonly double[] SecondsBounds =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly double[] CountBounds = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _series = new();
    private readonly string[] _meterPrefixes;
    private readonly Lock _collectLock = new();

    /// <param name="meterFactory">This silo's meter factory: meters of other silos in the same process are ignored.</param>
    /// <param name="meterPrefixes">Meters whose name starts with one of these are collected.</param>
    public MetricsCollector(IMeterFactory meterFactory, IEnumerable<string> meterPrefixes)
    {
        _meterPrefixes = meterPrefixes.ToArray();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            var meter = instrument.Meter;
            if (meter.Scope is not null && !ReferenceEquals(meter.Scope, meterFactory)) return;
            if (!_meterPrefixes.Any(p => meter.Name.StartsWith(p, StringComparison.Ordinal))) return;
            var series = _series.GetOrAdd(instrument, Describe);
            listener.EnableMeasurementEvents(instrument, series);
        };
        _listener.MeasurementsCompleted = (instrument, _) => _series.TryRemove(instrument, out InstrumentSeries? _);
        _listener.SetMeasurementEventCallback<long>((i, v, tags, state) => OnMeasurement(i, v, tags, state));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, state) => OnMeasurement(i, v, tags, state));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, state) => OnMeasurement(i, v, tags, state));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, state) => OnMeasurement(i, v, tags, state));
        _listener.Start();
    }

    /// <summary>Reads observable instruments, then returns every instrument's series.</summary>
    internal IReadOnlyCollection<InstrumentSeries> Collect()
    {
        lock (_collectLock)
        {
            foreach (var (instrument, series) in _series)
                if (instrument.IsObservable) series.Sums.Clear();
            _listener.RecordObservableInstruments();
            return _series.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        }
    }

    private static void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (state is not InstrumentSeries series) return;
        switch (series.Kind)
        {
            case "histogram": series.Record(value, tags); break;
            case "counter" when !instrument.IsObservable: series.Add(value, tags); break;
            case "gauge" when IsUpDownCounter(instrument): series.Add(value, tags); break;
            default: series.Set(value, tags); break;
        }
    }

    private static InstrumentSeries Describe(Instrument instrument)
    {
        var type = instrument.GetType().GetGenericTypeDefinition();
        var kind = type == typeof(Histogram<>) ? "histogram"
            : type == typeof(Counter<>) || type == typeof(ObservableCounter<>) ? "counter"
            : "gauge";
        var bounds = kind == "histogram" ? (instrument.Unit == "s" || instrument.Unit == "ms" ? SecondsBounds : CountBounds) : null;
        return new InstrumentSeries(kind, instrument.Name, instrument.Unit, instrument.Description, bounds);
    }

    private static bool IsUpDownCounter(Instrument instrument) =>
        instrument.GetType().GetGenericTypeDefinition() == typeof(UpDownCounter<>);

    public void Dispose() => _listener.Dispose();
}
