namespace OrderCluster.Deployment.Tests;

/// <summary>The silo workload, its Services and ConfigMap with default values.</summary>
[Collection(ChartCollection.Name)]
public sealed class SiloWorkloadTests(ChartFixture chart)
{
    [Fact]
    public void Silos_AreAStatefulSetOnTheHeadlessServiceWithBothPorts()
    {
        var manifests = chart.Render();

        var silo = manifests.Silo;
        Assert.Equal("StatefulSet", silo.Str("kind"));
        Assert.Equal(2, silo.Int("spec", "replicas"));
        Assert.Equal("orders-ordercluster-silo", silo.Str("spec", "serviceName"));
        Assert.Equal("Parallel", silo.Str("spec", "podManagementPolicy"));
        var ports = manifests.SiloContainer.Get("ports").EnumerateArray().ToDictionary(p => p.Str("name"), p => p.Int("containerPort"));
        Assert.Equal(new Dictionary<string, int> { ["http"] = 8080, ["silo"] = 11111 }, ports);
    }

    [Fact]
    public void KindDeployment_RendersADeploymentThatSurgesBeforeDraining()
    {
        var manifests = chart.Render("--set", "kind=Deployment");

        Assert.Empty(manifests.OfKind("StatefulSet"));
        var silo = manifests.Named("Deployment", ChartFixture.FullName);
        Assert.Equal(1, silo.Int("spec", "strategy", "rollingUpdate", "maxSurge"));
        Assert.Equal(0, silo.Int("spec", "strategy", "rollingUpdate", "maxUnavailable"));
        Assert.False(silo.Has("spec", "serviceName"));
    }

    [Fact]
    public void Services_HeadlessPublishesNotReadySilosAndHttpIsClusterIp()
    {
        var manifests = chart.Render();

        var headless = manifests.Named("Service", "orders-ordercluster-silo");
        Assert.Equal("None", headless.Str("spec", "clusterIP"));
        Assert.True(headless.Bool("spec", "publishNotReadyAddresses"));
        var siloPort = Assert.Single(headless.Get("spec", "ports").EnumerateArray());
        Assert.Equal(11111, siloPort.Int("port"));
        Assert.Equal("silo", siloPort.Str("targetPort"));

        var http = manifests.Named("Service", ChartFixture.FullName);
        Assert.Equal("ClusterIP", http.Str("spec", "type"));
        Assert.Equal("http", Assert.Single(http.Get("spec", "ports").EnumerateArray()).Str("targetPort"));

        var podSelector = manifests.Silo.StringMap("spec", "selector", "matchLabels");
        Assert.Equal(podSelector, headless.StringMap("spec", "selector"));
        Assert.Equal(podSelector, http.StringMap("spec", "selector"));
    }

    [Fact]
    public void Probes_UseTheSiloHealthEndpoints()
    {
        var container = chart.Render().SiloContainer;

        Assert.Equal("/readyz", container.Str("readinessProbe", "httpGet", "path"));
        Assert.Equal("/healthz", container.Str("livenessProbe", "httpGet", "path"));
        Assert.Equal("/healthz", container.Str("startupProbe", "httpGet", "path"));
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
            Assert.Equal("http", container.Str(probe, "httpGet", "port"));
        Assert.Equal(60, container.Int("startupProbe", "failureThreshold"));
    }

