using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>
/// SLA deadlines of an order, as pure state changes (the grain turns them into durable timers). A deadline starts
/// when the order enters its rule's start state, is met when it enters a meeting state in time, is breached when
/// its time passes first (escalating the priority one level and requesting a notification), and is cancelled when
/// the order ends elsewhere. Times are whole milliseconds, as the timers store them.
/// </summary>
internal static class OrderSla
{
    public const string NotificationTemplate = "sla-breached";

    private static readonly TimeSpan TimerTolerance = TimeSpan.FromSeconds(1);

    public static void OnStateEntered(OrderChange change, string state)
    {
        var workflow = change.Context.Workflow;
        foreach (var deadline in ActiveDeadlines(change))
        {
            if (RulesOf(change, deadline.Kind).Any(r => r.MetStates.Contains(state))) Meet(change, deadline);
            else if (OrderWorkflow.IsTerminal(workflow, state)) Cancel(change, deadline);
        }

        var started = new HashSet<string>(change.State.Sla.Where(d => d.IsActive).Select(d => d.Kind));
        foreach (var rule in change.Context.SlaPolicy.Rules.Where(r => r.StartState == state))
            if (started.Add(rule.Kind) && Applicable(change, rule.Kind) is { } applicable) Start(change, applicable);
    }

    /// <summary>After a priority change: running deadlines follow the rule for the new priority, from when they started.</summary>
    public static void Reschedule(OrderChange change)
    {
        foreach (var deadline in ActiveDeadlines(change))
        {
            if (Applicable(change, deadline.Kind) is not { } rule || rule.Within == deadline.Within) continue;
            var due = Truncate(deadline.StartedAt + rule.Within);
            var warnAt = WarnTime(change, deadline.StartedAt, rule.Within);
            Replace(change, deadline, deadline with { Within = rule.Within, DueAt = due, WarnAt = warnAt });
            change.Raise(new SlaDeadlineRescheduled
            {
                DeadlineId = deadline.DeadlineId, Kind = deadline.Kind, DueAt = due, WarnAt = warnAt, PreviousDueAt = deadline.DueAt,
            });
        }
    }

    /// <summary>
    /// A durable timer of <paramref name="deadlineId"/> fired. Only the clock decides whether the warning or the
    /// deadline has come (a tick of a moved or ended deadline, or any other stray tick, changes nothing); the tolerance
    /// absorbs the difference between the timer's clock and the wall clock.
    /// </summary>
    public static void OnTimer(OrderChange change, string deadlineId, bool warning)
    {
        var deadline = change.State.Sla.FirstOrDefault(d => d.DeadlineId == deadlineId);
        if (deadline is not { IsActive: true }) return;
        if (warning)
        {
            if (deadline.Status == SlaStatus.Pending && change.Now >= deadline.WarnAt - TimerTolerance) Warn(change, deadline);
        }
        else if (change.Now >= deadline.DueAt - TimerTolerance)
        {
            Breach(change, deadline, metAt: null);
        }
    }

    private static void Start(OrderChange change, SlaRule rule)
    {
        var number = change.State.SlaIssued + 1;
        var startedAt = Truncate(change.Now);
        var deadline = new SlaDeadline
        {
            DeadlineId = $"{rule.Kind}-{number}",
            Kind = rule.Kind,
            Status = SlaStatus.Pending,
            Within = rule.Within,
            StartedAt = startedAt,
            DueAt = Truncate(startedAt + rule.Within),
            WarnAt = WarnTime(change, startedAt, rule.Within),
        };
        change.Update(s => s with { Sla = s.Sla.Add(deadline), SlaIssued = number });
        change.Raise(new SlaDeadlineStarted { DeadlineId = deadline.DeadlineId, Kind = deadline.Kind, DueAt = deadline.DueAt, WarnAt = deadline.WarnAt });
    }

    private static void Meet(OrderChange change, SlaDeadline deadline)
    {
        if (change.Now > deadline.DueAt)
        {
            // Reached the meeting state after the deadline, before its timer was handled: a breach, completed late.
            Breach(change, deadline, metAt: change.Now);
            return;
        }

        Replace(change, deadline, deadline with { Status = SlaStatus.Met, MetAt = change.Now });
        change.Raise(new SlaDeadlineMet { DeadlineId = deadline.DeadlineId, Kind = deadline.Kind, DueAt = deadline.DueAt, MetAt = change.Now });
        Report(change, deadline, SlaOutcome.Met, change.Now);
    }

