using System.Runtime.CompilerServices;

namespace OrderCluster.Runtime;

/// <summary>
/// A 32-bit hash of strings that never changes between processes or versions (MurmurHash3 x86_32
/// over UTF-16 code units). Placement rings and timer ownership depend on it, so it must stay fixed.
/// </summary>
public static class StableHash
{
    private const uint Seed = 0x9747b28c;

    /// <summary>Hashes <paramref name="type"/>, a separator and <paramref name="key"/>.</summary>
    public static uint Compute(string type, string key)
    {
        var h = Seed;
        h = Mix(h, type);
        h = MixBlock(h, '/');
        h = Mix(h, key);
        return Finish(h, (uint)(type.Length + 1 + key.Length) * 2);
    }

    /// <summary>Hashes one string.</summary>
    public static uint Compute(string value) => Finish(Mix(Seed, value), (uint)value.Length * 2);

    private static uint Mix(uint h, string value)
    {
        foreach (var c in value) h = MixBlock(h, c);
        return h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint MixBlock(uint h, uint block)
    {
        var k = block * 0xcc9e2d51;
        k = (k << 15) | (k >> 17);
        k *= 0x1b873593;
        h ^= k;
        h = (h << 13) | (h >> 19);
        return h * 5 + 0xe6546b64;
    }

    private static uint Finish(uint h, uint length)
    {
        h ^= length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