    [Fact]
    public void Pod_RunsNonRootWithAReadOnlyRootFilesystemAndNoCapabilities()
    {
        var manifests = chart.Render();
        var pod = manifests.SiloPodSpec;
        var container = manifests.SiloContainer;

        Assert.True(pod.Bool("securityContext", "runAsNonRoot"));
        Assert.Equal(1654, pod.Int("securityContext", "runAsUser"));
        Assert.Equal(1654, pod.Int("securityContext", "runAsGroup"));
        Assert.Equal("RuntimeDefault", pod.Str("securityContext", "seccompProfile", "type"));
        Assert.True(container.Bool("securityContext", "runAsNonRoot"));
        Assert.True(container.Bool("securityContext", "readOnlyRootFilesystem"));
        Assert.False(container.Bool("securityContext", "allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], container.Strings("securityContext", "capabilities", "drop"));
        Assert.False(container.Get("securityContext", "capabilities").Has("add"));

        // The only writable path is an emptyDir on /tmp.
        var mount = Assert.Single(container.Get("volumeMounts").EnumerateArray());
        Assert.Equal("/tmp", mount.Str("mountPath"));
        var volume = pod.Get("volumes").EnumerateArray().Single(v => v.Str("name") == mount.Str("name"));
        Assert.Equal("64Mi", volume.Str("emptyDir", "sizeLimit"));
    }

    [Fact]
    public void ServiceAccountToken_IsNeverMounted()
    {
        var manifests = chart.Render();

        Assert.False(manifests.SiloPodSpec.Bool("automountServiceAccountToken"));
        Assert.Equal(ChartFixture.FullName, manifests.SiloPodSpec.Str("serviceAccountName"));
        Assert.False(manifests.Named("ServiceAccount", ChartFixture.FullName).Bool("automountServiceAccountToken"));
    }

    [Fact]
    public void ConfigMap_CarriesTheSiloSettingsAndThePodReadsIt()
    {
        var manifests = chart.Render();

        var expected = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Cluster__Name"] = "ordercluster",
            ["Cluster__SiloPort"] = "11111",
            ["Runtime__ShutdownDrainTimeout"] = "00:00:20",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__Console__FormatterName"] = "json",
            ["Urls"] = "http://0.0.0.0:8080",
        };
        Assert.Equal(expected, manifests.ConfigMapData.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        var envFrom = Assert.Single(manifests.SiloContainer.Get("envFrom").EnumerateArray());
        Assert.Equal(ChartFixture.FullName, envFrom.Str("configMapRef", "name"));
    }

    [Fact]
    public void ClusterTiming_IsPassedOnlyWhenSet()
    {
        var data = chart.Render(
            "--set", "cluster.probeInterval=00:00:02",
            "--set", "cluster.votesToDeclareDead=3",
            "--set", "cluster.deadSiloCleanupAge=02:00:00").ConfigMapData;

        Assert.Equal("00:00:02", data.Str("Cluster__ProbeInterval"));
        Assert.Equal("3", data.Str("Cluster__VotesToDeclareDead"));
        Assert.Equal("02:00:00", data.Str("Cluster__DeadSiloCleanupAge"));
        Assert.False(data.Has("Cluster__ProbeTimeout"));
        Assert.False(data.Has("Cluster__MissedProbesForSuspicion"));
        Assert.False(data.Has("Cluster__HeartbeatInterval"));
    }

    [Fact]
    public void Silo_AdvertisesItsPodIp()
    {
        var env = chart.Render().SiloEnv("Cluster__AdvertisedAddress");

        Assert.Equal("status.podIP", env.Str("valueFrom", "fieldRef", "fieldPath"));
    }

    [Fact]
    public void ExtraEnv_GoesToTheConfigMapAndExtraSecretEnvToSecretReferences()
    {
        var manifests = chart.Render(Scenarios.Arguments("Deployment with HPA and extra env", chart));

        Assert.Equal("true", manifests.ConfigMapData.Str("Metrics__Enabled"));
        var password = manifests.SiloEnv("Dashboard__Password");
        Assert.Equal("dash", password.Str("valueFrom", "secretKeyRef", "name"));
        Assert.Equal("password", password.Str("valueFrom", "secretKeyRef", "key"));
    }

    [Fact]
    public void ExtraEnv_OverridesTheChartsOwnSetting()
    {
        var data = chart.Render("--set", "extraEnv.Logging__LogLevel__Default=Debug").ConfigMapData;

        Assert.Equal("Debug", data.Str("Logging__LogLevel__Default"));
    }

    [Fact]
    public void ChangingASetting_ChangesThePodTemplate()
    {
        // Settings are read once at start, so a ConfigMap change must roll the silos.
        static string Checksum(Manifests m) => m.Silo.Str("spec", "template", "metadata", "annotations", "checksum/config");

        var before = Checksum(chart.Render());
        var after = Checksum(chart.Render("--set", "logging.level=Debug"));

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void PodAntiAffinity_IsSoftByDefaultAndZonesSpreadSoftly()
    {
        var pod = chart.Render().SiloPodSpec;

        var preferred = Assert.Single(pod.Get("affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution").EnumerateArray());
        Assert.Equal("kubernetes.io/hostname", preferred.Str("podAffinityTerm", "topologyKey"));
        Assert.False(pod.Get("affinity", "podAntiAffinity").Has("requiredDuringSchedulingIgnoredDuringExecution"));
        var spread = Assert.Single(pod.Get("topologySpreadConstraints").EnumerateArray());
        Assert.Equal("ScheduleAnyway", spread.Str("whenUnsatisfiable"));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("production")]
    [InlineData("in-chart PostgreSQL")]
    public void EveryObject_CarriesTheHelmLabels(string scenario)
    {
        var manifests = chart.Render(Scenarios.Arguments(scenario, chart));
        var chartLabel = $"ordercluster-{chart.ChartYamlField("version")}";

        Assert.NotEmpty(manifests.Objects);
        foreach (var manifest in manifests.Objects)
        {
            var labels = manifest.StringMap("metadata", "labels");
            Assert.Equal("ordercluster", labels["app.kubernetes.io/name"]);
            Assert.Equal(ChartFixture.Release, labels["app.kubernetes.io/instance"]);
            Assert.Equal(chart.ChartYamlField("appVersion"), labels["app.kubernetes.io/version"]);
            Assert.Equal("Helm", labels["app.kubernetes.io/managed-by"]);
            Assert.Equal(chartLabel, labels["helm.sh/chart"]);
        }
    }
}
