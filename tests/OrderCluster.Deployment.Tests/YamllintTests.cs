namespace OrderCluster.Deployment.Tests;

/// <summary>yamllint (with helm/.yamllint) on the chart's own YAML and on what it renders.</summary>
[Collection(ChartCollection.Name)]
public sealed class YamllintTests(ChartFixture chart)
{
    [Fact]
    public void ChartYamlFiles_PassYamllint()
    {
        // Chart.yaml, values.yaml, values-production.yaml and the config itself; templates/ are ignored.
        var result = chart.Yamllint(null, "--strict", "-f", "parsable", "-c", chart.YamllintConfig, ".");

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public void YamllintConfig_StillChecksTheValuesFiles()
    {
        // Guards the config's ignore rule: it must skip templates/ only, not the chart's YAML.
        var copy = Path.Combine(Path.GetTempPath(), $"ordercluster-yamllint-{Guid.NewGuid():N}");
        var chartCopy = Path.Combine(copy, "ordercluster");
        Directory.CreateDirectory(Path.Combine(chartCopy, "templates"));
        try
        {
            File.Copy(chart.YamllintConfig, Path.Combine(copy, ".yamllint"));
            File.WriteAllText(Path.Combine(chartCopy, "values.yaml"), File.ReadAllText(Path.Combine(chart.ChartDirectory, "values.yaml")) + "extra: value \n");
            File.WriteAllText(Path.Combine(chartCopy, "templates", "x.yaml"), "{{- if .Values.x }}\n");

            var result = chart.Yamllint(null, "--strict", "-f", "parsable", "-c", Path.Combine(copy, ".yamllint"), copy);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("values.yaml", result.StdOut);
            Assert.Contains("trailing-spaces", result.StdOut);
            Assert.DoesNotContain("x.yaml", result.StdOut);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("production")]
    [InlineData("in-chart PostgreSQL")]
    [InlineData("chart-created Secret")]
    [InlineData("Deployment with HPA and extra env")]
    public void RenderedManifests_PassYamllint(string scenario)
    {
        var rendered = chart.Template(Scenarios.Arguments(scenario, chart));

        // Standard input: the config's ignore rule for templates/ does not apply to it.
        var result = chart.Yamllint(rendered, "--strict", "-f", "parsable", "-c", chart.YamllintConfig, "-");

        Assert.True(result.ExitCode == 0, result.Output);
    }
}

/// <summary>Named sets of values that several tests render.</summary>
internal static class Scenarios
{
    public static string[] Arguments(string scenario, ChartFixture chart) => scenario switch
    {
        "default" => [],
        "production" => ["-f", chart.ProductionValues],
        "in-chart PostgreSQL" => ["--set", "postgresql.enabled=true"],
        "chart-created Secret" => ["--set", "storage.connectionString=Host=db;Username=u;Password=secret-pw;Database=orders"],
        "Deployment with HPA and extra env" =>
        [
            "--set", "kind=Deployment", "--set", "autoscaling.enabled=true",
            "--set", "extraEnv.Metrics__Enabled=true",
            "--set", "extraSecretEnv.Dashboard__Password.secretName=dash",
            "--set", "extraSecretEnv.Dashboard__Password.key=password",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
    };
}
