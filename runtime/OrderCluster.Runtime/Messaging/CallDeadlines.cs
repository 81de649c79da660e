using System.Diagnostics;
using OrderCluster.Runtime.CodeGeneration;

namespace OrderCluster.Runtime.Messaging;

/// <summary>Stamps calls with their send time and deadline, and describes a missed deadline.</summary>
internal sealed class CallDeadlines(TimeProvider time)
{
    private readonly bool _systemClock = ReferenceEquals(time, TimeProvider.System);

    public TimeProvider Time => time;

    public void Stamp(GrainRequest request)
    {
        var now = time.GetTimestamp();
        // Latency is measured on the real clock; on the system clock one reading serves both.
        request.SentTimestamp = _systemClock ? now : Stopwatch.GetTimestamp();
        request.DeadlineTimestamp = now + (long)(request.Timeout.TotalSeconds * time.TimestampFrequency);
    }

    public static TimeoutException TimeoutFor(GrainRequest request) =>
        new($"{request.Method.DisplayName} on {request.Target} did not complete within {request.Timeout}. It may still run; it was not retried.");
}
