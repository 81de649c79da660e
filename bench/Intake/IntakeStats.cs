namespace OrderCluster.Bench.Intake;

/// <summary>What one integration saw in the measured slices; written by that integration's loop only, merged when it is done.</summary>
internal sealed class IntakeStats
{
    /// <summary>First sends of a create.</summary>
    public LatencyHistogram Create { get; } = new();

    /// <summary>Creates sent again with the same Idempotency-Key (the simulated retries and retries after a transient failure).</summary>
    public LatencyHistogram Retry { get; } = new();

    /// <summary>Allocation (stock reservation) requests, when the silo serves them.</summary>
    public LatencyHistogram Reserve { get; } = new();

    /// <summary>The baseline: <c>GET /healthz</c> on the same server and connections.</summary>
    public LatencyHistogram Health { get; } = new();

    /// <summary>Responses by request kind and status code (e.g. <c>create 201</c>), failures by exception type.</summary>
    public Dictionary<string, long> Outcomes { get; } = new(StringComparer.Ordinal);

    public long OrdersCreated { get; set; }

    public long HealthRequests { get; set; }

    public long SimulatedRetries { get; set; }

    public long TransientRetries { get; set; }

    public long RetriesReplayed { get; set; }

    /// <summary>A retry that did not answer the first response's order id (a duplicate or a lost order).</summary>
    public long RetriesWithAnotherOrder { get; set; }

    public long ReservationsMade { get; set; }

    public void Count(string outcome) => Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;

    public static IntakeStats Merge(IReadOnlyCollection<IntakeStats> parts)
    {
        var merged = new IntakeStats();
        merged.Create.AddAll(parts.Select(p => p.Create));
        merged.Retry.AddAll(parts.Select(p => p.Retry));
        merged.Reserve.AddAll(parts.Select(p => p.Reserve));
        merged.Health.AddAll(parts.Select(p => p.Health));
        foreach (var (outcome, count) in parts.SelectMany(p => p.Outcomes)) merged.Outcomes[outcome] = merged.Outcomes.GetValueOrDefault(outcome) + count;
        merged.OrdersCreated = parts.Sum(p => p.OrdersCreated);
        merged.HealthRequests = parts.Sum(p => p.HealthRequests);
        merged.SimulatedRetries = parts.Sum(p => p.SimulatedRetries);
        merged.TransientRetries = parts.Sum(p => p.TransientRetries);
        merged.RetriesReplayed = parts.Sum(p => p.RetriesReplayed);
        merged.RetriesWithAnotherOrder = parts.Sum(p => p.RetriesWithAnotherOrder);
        merged.ReservationsMade = parts.Sum(p => p.ReservationsMade);
        return merged;
    }
}