    private static void Cancel(OrderChange change, SlaDeadline deadline)
    {
        Replace(change, deadline, deadline with { Status = SlaStatus.Cancelled, CancelledAt = change.Now });
        change.Raise(new SlaDeadlineCancelled { DeadlineId = deadline.DeadlineId, Kind = deadline.Kind, DueAt = deadline.DueAt });
    }

    private static void Warn(OrderChange change, SlaDeadline deadline)
    {
        Replace(change, deadline, deadline with { Status = SlaStatus.Warned, WarnedAt = deadline.WarnAt });
        change.Raise(new SlaWarningRaised { DeadlineId = deadline.DeadlineId, Kind = deadline.Kind, DueAt = deadline.DueAt, WarnAt = deadline.WarnAt });
    }

    private static void Breach(OrderChange change, SlaDeadline deadline, DateTimeOffset? metAt)
    {
        var policy = change.Context.SlaPolicy;
        Replace(change, deadline, deadline with { Status = SlaStatus.Breached, BreachedAt = deadline.DueAt, MetAt = metAt });
        var from = change.State.Priority;
        OrderPriority? escalated = policy.EscalateOnBreach && from < OrderPriority.Urgent ? from + 1 : null;
        change.Raise(new SlaBreached { DeadlineId = deadline.DeadlineId, Kind = deadline.Kind, DueAt = deadline.DueAt, EscalatedTo = escalated });
        Report(change, deadline, SlaOutcome.Breached, deadline.DueAt);
        if (!policy.EscalateOnBreach) return;

        if (escalated is { } to)
        {
            change.Update(s => s with { Priority = to });
            change.Raise(new PriorityChanged { From = from, To = to, Reason = $"SLA {deadline.Kind} breached at {deadline.DueAt:O}" });
            Reschedule(change);
        }

        change.Raise(new NotificationRequested
        {
            Template = NotificationTemplate,
            AudienceRole = policy.NotifyRole,
            Subject = $"Order {change.State.OrderId} missed its {deadline.Kind} deadline ({deadline.DueAt:O})",
        });
    }

    private static void Report(OrderChange change, SlaDeadline deadline, SlaOutcome outcome, DateTimeOffset at) =>
        change.Update(s => s with
        {
            PendingSlaReports = s.PendingSlaReports.Add(new SlaOutcomeReport
            {
                OutcomeId = $"{s.OrderId}/{deadline.DeadlineId}",
                OrderId = s.OrderId,
                Kind = deadline.Kind,
                Outcome = outcome,
                DueAt = deadline.DueAt,
                At = at,
            }),
        });

    /// <summary>
    /// The active deadlines, each read afresh as the loop reaches it: handling one (a breach escalates and
    /// reschedules the others) may change the next.
    /// </summary>
    private static IEnumerable<SlaDeadline> ActiveDeadlines(OrderChange change)
    {
        foreach (var id in change.State.Sla.Where(d => d.IsActive).Select(d => d.DeadlineId).ToList())
            if (change.State.Sla.First(d => d.DeadlineId == id) is { IsActive: true } current) yield return current;
    }

    private static void Replace(OrderChange change, SlaDeadline old, SlaDeadline replacement) =>
        change.Update(s => s with { Sla = s.Sla.Replace(s.Sla.First(d => d.DeadlineId == old.DeadlineId), replacement) });

    /// <summary>Every rule of a kind shares its start and meeting states (checked when a policy is published).</summary>
    private static IEnumerable<SlaRule> RulesOf(OrderChange change, string kind) => change.Context.SlaPolicy.Rules.Where(r => r.Kind == kind);

    /// <summary>The first rule of the kind that applies to the order's priority and channel.</summary>
    private static SlaRule? Applicable(OrderChange change, string kind) => RulesOf(change, kind).FirstOrDefault(r =>
        (r.Priorities.IsDefaultOrEmpty || r.Priorities.Contains(change.State.Priority))
        && (r.Channels.IsDefaultOrEmpty || (change.State.Channel is { } c && r.Channels.Contains(c.Kind))));

    private static DateTimeOffset WarnTime(OrderChange change, DateTimeOffset startedAt, TimeSpan within) =>
        Truncate(startedAt + within * change.Context.SlaPolicy.WarningFraction);

    private static DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
