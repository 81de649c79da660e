namespace OrderCluster.Runtime;

/// <summary>The runtime's side of one activation: what a grain can ask of the runtime.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    /// <summary>The grain object, once constructed.</summary>
    object? GrainInstance { get; }

    /// <summary>Creates references to other grains.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>The silo's services.</summary>
    IServiceProvider Services { get; }

    /// <summary>Durable timers of this grain.</summary>
    IDurableTimerRegistry Timers { get; }

    /// <summary>
    /// The persistent state named <paramref name="stateName"/> of this grain. It is read before
    /// <see cref="Grain.OnActivateAsync"/> runs. Call during construction (or use
    /// <see cref="PersistentStateAttribute"/> on a constructor parameter).
    /// </summary>
    IPersistentState<TState> GetPersistentState<TState>(string stateName) where TState : new();

    /// <summary>Deactivates the grain once its current work is done.</summary>
    void Deactivate(DeactivationReason reason);
}
