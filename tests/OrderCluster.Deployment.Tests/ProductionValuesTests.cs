namespace OrderCluster.Deployment.Tests;

/// <summary>values-production.yaml renders the production shape it promises.</summary>
[Collection(ChartCollection.Name)]
public sealed class ProductionValuesTests(ChartFixture chart)
{
    [Fact]
    public void Production_RunsAtLeastThreeSilosUnderAnHpa()
    {
        var manifests = chart.Render("-f", chart.ProductionValues);

        var hpa = manifests.Named("HorizontalPodAutoscaler", ChartFixture.FullName);
        Assert.Equal(3, hpa.Int("spec", "minReplicas"));
        Assert.Equal(12, hpa.Int("spec", "maxReplicas"));
        Assert.False(manifests.Silo.Has("spec", "replicas"));
    }

    [Fact]
    public void Production_RequiresOneSiloPerNode()
    {
        var pod = chart.Render("-f", chart.ProductionValues).SiloPodSpec;

        var required = Assert.Single(pod.Get("affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution").EnumerateArray());
        Assert.Equal("kubernetes.io/hostname", required.Str("topologyKey"));
        Assert.Equal("silo", required.Str("labelSelector", "matchLabels", "app.kubernetes.io/component"));
    }

    [Fact]
    public void Production_ReadsAnExternalSecretAndRunsNoDatabase()
    {
        var manifests = chart.Render("-f", chart.ProductionValues);

        Assert.Equal("ordercluster-db", manifests.SiloEnv("Storage__ConnectionString").Str("valueFrom", "secretKeyRef", "name"));
        Assert.Empty(manifests.OfKind("Secret"));
        Assert.Single(manifests.OfKind("StatefulSet"));
    }

    [Fact]
    public void Production_SizesTheSilosAndComputesALongerGracePeriod()
    {
        var manifests = chart.Render("-f", chart.ProductionValues);

        var resources = manifests.SiloContainer.Get("resources");
        Assert.Equal("1", resources.Str("requests", "cpu"));
        Assert.Equal("1Gi", resources.Str("requests", "memory"));
        Assert.Equal("1Gi", resources.Str("limits", "memory"));
        Assert.False(resources.Get("limits").Has("cpu"));
        Assert.Equal(10 + 30 + 15, manifests.SiloPodSpec.Int("terminationGracePeriodSeconds"));
        Assert.Equal("00:00:30", manifests.ConfigMapData.Str("Runtime__ShutdownDrainTimeout"));
    }
}
