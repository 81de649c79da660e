namespace OrderCluster.Runtime.Observability;

/// <summary>
/// The tags of one measurement, usable as a dictionary key without allocating on lookup
/// (up to three tags are held inline; the runtime never uses more).
/// </summary>
internal readonly struct TagSet : IEquatable<TagSet>
{
    private readonly KeyValuePair<string, object?> _t0, _t1, _t2;
    private readonly KeyValuePair<string, object?>[]? _more;
    private readonly int _count;
    private readonly int _hash;

    public TagSet(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _count = tags.Length;
        var hash = tags.Length;
        foreach (var tag in tags) hash = unchecked(hash * 31 + CheapHash(tag.Key) * 17 + CheapHash(tag.Value));
        _hash = hash;
        if (tags.Length > 3)
        {
            _more = tags.ToArray();
            return;
        }

        if (tags.Length > 0) _t0 = tags[0];
        if (tags.Length > 1) _t1 = tags[1];
        if (tags.Length > 2) _t2 = tags[2];
    }

    public int Count => _count;

    // Runs on every measurement: hash strings by length and a few characters instead of every character.
    // Equal strings still hash equally; the rare collision is settled by Equals.
    private static int CheapHash(object? value) => value switch
    {
        null => 0,
        string { Length: 0 } => 1,
        string s => unchecked(s.Length * 397 ^ s[0] * 31 ^ s[^1] * 7 ^ s[s.Length / 2]),
        _ => value.GetHashCode(),
    };

    public KeyValuePair<string, object?> this[int index] =>
        _more is not null ? _more[index] : index switch { 0 => _t0, 1 => _t1, _ => _t2 };

    /// <summary>The value of tag <paramref name="key"/>, or null.</summary>
    public object? Get(string key)
    {
        for (var i = 0; i < _count; i++)
            if (this[i].Key == key) return this[i].Value;
        return null;
    }

    public bool Equals(TagSet other)
    {
        if (_hash != other._hash || _count != other._count) return false;
        for (var i = 0; i < _count; i++)
        {
            var a = this[i];
            var b = other[i];
            if (!string.Equals(a.Key, b.Key, StringComparison.Ordinal) || !Equals(a.Value, b.Value)) return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is TagSet other && Equals(other);

    public override int GetHashCode() => _hash;
}
