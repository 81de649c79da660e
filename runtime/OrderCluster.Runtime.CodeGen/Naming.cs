namespace OrderCluster.Runtime.CodeGen;

/// <summary>Deterministic names for generated types (identical across builds and machines).</summary>
internal static class Naming
{
    /// <summary><c>global::Ns.IFoo</c> → <c>Ns_IFoo</c>.</summary>
    public static string Mangle(string fullName)
    {
        var name = fullName.StartsWith("global::") ? fullName.Substring(8) : fullName;
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (!char.IsLetterOrDigit(chars[i])) chars[i] = '_';
        return new string(chars);
    }

    /// <summary>FNV-1a: string.GetHashCode is randomized per process, so it cannot name types.</summary>
    public static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = unchecked((hash ^ c) * 16777619u);
        return hash;
    }
}
