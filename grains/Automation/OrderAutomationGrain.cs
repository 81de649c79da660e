using Microsoft.Extensions.Logging;
using OrderCluster.GrainInterfaces.Automation;
using OrderCluster.GrainInterfaces.Notifications;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Automation;

/// <summary>
/// The automation of one order, keyed <c>{tenant}/{orderId}</c>. Everything happens in timer ticks, turns of their own:
/// the order only nudges (an interleaving call), so when this grain calls the order back no call waits on itself.
/// Each tick sends the notification templates of new events, evaluates the rules and runs or schedules their steps.
/// </summary>
internal sealed partial class OrderAutomationGrain(
    [PersistentState("order-automation")] IPersistentState<OrderAutomationState> state,
    TimeProvider time,
    ILogger<OrderAutomationGrain> logger) : Grain, IOrderAutomationGrain
{
    public const string EventsTimer = "events";
    public const string RunTimerPrefix = "run:";
    public const int MaxLog = 500;
    public const int EventsPerTick = 100;

    private static readonly TimeSpan ConfigCacheAge = TimeSpan.FromSeconds(30);

    private DateTimeOffset _configReadAt;
    private bool _tenantHasWork;
    private readonly List<AutomationOutcome> _outcomes = [];

    private TenantKey Key => TenantKeys.Parse(GetPrimaryKeyString(), "orderId");

    public async Task NudgeAsync(long lastEventSequence)
    {
        if (lastEventSequence <= state.State.Cursor) return;
        var now = time.GetUtcNow();
        if (now - _configReadAt > ConfigCacheAge)
        {
            var (rules, templates) = await ConfigAsync();
            _tenantHasWork = rules.Rules.Any(r => r.Enabled) || !templates.Templates.IsEmpty;
            _configReadAt = now;
        }

        if (_tenantHasWork) await RegisterOrUpdateTimerAsync(EventsTimer, TimeSpan.Zero);
    }

    public Task<ImmutableArray<AutomationLogEntry>> GetLogAsync() => Task.FromResult(state.State.Log.ToImmutableArray());

    public async Task ReceiveTimerAsync(DurableTimerTick tick)
    {
        var (rules, templates) = await ConfigAsync();
        var order = GrainFactory.GetGrain<IOrderGrain>(GetPrimaryKeyString());
        var next = state.State;
        if (tick.Name == EventsTimer)
        {
            var events = await order.GetEventsAsync(next.Cursor, EventsPerTick);
            if (events.IsEmpty) return;
            var snapshot = await order.GetAsync();
            foreach (var e in events)
            {
                if (templates.Templates.Any(t => t.EventType == e.EventType)) await NotifyAsync(e);
                foreach (var rule in rules.Rules.Where(r => r.Enabled && r.Trigger.EventType == e.EventType))
                    next = await TriggerAsync(next, rule, e, snapshot);
                next = next with { Cursor = e.Sequence };
            }

            await CommitAsync(next);
            if (events.Length == EventsPerTick) await RegisterOrUpdateTimerAsync(EventsTimer, TimeSpan.Zero);
        }
        else if (tick.Name.StartsWith(RunTimerPrefix, StringComparison.Ordinal)
                 && next.Runs.FirstOrDefault(r => r.RunId == tick.Name[RunTimerPrefix.Length..]) is { } run)
        {
            next = next with { Runs = next.Runs.Remove(run) };
            if (rules.Rules.FirstOrDefault(r => r.RuleId == run.RuleId && r.Enabled) is { } rule
                && (await order.GetEventsAsync(run.EventSequence - 1, 1)).FirstOrDefault() is { } e)
            {
                var snapshot = await order.GetAsync();
                if (run.ConditionPending && !ConditionEvaluator.Holds(rule.Condition, snapshot, e))
                    next = Log(next, rule.RuleId, e.Sequence, 0, AutomationOutcomes.ConditionFalse, $"after {rule.Trigger.Delay}: the condition no longer holds");
                else
                {
                    if (run.ConditionPending) next = next with { RunCounts = next.RunCounts.SetItem(rule.RuleId, next.RunCounts.GetValueOrDefault(rule.RuleId) + 1) };
                    next = await RunStepsAsync(next, rule, e, run.NextStep, resumed: true);
                }
            }

            await CommitAsync(next);
        }

        await ReportAsync();
    }

    /// <summary>Loop protection, then the condition (now, or when a delayed trigger is due), then the steps.</summary>
    private async Task<OrderAutomationState> TriggerAsync(OrderAutomationState s, AutomationRule rule, OrderEvent e, OrderSnapshot order)
    {
        if (e.Actor.UserId == ActorOf(rule).UserId)
            return Log(s, rule.RuleId, e.Sequence, 0, AutomationOutcomes.SkippedLoop, "the event came from this rule's own action");
        var runs = s.RunCounts.GetValueOrDefault(rule.RuleId) + s.Runs.Count(r => r.RuleId == rule.RuleId && r.ConditionPending);
        if (runs >= rule.MaxRunsPerOrder)
            return Log(s, rule.RuleId, e.Sequence, 0, AutomationOutcomes.SkippedLoop, $"the rule ran {runs} times on this order (at most {rule.MaxRunsPerOrder})");
        if (rule.Trigger.Delay is { } delay)
            return Schedule(s, rule, e.Sequence, 0, e.OccurredAt + delay, conditionPending: true, $"the condition is checked at {(e.OccurredAt + delay):O}");
        if (!ConditionEvaluator.Holds(rule.Condition, order, e))
            return Log(s, rule.RuleId, e.Sequence, 0, AutomationOutcomes.ConditionFalse, "the condition does not hold");
        s = s with { RunCounts = s.RunCounts.SetItem(rule.RuleId, s.RunCounts.GetValueOrDefault(rule.RuleId) + 1) };
        return await RunStepsAsync(s, rule, e, 0, resumed: false);
    }

    /// <summary>Runs steps from <paramref name="from"/> until one waits (scheduled on a timer) or one fails (the run stops).</summary>
    private async Task<OrderAutomationState> RunStepsAsync(OrderAutomationState s, AutomationRule rule, OrderEvent e, int from, bool resumed)
    {
        for (var i = from; i < rule.Steps.Length; i++)
        {
            var step = rule.Steps[i];
            if (step.Delay > TimeSpan.Zero && !(resumed && i == from))
                return Schedule(s, rule, e.Sequence, i, time.GetUtcNow() + step.Delay, conditionPending: false, $"step {i + 1} ({step.Kind}) waits {step.Delay}");
            var what = $"{step.Kind} {step.Value}";
            if (rule.DryRun)
            {
                s = Log(s, rule.RuleId, e.Sequence, i, AutomationOutcomes.DryRun, $"would {what}");
                continue;
            }

            try
            {
                await AutomationActions.RunAsync(GrainFactory, GetPrimaryKeyString(), ActorOf(rule), rule, step, e);
                s = Log(s, rule.RuleId, e.Sequence, i, AutomationOutcomes.Executed, what);
            }
            catch (DomainException ex)
            {
                AutomationLog.StepFailed(logger, GetPrimaryKeyString(), rule.RuleId, i, ex.Code, ex.Message);
                return Log(s, rule.RuleId, e.Sequence, i, AutomationOutcomes.Failed, $"{what}: {ex.Message}");
            }
        }

        return s;
    }

    private OrderAutomationState Schedule(OrderAutomationState s, AutomationRule rule, long eventSequence, int step, DateTimeOffset dueAt, bool conditionPending, string detail)
    {
        var run = new PendingRun($"{s.RunsIssued + 1}", rule.RuleId, eventSequence, step, dueAt, conditionPending);
        return Log(s with { Runs = s.Runs.Add(run), RunsIssued = s.RunsIssued + 1 }, rule.RuleId, eventSequence, step, AutomationOutcomes.Scheduled, detail);
    }

    private OrderAutomationState Log(OrderAutomationState s, string ruleId, long eventSequence, int step, string outcome, string detail)
    {
        _outcomes.Add(new AutomationOutcome(ruleId, outcome));
        var log = s.Log.Add(new AutomationLogEntry(s.LogIssued + 1, time.GetUtcNow(), ruleId, eventSequence, step, outcome, detail));
        if (log.Count > MaxLog) log = log.RemoveRange(0, log.Count - MaxLog);
        return s with { Log = log, LogIssued = s.LogIssued + 1 };
    }

    /// <summary>Registers the timers of new runs before the state that holds them commits (a tick without its run does nothing).</summary>
    private async Task CommitAsync(OrderAutomationState next)
    {
        foreach (var run in next.Runs.Where(r => !state.State.Runs.Contains(r))) await RegisterOrUpdateTimerAsync(RunTimerPrefix + run.RunId, run.DueAt);
        state.State = next;
        await state.WriteStateAsync();
    }

    private async Task ReportAsync()
    {
        if (_outcomes.Count == 0) return;
        try
        {
            await GrainFactory.GetGrain<IAutomationStatsGrain>(TenantKeys.ForTenant(Key.TenantId)).RecordAsync([.. _outcomes]);
            _outcomes.Clear();
        }
        catch (Exception e)
        {
            AutomationLog.StatsFailed(logger, e, GetPrimaryKeyString());
        }
    }

    private async Task NotifyAsync(OrderEvent e)
    {
        var variables = ImmutableSortedDictionary<string, string>.Empty.Add("type", e.EventType).Add("sequence", e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (e is OrderStatusChanged changed) variables = variables.Add("to", changed.To).Add("from", changed.From ?? "").Add("transition", changed.Transition);
        await GrainFactory.GetGrain<INotificationOutboxGrain>(GetPrimaryKeyString())
            .NotifyAsync(new NotifyRequest { EventType = e.EventType, EventId = $"event-{e.Sequence}", Variables = variables });
    }

    private async Task<(AutomationRules, NotificationTemplates)> ConfigAsync()
    {
        var tenant = TenantKeys.ForTenant(Key.TenantId);
        return (await GrainFactory.GetGrain<IAutomationRulesGrain>(tenant).GetCurrentAsync(),
            await GrainFactory.GetGrain<INotificationTemplatesGrain>(tenant).GetCurrentAsync());
    }

    /// <summary>Who a rule acts as: its own id (so its events are recognised), with the admin role its actions need.</summary>
    public static Actor ActorOf(AutomationRule rule) => new()
    {
        UserId = $"automation:{rule.RuleId}", DisplayName = $"Automation: {rule.Name}", Roles = [GrainInterfaces.Tenants.OrderRoles.Admin],
    };
}
