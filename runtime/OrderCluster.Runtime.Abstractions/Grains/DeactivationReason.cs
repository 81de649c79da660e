namespace OrderCluster.Runtime;

/// <summary>Why an activation is going away.</summary>
public enum DeactivationReasonCode
{
    /// <summary>The grain asked (<see cref="Grain.DeactivateOnIdle"/>).</summary>
    ApplicationRequested,

    /// <summary>The grain was idle for longer than its collection age.</summary>
    IdleCollection,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>A state write lost a version race; the activation reloads on its next call.</summary>
    StateConflict,

    /// <summary>Another silo owns the grain now.</summary>
    OwnershipMoved,

    /// <summary>An operator asked through the dashboard or API.</summary>
    Operator,
}

/// <summary>Why an activation is being deactivated, with a human description.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description)
{
    public override string ToString() => $"{Code}: {Description}";
}
