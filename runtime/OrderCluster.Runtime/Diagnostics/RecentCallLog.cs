using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.CodeGeneration;

namespace OrderCluster.Runtime.Diagnostics;

/// <summary>How many finished grain calls the recent-calls log keeps (configuration: set by the dashboard).</summary>
public sealed class RecentCallLogOptions
{
    /// <summary>Calls kept, newest first; 0 turns the log off (one branch per call). Default: 0 (the dashboard sets 4,096).</summary>
    public int Capacity { get; set; }
}

/// <summary>One finished grain call, as the recent-calls log saw it.</summary>
public sealed record RecentCall(GrainId GrainId, string Method, DateTimeOffset StartedAt, TimeSpan Duration, string? Error);

/// <summary>
/// A bounded log of the last finished grain calls of this silo, written on the call path. Each processor writes its own
/// stripe (a fixed array of structs, no allocation, one uncontended increment), so a call costs a few stores. A reader
/// copies entries and keeps only those whose sequence number did not change while it read them (a writer lapping a
/// reader shows up as a skipped entry, never as a torn one).
/// </summary>
public sealed class RecentCallLog
{
    private readonly Stripe[] _stripes;
    private readonly int _stripeMask;
    private readonly TimeProvider _time;

    public RecentCallLog(IOptions<RecentCallLogOptions> options, TimeProvider time)
    {
        _time = time;
        var capacity = Math.Max(0, options.Value.Capacity);
        if (capacity == 0)
        {
            _stripes = [];
            return;
        }

        var stripes = (int)Math.Min(64, BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount));
        var perStripe = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity / stripes));
        _stripes = Enumerable.Range(0, stripes).Select(_ => new Stripe(perStripe)).ToArray();
        _stripeMask = stripes - 1;
    }

    /// <summary>True when calls are recorded.</summary>
    public bool IsEnabled => _stripes.Length > 0 && !IsPaused;

    /// <summary>Stops (true) or resumes recording without dropping what was kept (the dashboard benchmark's baseline slices).</summary>
    public bool IsPaused { get; set; }

    /// <summary>Records a finished call (the runtime calls this once per call, after it ran).</summary>
    internal void Record(GrainId grainId, GrainMethod method, long startTimestamp, Exception? failure)
    {
        var stripes = _stripes;
        if (stripes.Length == 0 || IsPaused) return;
        stripes[Thread.GetCurrentProcessorId() & _stripeMask].Write(grainId, method, startTimestamp, Stopwatch.GetTimestamp(), failure);
    }

    /// <summary>The most recent calls (of one grain when <paramref name="grainId"/> is given), newest first.</summary>
    public IReadOnlyList<RecentCall> Snapshot(GrainId? grainId = null, int limit = 50)
    {
        var found = new List<Entry>();
        foreach (var stripe in _stripes) stripe.CopyTo(found, grainId);
        var nowTimestamp = Stopwatch.GetTimestamp();
        var now = _time.GetUtcNow();
        return found.OrderByDescending(e => e.StartTimestamp).Take(limit).Select(e => new RecentCall(e.GrainId, e.Method!.DisplayName,
                now - Stopwatch.GetElapsedTime(e.StartTimestamp, nowTimestamp), Stopwatch.GetElapsedTime(e.StartTimestamp, e.EndTimestamp),
                e.Failure?.Name))
            .ToList();
    }

    private struct Entry
    {
        public long Sequence;
        public GrainId GrainId;
        public GrainMethod? Method;
        public long StartTimestamp;
        public long EndTimestamp;
        public Type? Failure;
    }

    /// <summary>One processor's ring and its counter (a padded struct, so counters of different cores never share a cache line).</summary>
    private sealed class Stripe(int capacity)
    {
        private readonly Entry[] _entries = new Entry[capacity];
        private readonly int _mask = capacity - 1;
        private PaddedCounter _next;

        public void Write(GrainId grainId, GrainMethod method, long start, long end, Exception? failure)
        {
            var sequence = Interlocked.Increment(ref _next.Value);
            ref var entry = ref _entries[sequence & _mask];
            Volatile.Write(ref entry.Sequence, 0); // being written: readers skip it
            entry.GrainId = grainId;
            entry.Method = method;
            entry.StartTimestamp = start;
            entry.EndTimestamp = end;
            entry.Failure = failure?.GetType();
            Volatile.Write(ref entry.Sequence, sequence);
        }

        public void CopyTo(List<Entry> found, GrainId? grainId)
        {
            for (var i = 0; i < _entries.Length; i++)
            {
                ref var slot = ref _entries[i];
                var before = Volatile.Read(ref slot.Sequence);
                if (before == 0) continue;
                var copy = slot;
                if (Volatile.Read(ref slot.Sequence) != before || copy.Method is null) continue;
                if (grainId is { } wanted && !copy.GrainId.Equals(wanted)) continue;
                found.Add(copy);
            }
        }
    }

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedCounter
    {
        [FieldOffset(64)]
        public long Value;
    }
}
