using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Runtime.Placement;

namespace OrderCluster.Dashboard.Tests.Access;

public sealed class DashboardModeTests
{
    [Fact]
    public void Embedded_without_credentials_is_read_only_without_sign_in()
    {
        var access = Access(clustered: false, new DashboardOptions());
        Assert.Equal(DashboardMode.Anonymous, access.Mode);
        Assert.False(access.HasSecret);
    }

    [Fact]
    public void Cluster_mode_without_credentials_serves_no_dashboard_unless_anonymous_access_is_set_explicitly()
    {
        Assert.Equal(DashboardMode.Disabled, Access(clustered: true, new DashboardOptions()).Mode);
        Assert.Equal(DashboardMode.Anonymous, Access(clustered: true, new DashboardOptions { AllowAnonymous = true }).Mode);
        Assert.Equal(DashboardMode.SignIn, Access(clustered: true, new DashboardOptions { Username = "sre", Password = "pw" }).Mode);
    }

    [Fact]
    public void Cluster_mode_refuses_to_start_a_dashboard_enabled_without_credentials()
    {
        var failure = Validate(clustered: true, new DashboardOptions { Enabled = true });
        Assert.Contains("Dashboard:AllowAnonymous", failure);
        Assert.Null(Validate(clustered: true, new DashboardOptions { Enabled = true, AllowAnonymous = true }));
        Assert.Null(Validate(clustered: false, new DashboardOptions { Enabled = true }));
        Assert.Contains("Dashboard:Password", Validate(clustered: false, new DashboardOptions { Username = "sre" }));
        Assert.Contains("Dashboard:PasswordHash", Validate(clustered: false, new DashboardOptions { Username = "sre", PasswordHash = "md5$x" }));
    }

    [Fact]
    public void Operators_are_named_and_everyone_else_reads_only()
    {
        var access = Access(clustered: true, new DashboardOptions
        {
            Username = "sre", Password = "pw", Users = { ["ops"] = PasswordVerifier.Hash("pw2", 10_000) }, OperatorUsers = ["ops"],
        });
        Assert.True(access.TrySignIn("sre", "pw", out var sreOperates));
        Assert.False(sreOperates);
        Assert.True(access.TrySignIn("ops", "pw2", out var opsOperates));
        Assert.True(opsOperates);
        Assert.False(access.TrySignIn("ops", "pw", out _));
        Assert.False(access.TrySignIn("nobody", "pw", out _));
        Assert.True(access.HasSecret);
    }

    private static DashboardAccess Access(bool clustered, DashboardOptions options) =>
        new(Options.Create(options), Services(clustered));

    private static string? Validate(bool clustered, DashboardOptions options)
    {
        var result = new DashboardOptionsValidation(Services(clustered)).Validate(null, options);
        return result.Failed ? result.FailureMessage : null;
    }

    private static ServiceProvider Services(bool clustered) =>
        new ServiceCollection().AddSingleton<IClusterView>(new FakeClusterView(clustered)).BuildServiceProvider();

    private sealed class FakeClusterView(bool clustered) : IClusterView
    {
        public SiloAddress LocalSilo { get; } = new("127.0.0.1", 11111, 1);

        public ConsistentHashRing Ring { get; } = new([new SiloAddress("127.0.0.1", 11111, 1)]);

        public bool IsClustered => clustered;

        public event Action<ConsistentHashRing>? RingChanged
        {
            add { }
            remove { }
        }
    }
}
