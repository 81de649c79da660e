using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Runtime.Cluster.Hosting;
using OrderCluster.Runtime.Cluster.Messaging;
using OrderCluster.Runtime.Membership;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Runtime.Cluster.Membership;

/// <summary>
/// Probes the next few active silos (in address order, so every silo is watched by several others) every probe
/// interval. A peer that misses enough probes in a row gets a timestamped suspicion vote in the table; when fresh
/// votes from distinct silos reach <see cref="ClusterOptions.VotesToDeclareDead"/> (or every other active silo, when
/// fewer exist), the voter that completes the count writes it Dead.
/// </summary>
internal sealed class FailureDetector(
    IMembershipTable table, ClusterView view, MembershipAgent agent, RemoteCallSender sender, TimeProvider time,
    IOptions<ClusterOptions> options, ILogger<FailureDetector> logger)
{
    private readonly ClusterOptions _options = options.Value;
    private readonly ConcurrentDictionary<SiloAddress, int> _missed = new();

    /// <summary>Starts probing on the agent's loop runner (stops with it).</summary>
    public Task StartAsync() => agent.RunLoopAsync("probes", ProbeOnceAsync, _options.ProbeInterval);

    /// <summary>The peers this silo watches: the next <see cref="ClusterOptions.ProbedSilos"/> active silos after it.</summary>
    public IReadOnlyList<SiloAddress> ProbeTargets()
    {
        var active = view.Snapshot.Entries.Where(e => e.Status == MemberStatus.Active).Select(e => e.Silo).Order().ToList();
        var others = active.Where(s => !s.Equals(view.LocalSilo)).ToList();
        if (others.Count <= _options.ProbedSilos) return others;
        var after = others.Where(s => s.CompareTo(view.LocalSilo) > 0).Concat(others.Where(s => s.CompareTo(view.LocalSilo) < 0));
        return after.Take(_options.ProbedSilos).ToList();
    }

    private async Task ProbeOnceAsync(CancellationToken cancellationToken)
    {
        if (agent.DeclaredDead) return;
        var targets = ProbeTargets();
        foreach (var gone in _missed.Keys.Except(targets)) _missed.TryRemove(gone, out _);
        var answers = await Task.WhenAll(targets.Select(t => sender.PingAsync(t, _options.ProbeTimeout)));
        for (var i = 0; i < targets.Count; i++)
        {
            if (answers[i])
            {
                _missed[targets[i]] = 0;
                continue;
            }

            var missed = _missed.AddOrUpdate(targets[i], 1, (_, m) => m + 1);
            if (missed < _options.MissedProbesForSuspicion) continue;
            MembershipLog.Suspecting(logger, targets[i].ToString(), missed);
            await VoteAsync(targets[i], cancellationToken);
        }
    }

    /// <summary>Adds this silo's vote against <paramref name="suspect"/>; declares it dead when the votes suffice.</summary>
    internal async Task VoteAsync(SiloAddress suspect, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = await table.ReadAsync(agent.Cluster, cancellationToken);
            var entry = snapshot.Find(suspect);
            if (entry is null || entry.Status == MemberStatus.Dead) return;

            var now = time.GetUtcNow();
            var votes = entry.Suspicions
                .Where(v => now - v.At < _options.SuspicionVoteExpiration && !v.By.Equals(view.LocalSilo))
                .Append(new SuspicionVote(view.LocalSilo, now))
                .ToList();
            var voters = snapshot.Entries.Count(e => e.Status == MemberStatus.Active && !e.Silo.Equals(suspect));
            var required = Math.Min(_options.VotesToDeclareDead, Math.Max(1, voters));
            var dead = votes.Count >= required;
            var updated = entry with { Status = dead ? MemberStatus.Dead : entry.Status, Suspicions = votes };
            if (!await table.TryWriteAsync(agent.Cluster, updated, snapshot.Version, cancellationToken)) continue;

            if (dead) MembershipLog.DeclaredDead(logger, suspect.ToString(), votes.Count);
            agent.NotifyPeers(await agent.RefreshAsync(cancellationToken));
            return;
        }
    }
}
