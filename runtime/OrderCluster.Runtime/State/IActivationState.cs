namespace OrderCluster.Runtime.State;

/// <summary>State an activation loads before <see cref="Grain.OnActivateAsync"/> runs.</summary>
internal interface IActivationState
{
    string StateName { get; }

    Task LoadAsync(CancellationToken cancellationToken);
}
