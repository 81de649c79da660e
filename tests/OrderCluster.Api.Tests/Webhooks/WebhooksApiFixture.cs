using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Webhooks;

/// <summary>One request the receiver got.</summary>
public sealed record ReceivedHook(string Body, string Signature, string DeliveryId, string EventType, int AnsweredWith);

/// <summary>
/// A silo whose webhooks may use http (one attempt per delivery; two consecutive failures disable a subscription) and a
/// real receiver on 127.0.0.1 and a free port whose answer the tests choose.
/// </summary>
public sealed class WebhooksApiFixture : IAsyncLifetime
{
    private readonly ConcurrentQueue<ReceivedHook> _received = new();
    private WebApplication _receiver = null!;

    public ApiCluster Api { get; } = new(new Dictionary<string, string?>
    {
        ["Webhooks:AllowHttp"] = "true",
        ["Webhooks:AllowLoopback"] = "true", // the receiver is on 127.0.0.1
        ["Webhooks:MaxAttempts"] = "1",
        ["Webhooks:DisableAfterConsecutiveFailures"] = "2",
        ["Webhooks:DisableAfterFailingFor"] = "00:00:00",
    });

    /// <summary>The status for a request whose path ends in this segment: /hooks/{segment}.</summary>
    public ConcurrentDictionary<string, int> AnswerByPath { get; } = new();

    public IReadOnlyList<ReceivedHook> Received => [.. _received];

    public string UrlFor(string segment) => new Uri(ReceiverAddress, $"/hooks/{segment}").ToString();

    private Uri ReceiverAddress { get; set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _receiver = builder.Build();
        _receiver.MapPost("/hooks/{segment}", async (string segment, HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var status = AnswerByPath.GetValueOrDefault(segment, 200);
            _received.Enqueue(new ReceivedHook(body, http.Request.Headers["X-OrderCluster-Signature"].ToString(),
                http.Request.Headers["X-OrderCluster-Delivery"].ToString(), http.Request.Headers["X-OrderCluster-Event"].ToString(), status));
            http.Response.StatusCode = status;
        });
        await _receiver.StartAsync();
        ReceiverAddress = new Uri(_receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await Api.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
    }
}
