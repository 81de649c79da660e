using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrderCluster.Grains.Tests.Webhooks;

/// <summary>One request the receiver got: the raw body and the webhook headers, and the status it answered with.</summary>
public sealed record ReceivedWebhook(int Number, string Body, string? Signature, string? DeliveryId, string? EventType, int AnsweredWith);

/// <summary>A real HTTP receiver on 127.0.0.1 and a free port (Kestrel); <see cref="Respond"/> picks the status per request number (1, 2, ...).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private int _count;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Func<int, int> Respond { get; set; } = _ => StatusCodes.Status200OK;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The URL to subscribe.</summary>
    public string Url => new Uri(BaseAddress, "/hooks/orders").ToString();

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received.OrderBy(r => r.Number)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/orders", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var number = Interlocked.Increment(ref receiver._count);
            var status = receiver.Respond(number);
            receiver._received.Enqueue(new ReceivedWebhook(number, body, http.Request.Headers["X-OrderCluster-Signature"].FirstOrDefault(),
                http.Request.Headers["X-OrderCluster-Delivery"].FirstOrDefault(), http.Request.Headers["X-OrderCluster-Event"].FirstOrDefault(), status));
            http.Response.StatusCode = status;
            await http.Response.WriteAsync(status == 200 ? "ok" : "receiver refused", http.RequestAborted);
        });
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
