namespace OrderCluster.Deployment.Tests;

/// <summary><c>helm lint</c> and the values schema.</summary>
[Collection(ChartCollection.Name)]
public sealed class ChartLintTests(ChartFixture chart)
{
    [Fact]
    public void HelmLint_PassesWithDefaultValues()
    {
        var result = chart.Helm("lint", "--strict", chart.ChartDirectory);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", result.Output);
    }

    [Fact]
    public void HelmLint_PassesWithProductionValues()
    {
        var result = chart.Helm("lint", "--strict", chart.ChartDirectory, "-f", chart.ProductionValues);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("1 chart(s) linted, 0 chart(s) failed", result.Output);
    }

    [Theory]
    [InlineData("kind=Job", "/kind")]
    [InlineData("replicas=3", "replicas")]
    [InlineData("podAntiAffinity=maybe", "/podAntiAffinity")]
    [InlineData("logging.format=xml", "/logging/format")]
    [InlineData("cluster.probeInterval=1s", "/cluster/probeInterval")]
    [InlineData("shutdown.marginSeconds=2", "/shutdown/marginSeconds")]
    [InlineData("podSecurityContext.runAsUser=0", "/podSecurityContext/runAsUser")]
    [InlineData("extraEnv.not-an-env-name=1", "'not-an-env-name' does not match pattern")]
    public void Schema_RejectsAnInvalidValueAndNamesIt(string setting, string reported)
    {
        var result = chart.TryTemplate("--set", setting);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("values don't meet the specifications of the schema", result.StdErr);
        Assert.Contains(reported, result.StdErr);
    }

    [Fact]
    public void Notes_RenderAndTellWhichSecretToCreate()
    {
        var result = chart.Helm("install", "--dry-run=client", ChartFixture.Release, chart.ChartDirectory);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("create secret generic ordercluster-postgres", result.StdOut);
        Assert.Contains("each silo gets 35 s to stop", result.StdOut);
    }
}
