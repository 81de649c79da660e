namespace OrderCluster.Deployment.Tests;

/// <summary>PodDisruptionBudget, HorizontalPodAutoscaler and the trial PostgreSQL: each only when asked for.</summary>
[Collection(ChartCollection.Name)]
public sealed class OptionalResourcesTests(ChartFixture chart)
{
    [Fact]
    public void Pdb_LetsOneSiloGoAtATime()
    {
        var manifests = chart.Render();

        var pdb = manifests.Named("PodDisruptionBudget", ChartFixture.FullName);
        Assert.Equal("policy/v1", pdb.Str("apiVersion"));
        Assert.Equal(1, pdb.Int("spec", "maxUnavailable"));
        Assert.Equal(manifests.Silo.StringMap("spec", "selector", "matchLabels"), pdb.StringMap("spec", "selector", "matchLabels"));
    }

    [Fact]
    public void Pdb_CanBeTurnedOff()
    {
        Assert.Empty(chart.Render("--set", "podDisruptionBudget.enabled=false").OfKind("PodDisruptionBudget"));
    }

    [Fact]
    public void Hpa_IsAbsentByDefaultAndTheWorkloadSetsReplicas()
    {
        var manifests = chart.Render();

        Assert.Empty(manifests.OfKind("HorizontalPodAutoscaler"));
        Assert.Equal(2, manifests.Silo.Int("spec", "replicas"));
    }

    [Theory]
    [InlineData("StatefulSet")]
    [InlineData("Deployment")]
    public void Hpa_WhenEnabled_ScalesTheWorkloadOnCpuAndOwnsTheReplicaCount(string kind)
    {
        var manifests = chart.Render("--set", $"kind={kind}", "--set", "autoscaling.enabled=true");

        var hpa = manifests.Named("HorizontalPodAutoscaler", ChartFixture.FullName);
        Assert.Equal("autoscaling/v2", hpa.Str("apiVersion"));
        Assert.Equal(kind, hpa.Str("spec", "scaleTargetRef", "kind"));
        Assert.Equal(ChartFixture.FullName, hpa.Str("spec", "scaleTargetRef", "name"));
        Assert.Equal(2, hpa.Int("spec", "minReplicas"));
        Assert.Equal(6, hpa.Int("spec", "maxReplicas"));
        var metric = Assert.Single(hpa.Get("spec", "metrics").EnumerateArray());
        Assert.Equal("cpu", metric.Str("resource", "name"));
        Assert.Equal(70, metric.Int("resource", "target", "averageUtilization"));
        // A replica count in the workload would fight the HPA on every upgrade.
        Assert.Equal(kind, manifests.Silo.Str("kind"));
        Assert.False(manifests.Silo.Has("spec", "replicas"));
    }

    [Fact]
    public void Hpa_WithoutACpuRequest_IsRefused()
    {
        var result = chart.TryTemplate("--set", "autoscaling.enabled=true", "--set", "resources.requests.cpu=null");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("autoscaling.enabled needs resources.requests.cpu", result.StdErr);
    }

    [Fact]
    public void InChartPostgres_IsAbsentByDefault()
    {
        var manifests = chart.Render();

        Assert.Equal([ChartFixture.FullName], manifests.OfKind("StatefulSet").Select(s => s.Str("metadata", "name")));
        Assert.False(manifests.Has("Service", "orders-ordercluster-postgresql"));
        Assert.DoesNotContain(manifests.Objects, o => o.Str("metadata", "name").Contains("postgresql"));
    }

    [Fact]
    public void InChartPostgres_WhenEnabled_IsOnePodWithAVolumeAndTheSilosPointAtIt()
    {
        var manifests = chart.Render(Scenarios.Arguments("in-chart PostgreSQL", chart));

        const string name = "orders-ordercluster-postgresql";
        var postgres = manifests.Named("StatefulSet", name);
        Assert.Equal(1, postgres.Int("spec", "replicas"));
        var container = Assert.Single(postgres.Get("spec", "template", "spec", "containers").EnumerateArray());
        Assert.Equal("postgres:17", container.Str("image"));
        var claim = Assert.Single(postgres.Get("spec", "volumeClaimTemplates").EnumerateArray());
        Assert.Equal("1Gi", claim.Str("spec", "resources", "requests", "storage"));
        Assert.True(container.Bool("securityContext", "readOnlyRootFilesystem"));
        Assert.True(postgres.Bool("spec", "template", "spec", "securityContext", "runAsNonRoot"));

        var service = manifests.Named("Service", name);
        Assert.Equal(5432, Assert.Single(service.Get("spec", "ports").EnumerateArray()).Int("port"));

        // The password PostgreSQL is initialised with is the one in the silos' connection string.
        var secret = manifests.Named("Secret", name);
        var password = Manifests.SecretValue(secret, "password");
        Assert.Equal(24, password.Length);
        Assert.Equal($"Host={name};Port=5432;Username=ordercluster;Password={password};Database=ordercluster",
            Manifests.SecretValue(secret, "connection-string"));
        var pgPassword = container.Get("env").EnumerateArray().Single(e => e.Str("name") == "POSTGRES_PASSWORD");
        Assert.Equal(name, pgPassword.Str("valueFrom", "secretKeyRef", "name"));
        Assert.Equal("password", pgPassword.Str("valueFrom", "secretKeyRef", "key"));

        var reference = manifests.SiloEnv("Storage__ConnectionString").Get("valueFrom", "secretKeyRef");
        Assert.Equal(name, reference.Str("name"));
        Assert.Equal("connection-string", reference.Str("key"));
    }

    [Fact]
    public void InChartPostgres_UsesAGivenPassword()
    {
        var manifests = chart.Render("--set", "postgresql.enabled=true", "--set", "postgresql.password=trial-pw");

        var secret = manifests.Named("Secret", "orders-ordercluster-postgresql");
        Assert.Equal("trial-pw", Manifests.SecretValue(secret, "password"));
        Assert.Contains(";Password=trial-pw;", Manifests.SecretValue(secret, "connection-string"));
    }
}
