namespace OrderCluster.Silo.Tests;

/// <summary>Finds the built silo next to this test build (same configuration).</summary>
internal static class SiloBinary
{
    private static readonly Lazy<string> Location = new(Find);

    public static string Path => Location.Value;

    private static string Find()
    {
        var testDirectory = AppContext.BaseDirectory;
        var configuration = testDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}")
            ? "Release" : "Debug";
        var root = new DirectoryInfo(testDirectory);
        while (root is not null && !File.Exists(System.IO.Path.Combine(root.FullName, "OrderCluster.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"No OrderCluster.sln above {testDirectory}.");
        var silo = System.IO.Path.Combine(root.FullName, "silo", "bin", configuration, "net10.0", "OrderCluster.Silo.dll");
        return File.Exists(silo) ? silo : throw new FileNotFoundException($"Build the silo first: {silo} is missing.", silo);
    }
}
