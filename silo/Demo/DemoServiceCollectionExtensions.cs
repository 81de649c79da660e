using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrderCluster.Api.Hosting;
using OrderCluster.GrainInterfaces.Tenants;

namespace OrderCluster.Silo.Demo;

/// <summary>Registers demo mode: <c>--demo</c> (or <c>Demo:Enabled=true</c>) seeds a demo tenant and drives live orders.</summary>
internal static class DemoServiceCollectionExtensions
{
    /// <summary>The command-line switch, and the setting it stands for.</summary>
    public const string Switch = "--demo";
    public const string EnabledSetting = "--Demo:Enabled=true";

    /// <summary>Replaces a bare <c>--demo</c> by <c>--Demo:Enabled=true</c> (the command-line configuration needs a value).</summary>
    public static string[] ExpandSwitch(string[] args) =>
        [.. args.Select(a => string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase) ? EnabledSetting : a)];

    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DemoOptions>, DemoOptionsValidation>();
        var options = builder.Configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        if (!options.Enabled) return builder;

        var key = DemoApiKey.From(options);
        builder.Services.AddSingleton(key);
        builder.Services.PostConfigure<ApiOptions>(api => api.BootstrapKeys.Add(new BootstrapKeyOptions
        {
            Tenant = options.Tenant,
            Key = key.Text,
            Name = "demo",
            Roles = [OrderRoles.Admin, OrderRoles.OrderManager, OrderRoles.Finance, OrderRoles.Warehouse],
        }));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<DemoHistoryBackfill>();
        builder.Services.AddSingleton<DemoOrderFlow>();
        builder.Services.AddSingleton<DemoApiClient>();
        builder.Services.AddSingleton<DemoOrderStream>();
        builder.Services.AddHostedService<DemoService>();
        return builder;
    }
}
