namespace OrderCluster.Deployment.Tests;

/// <summary>Where Storage__ConnectionString comes from: always a Secret, never a ConfigMap.</summary>
[Collection(ChartCollection.Name)]
public sealed class StorageTests(ChartFixture chart)
{
    [Fact]
    public void ConnectionString_ComesFromTheExistingSecretByDefault()
    {
        var manifests = chart.Render();

        var reference = manifests.SiloEnv("Storage__ConnectionString").Get("valueFrom", "secretKeyRef");
        Assert.Equal("ordercluster-postgres", reference.Str("name"));
        Assert.Equal("connection-string", reference.Str("key"));
        Assert.Empty(manifests.OfKind("Secret"));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("production")]
    [InlineData("in-chart PostgreSQL")]
    [InlineData("chart-created Secret")]
    [InlineData("Deployment with HPA and extra env")]
    public void NoConfigMap_HoldsAConnectionString(string scenario)
    {
        var manifests = chart.Render(Scenarios.Arguments(scenario, chart));

        var configMaps = manifests.OfKind("ConfigMap").ToList();
        Assert.NotEmpty(configMaps);
        foreach (var entry in configMaps.SelectMany(c => c.Get("data").EnumerateObject()))
        {
            Assert.DoesNotContain("ConnectionString", entry.Name, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Password=", entry.Value.GetString()!, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Host=", entry.Value.GetString()!, StringComparison.OrdinalIgnoreCase);
        }
        // Nor as a literal env value on the container.
        Assert.False(manifests.SiloEnv("Storage__ConnectionString").Has("value"));
    }

    [Fact]
    public void ConnectionStringValue_BecomesASecretTheChartCreates()
    {
        var manifests = chart.Render(Scenarios.Arguments("chart-created Secret", chart));

        var secret = manifests.Named("Secret", "orders-ordercluster-storage");
        Assert.Equal("Host=db;Username=u;Password=secret-pw;Database=orders", Manifests.SecretValue(secret, "connection-string"));
        var reference = manifests.SiloEnv("Storage__ConnectionString").Get("valueFrom", "secretKeyRef");
        Assert.Equal("orders-ordercluster-storage", reference.Str("name"));
        Assert.Equal("connection-string", reference.Str("key"));
        Assert.True(manifests.Silo.Has("spec", "template", "metadata", "annotations", "checksum/storage-secret"));
    }

    [Fact]
    public void ExtraEnv_RefusesAConnectionString()
    {
        var result = chart.TryTemplate("--set", "extraEnv.Storage__ConnectionString=Host=db");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("extraEnv must not carry Storage__ConnectionString", result.StdErr);
    }

    [Fact]
    public void TwoTrialSources_AreRefused()
    {
        var result = chart.TryTemplate("--set", "postgresql.enabled=true", "--set", "storage.connectionString=Host=db");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("postgresql.enabled and storage.connectionString are both set", result.StdErr);
    }

    [Fact]
    public void NoSource_IsRefused()
    {
        var result = chart.TryTemplate("--set", "storage.existingSecret=");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No connection string: set storage.existingSecret", result.StdErr);
    }
}
