using Microsoft.Extensions.Options;
using OrderCluster.Api.Admin;
using OrderCluster.Api.Hosting;
using OrderCluster.Api.Samples;
using OrderCluster.Dashboard.Hosting;
using OrderCluster.Dashboard.OperationsConsole;
using OrderCluster.Silo.Demo;
using OrderCluster.Silo.Hosting;

try
{
    // Settings ship next to the binary; relative data paths (./data) stay relative to the working directory.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = DemoServiceCollectionExtensions.ExpandSwitch(args), ContentRootPath = AppContext.BaseDirectory });
    builder.AddOrderClusterSilo();

    var app = builder.Build();
    // Check every setting now, so a bad one is reported as a message rather than a host start-up failure log.
    app.Services.GetService<IStartupValidator>()?.Validate();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseOrderClusterApi();
    app.MapSiloEndpoints();
    app.MapDashboard();
    app.MapConsole();
    app.MapStreamAdminApi().RequireOperator();
    // The sample grains' endpoints are anonymous and not per tenant: served only to try the runtime out.
    if (app.Configuration.GetValue<bool>("Samples:Enabled") || app.Configuration.GetValue<bool>("Demo:Enabled")) app.MapSampleApi();
    app.MapOrderClusterApi();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // A bad setting: say which, without a stack trace.
    Console.Error.WriteLine($"OrderCluster silo cannot start: {string.Join(" ", e.Failures)}");
    return 2;
}
catch (InvalidOperationException e)
{
    // Start-up refused for a stated reason (e.g. cannot reach the cluster): the message says what to check.
    Console.Error.WriteLine($"OrderCluster silo cannot start: {e.Message}");
    return 3;
}
