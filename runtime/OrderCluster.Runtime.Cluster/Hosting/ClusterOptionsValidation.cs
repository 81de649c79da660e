using Microsoft.Extensions.Options;

namespace OrderCluster.Runtime.Cluster.Hosting;

/// <summary>Fails start-up with the name of the cluster setting that is wrong.</summary>
internal sealed class ClusterOptionsValidation : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Name) || o.Name.Length > 100) errors.Add("Cluster:Name must have 1 to 100 characters.");
        if (o.SiloPort is < 1 or > 65535) errors.Add($"Cluster:SiloPort must be a TCP port, 1-65535 (was {o.SiloPort}).");
        Positive(errors, "Cluster:ProbeInterval", o.ProbeInterval);
        Positive(errors, "Cluster:ProbeTimeout", o.ProbeTimeout);
        Positive(errors, "Cluster:SuspicionVoteExpiration", o.SuspicionVoteExpiration);
        Positive(errors, "Cluster:HeartbeatInterval", o.HeartbeatInterval);
        Positive(errors, "Cluster:RefreshInterval", o.RefreshInterval);
        if (o.StaleHeartbeatAge <= o.HeartbeatInterval * 3)
            errors.Add("Cluster:StaleHeartbeatAge must be more than three times Cluster:HeartbeatInterval.");
        Positive(errors, "Cluster:JoinTimeout", o.JoinTimeout);
        Positive(errors, "Cluster:DeadSiloCleanupAge", o.DeadSiloCleanupAge);
        Positive(errors, "Cluster:ConnectTimeout", o.ConnectTimeout);
        AtLeast(errors, "Cluster:MissedProbesForSuspicion", o.MissedProbesForSuspicion, 1);
        AtLeast(errors, "Cluster:VotesToDeclareDead", o.VotesToDeclareDead, 1);
        AtLeast(errors, "Cluster:ProbedSilos", o.ProbedSilos, 1);
        AtLeast(errors, "Cluster:MaxFrameBytes", o.MaxFrameBytes, 64 * 1024);
        AtLeast(errors, "Cluster:OutgoingQueueCapacity", o.OutgoingQueueCapacity, 16);
        AtLeast(errors, "Cluster:MaxForwardCount", o.MaxForwardCount, 0);
        AtLeast(errors, "Cluster:MaxResendCount", o.MaxResendCount, 0);
        if (o.SuspicionVoteExpiration <= o.ProbeInterval * o.MissedProbesForSuspicion)
            errors.Add("Cluster:SuspicionVoteExpiration must be longer than Cluster:ProbeInterval times Cluster:MissedProbesForSuspicion.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) errors.Add($"{setting} must be a positive time span (was {value}).");
    }

    private static void AtLeast(List<string> errors, string setting, int value, int minimum)
    {
        if (value < minimum) errors.Add($"{setting} must be at least {minimum} (was {value}).");
    }
}
