using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Orders.Drafts;

/// <summary>
/// Step bookkeeping: a saved step is complete, and the user goes on to the first incomplete step, or to the review
/// once customer, lines and fulfilment are complete (so editing an earlier step returns straight to the review).
/// </summary>
internal static class DraftSteps
{
    public static readonly ImmutableArray<DraftStep> DataSteps = [DraftStep.Customer, DraftStep.Lines, DraftStep.Fulfilment];

    public static bool AllComplete(OrderDraftState draft) => DataSteps.All(draft.Completed.Contains);

    public static OrderDraftState Complete(OrderDraftState draft, DraftStep step)
    {
        var completed = draft.Completed.Contains(step) ? draft.Completed : draft.Completed.Add(step);
        var next = draft with { Completed = completed };
        return next with { CurrentStep = NextStep(next) };
    }

    public static DraftStep NextStep(OrderDraftState draft) =>
        DataSteps.Where(s => !draft.Completed.Contains(s)).Select(s => (DraftStep?)s).FirstOrDefault() ?? DraftStep.Review;

    /// <summary>A step can be opened when it is complete, is the current one, or is the review with everything complete.</summary>
    public static bool CanOpen(OrderDraftState draft, DraftStep step) =>
        step == draft.CurrentStep || draft.Completed.Contains(step) || (step == DraftStep.Review && AllComplete(draft))
        || step == NextStep(draft);
}
