namespace OrderCluster.Runtime.CodeGeneration;

/// <summary>Scheduling properties of a grain method, from its attributes.</summary>
[Flags]
public enum GrainMethodFlags
{
    None = 0,

    /// <summary><see cref="ReadOnlyAttribute"/>: interleaves with other read-only requests.</summary>
    ReadOnly = 1,

    /// <summary><see cref="AlwaysInterleaveAttribute"/>: interleaves with everything.</summary>
    AlwaysInterleave = 2,
}

/// <summary>
/// Generated description of one grain interface method: its stable id (used on the wire), its
/// scheduling flags and deadline, and a factory for its request object.
/// </summary>
public sealed class GrainMethod
{
    private readonly Func<GrainRequest> _factory;

    public GrainMethod(Type interfaceType, string name, string signature, GrainMethodFlags flags, double? timeoutSeconds,
        Func<GrainRequest> factory)
    {
        InterfaceType = interfaceType;
        Name = name;
        Signature = signature;
        Flags = flags;
        ResponseTimeout = timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
        _factory = factory;
        DisplayName = $"{interfaceType.Name}.{name}";
        Id = StableHash.Compute(signature);
    }

    /// <summary>The interface that declares the method.</summary>
    public Type InterfaceType { get; }

    /// <summary>The method name.</summary>
    public string Name { get; }

    /// <summary>The full signature, e.g. <c>Ns.IOrderGrain.Place(Ns.PlaceOrder)</c>: identifies the method across silos.</summary>
    public string Signature { get; }

    /// <summary><c>IOrderGrain.Place</c>: used in metrics and logs.</summary>
    public string DisplayName { get; }

    /// <summary>A stable 32-bit hash of <see cref="Signature"/>, sent on the wire.</summary>
    public uint Id { get; }

    public GrainMethodFlags Flags { get; }

    public bool IsReadOnly => (Flags & GrainMethodFlags.ReadOnly) != 0;

    public bool AlwaysInterleave => (Flags & GrainMethodFlags.AlwaysInterleave) != 0;

    /// <summary>The deadline from <see cref="ResponseTimeoutAttribute"/>, if any.</summary>
    public TimeSpan? ResponseTimeout { get; }

    /// <summary>A new, empty request for this method (the receiving side of a remote call fills it).</summary>
    public GrainRequest CreateRequest() => _factory();

    public override string ToString() => DisplayName;
}
