using Microsoft.Extensions.Options;
using OrderCluster.Api.Samples;
using OrderCluster.Silo.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddOrderClusterSilo();

    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.MapSiloEndpoints();
    app.MapSampleApi();
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // A bad setting: say which, without a stack trace.
    Console.Error.WriteLine($"OrderCluster silo cannot start: {string.Join(" ", e.Failures)}");
    return 2;
}
