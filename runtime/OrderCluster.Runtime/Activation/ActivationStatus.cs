namespace OrderCluster.Runtime.Activation;

/// <summary>Where an activation is in its life.</summary>
internal enum ActivationStatus
{
    /// <summary>Constructing the grain, reading its state, running OnActivateAsync; requests wait.</summary>
    Activating,

    /// <summary>Serving requests.</summary>
    Valid,

    /// <summary>Running OnDeactivateAsync; new requests wait and then go to a new activation.</summary>
    Deactivating,

    /// <summary>Gone from the catalog; requests that reach it are delivered again.</summary>
    Invalid,
}
