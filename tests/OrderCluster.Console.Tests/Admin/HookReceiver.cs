using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrderCluster.Console.Tests.Admin;

/// <summary>One delivery the receiver got: the raw body and the signature and delivery headers.</summary>
public sealed record ReceivedHook(string Body, string Signature, string DeliveryId, string EventType);

/// <summary>
/// A webhook receiver on 127.0.0.1 and a free port (http, loopback: the test cluster allows both) that keeps what it got and answers
/// 200, or 500 for a path segment in <see cref="Failing"/>.
/// </summary>
public sealed class HookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedHook> _received = new();
    private readonly WebApplication _app;

    private HookReceiver(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<ReceivedHook> Received => [.. _received];

    /// <summary>Path segments (/hooks/{segment}) answered with 500.</summary>
    public ConcurrentDictionary<string, bool> Failing { get; } = new();

    public static async Task<HookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var receiver = new HookReceiver(builder.Build());
        receiver._app.MapPost("/hooks/{segment}", async (string segment, HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            receiver._received.Enqueue(new ReceivedHook(body, http.Request.Headers["X-OrderCluster-Signature"].ToString(),
                http.Request.Headers["X-OrderCluster-Delivery"].ToString(), http.Request.Headers["X-OrderCluster-Event"].ToString()));
            return receiver.Failing.ContainsKey(segment) ? Results.StatusCode(StatusCodes.Status500InternalServerError) : Results.Ok();
        });
        await receiver._app.StartAsync();
        receiver.Address = new Uri(receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public string UrlFor(string segment) => new Uri(Address, $"/hooks/{segment}").ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
