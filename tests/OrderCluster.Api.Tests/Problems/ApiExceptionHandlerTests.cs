using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrderCluster.Api.Problems;
using OrderCluster.Runtime;

namespace OrderCluster.Api.Tests.Problems;

/// <summary>
/// The last-line handler: a grain call the cluster could not complete, thrown outside an endpoint (authentication reads the
/// key's grain, and may meet a silo that just died), is a retryable 503 problem like the endpoints give, not a 500.
/// </summary>
public sealed class ApiExceptionHandlerTests
{
    public static TheoryData<Exception> Unavailable() => new()
    {
        new SiloUnavailableException("Silo 127.0.0.1:11112 cannot be reached now"),
        new GrainCallOutcomeUnknownException("the silo died after the call was sent"),
        new TimeoutException("the grain call timed out"),
        new InvalidOperationException("a grain could not read its state", new TransientDbException()),
    };

    /// <summary>What the driver throws while PostgreSQL restarts: transient.</summary>
    private sealed class TransientDbException() : System.Data.Common.DbException("57P03: the database system is not yet accepting connections")
    {
        public override bool IsTransient => true;
    }

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task A_call_the_cluster_could_not_complete_is_a_503_problem_with_Retry_After(Exception exception)
    {
        var (status, headers, problem) = await HandleAsync(exception);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("1", headers.RetryAfter.ToString());
        Assert.Equal("temporarily-unavailable", problem.GetProperty("code").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Any_other_exception_is_a_500_problem_without_Retry_After()
    {
        var (status, headers, problem) = await HandleAsync(new InvalidOperationException("a bug"));

        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.Equal(0, headers.RetryAfter.Count);
        Assert.Equal("internal-error", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("a bug", problem.GetRawText(), StringComparison.Ordinal);
    }

    private static async Task<(int Status, IHeaderDictionary Headers, JsonElement Problem)> HandleAsync(Exception exception)
    {
        await using var services = new ServiceCollection().AddLogging().AddMetrics().AddProblemDetails().BuildServiceProvider();
        using var metrics = new ApiMetrics(services.GetRequiredService<IMeterFactory>());
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Path = "/api/v1/orders";
        context.Response.Body = new MemoryStream();
        var handler = new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance, metrics);

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        context.Response.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, context.Response.Headers, json.RootElement.Clone());
    }
}
