namespace OrderCluster.Deployment.Tests;

/// <summary>preStop, drain timeout and terminationGracePeriodSeconds: the kubelet must never cut a drain short.</summary>
[Collection(ChartCollection.Name)]
public sealed class ShutdownTests(ChartFixture chart)
{
    [Fact]
    public void GracePeriod_IsPreStopPlusDrainPlusMargin()
    {
        var manifests = chart.Render();

        Assert.Equal(["sleep", "5"], manifests.SiloContainer.Strings("lifecycle", "preStop", "exec", "command"));
        Assert.Equal("00:00:20", manifests.ConfigMapData.Str("Runtime__ShutdownDrainTimeout"));
        Assert.Equal(5 + 20 + 10, manifests.SiloPodSpec.Int("terminationGracePeriodSeconds"));
    }

    [Fact]
    public void GracePeriod_FollowsALongerDrain()
    {
        var manifests = chart.Render(
            "--set", "shutdown.drainTimeoutSeconds=90",
            "--set", "shutdown.preStopSleepSeconds=10");

        Assert.Equal(["sleep", "10"], manifests.SiloContainer.Strings("lifecycle", "preStop", "exec", "command"));
        Assert.Equal("00:01:30", manifests.ConfigMapData.Str("Runtime__ShutdownDrainTimeout"));
        Assert.Equal(10 + 90 + 10, manifests.SiloPodSpec.Int("terminationGracePeriodSeconds"));
    }

    [Fact]
    public void DrainTimeout_OverAnHour_IsATimeSpanWithHours()
    {
        var data = chart.Render("--set", "shutdown.drainTimeoutSeconds=3725").ConfigMapData;

        Assert.Equal("01:02:05", data.Str("Runtime__ShutdownDrainTimeout"));
    }

    [Fact]
    public void GracePeriod_LongEnough_IsKept()
    {
        var pod = chart.Render("--set", "shutdown.terminationGracePeriodSeconds=35").SiloPodSpec;

        Assert.Equal(35, pod.Int("terminationGracePeriodSeconds"));
    }

    [Fact]
    public void GracePeriod_TooShort_FailsTheRenderWithTheArithmetic()
    {
        var result = chart.TryTemplate("--set", "shutdown.terminationGracePeriodSeconds=34");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            "shutdown.terminationGracePeriodSeconds (34) is too short: it must be at least shutdown.preStopSleepSeconds (5) "
            + "+ shutdown.drainTimeoutSeconds (20) + shutdown.marginSeconds (10) = 35",
            result.StdErr);
    }

    [Fact]
    public void GracePeriod_TooShortForALongerDrain_Fails()
    {
        // 60 s would do for the default drain, not for a 60 s one.
        var result = chart.TryTemplate(
            "--set", "shutdown.drainTimeoutSeconds=60",
            "--set", "shutdown.terminationGracePeriodSeconds=60");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("must be at least", result.StdErr);
        Assert.Contains("= 75", result.StdErr);
    }
}
