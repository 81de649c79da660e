namespace OrderCluster.Runtime;

/// <summary>
/// The identity of a grain: its grain type (for example <c>order</c>) and a string key.
/// Equal ids always address the same virtual actor, on whichever silo it lives.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    private readonly int _hashCode;

    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        if (type.Contains('/'))
            throw new ArgumentException("A grain type cannot contain '/'.", nameof(type));
        Type = type;
        Key = key;
        _hashCode = HashCode.Combine(StringComparer.Ordinal.GetHashCode(type), StringComparer.Ordinal.GetHashCode(key));
    }

    /// <summary>The grain type name, for example <c>order</c>.</summary>
    public string Type { get; }

    /// <summary>The grain's key within its type.</summary>
    public string Key { get; }

    /// <summary>True for <c>default(GrainId)</c>.</summary>
    public bool IsDefault => Type is null;

    /// <summary>
    /// A hash that is the same in every process and every run (unlike <see cref="GetHashCode"/>):
    /// placement and durable-timer ownership are decided by it.
    /// </summary>
    public uint GetUniformHash() => StableHash.Compute(Type, Key);

    public bool Equals(GrainId other) =>
        _hashCode == other._hashCode && string.Equals(Type, other.Type, StringComparison.Ordinal)
        && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    public override int GetHashCode() => _hashCode;

    public override string ToString() => $"{Type}/{Key}";

    /// <summary>Parses the <c>type/key</c> form produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/');
        if (slash <= 0)
            throw new FormatException($"'{value}' is not a grain id; expected 'type/key'.");
        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);
}
