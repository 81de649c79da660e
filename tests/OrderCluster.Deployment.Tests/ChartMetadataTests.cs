using System.Text.Json;

namespace OrderCluster.Deployment.Tests;

/// <summary>The chart's version and documentation stay in step with the project.</summary>
[Collection(ChartCollection.Name)]
public sealed class ChartMetadataTests(ChartFixture chart)
{
    [Fact]
    public void AppVersion_IsTheSiloProjectsVersion()
    {
        // Evaluation only (no build); MSBuild variables of a surrounding `dotnet test` must not leak in.
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name == "MSBuildExtensionsPath" || name == "MSBuildSDKsPath")
            .ToDictionary(name => name, string? (_) => null);
        var result = ProcessRunner.Run("dotnet",
            ["msbuild", Path.Combine(chart.RepositoryRoot, "silo", "OrderCluster.Silo.csproj"), "-getProperty:Version", "-nologo"],
            environment: environment, workingDirectory: chart.RepositoryRoot, timeout: TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(result.StdOut.Trim(), chart.ChartYamlField("appVersion"));
    }

    [Fact]
    public void EveryValue_IsDescribedInTheSchemaAndListedInTheReadme()
    {
        // values.yaml cannot hold a key the schema lacks (additionalProperties: false, checked by
        // helm lint), so walking the schema covers every value.
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(chart.ChartDirectory, "values.schema.json")));
        var readme = File.ReadAllText(Path.Combine(chart.ChartDirectory, "README.md"));

        var leaves = new List<string>();
        CollectLeaves(schema.RootElement, "", leaves);

        Assert.True(leaves.Count > 50, $"Only {leaves.Count} values found in the schema.");
        var undocumented = leaves.Where(path => !readme.Contains($"| `{path}` |", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, $"Values missing from the README table: {string.Join(", ", undocumented)}");
    }

    private static void CollectLeaves(JsonElement node, string path, List<string> leaves)
    {
        if (path.Length > 0)
            Assert.True(node.TryGetProperty("description", out var description) && description.GetString()!.Length > 0,
                $"The schema has no description for {path}.");
        if (!node.TryGetProperty("properties", out var properties))
        {
            leaves.Add(path);
            return;
        }
        Assert.False(node.GetProperty("additionalProperties").GetBoolean(), $"{(path.Length == 0 ? "The root" : path)} accepts unknown keys.");
        foreach (var property in properties.EnumerateObject())
            CollectLeaves(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", leaves);
    }
}
