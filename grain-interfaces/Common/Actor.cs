namespace OrderCluster.GrainInterfaces.Common;

/// <summary>
/// Who performs a command: a user or an integration's API key, with the roles it holds. Every mutating
/// command carries one; audit entries and events record it.
/// </summary>
public sealed record Actor
{
    /// <summary>The stable id of the user or integration (the audit trail's "who").</summary>
    public required string UserId { get; init; }

    /// <summary>The name shown in timelines; the user id when empty.</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>Roles such as <c>order-manager</c> or <c>finance</c>; workflow transitions and approval levels name them.</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>The cluster itself: durable timers (SLA warnings and breaches) act in its name.</summary>
    public static Actor System { get; } = new() { UserId = "system", DisplayName = "OrderCluster", Roles = ["system"] };

    public bool HasRole(string role) => Roles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));

    public bool IsSameUserAs(Actor other) => string.Equals(UserId, other.UserId, StringComparison.Ordinal);

    public override string ToString() => DisplayName.Length > 0 ? $"{DisplayName} ({UserId})" : UserId;
}
