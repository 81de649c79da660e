using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace OrderCluster.Api.Problems;

/// <summary>
/// The last line: a request the framework could not bind (bad route or query values, a body it read) is a 400 or 413
/// problem; a grain call the cluster could not complete now, made outside an endpoint (authentication reads the key's grain,
/// and may meet a silo that just died before membership caught up) is the same 503 as <see cref="DomainErrorFilter"/> gives;
/// anything else under <c>/api/</c> is a 500 problem carrying only a trace id (the exception goes to the log).
/// </summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger, ApiMetrics metrics) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted) return false;
        ProblemHttpResult? problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ApiProblems.Create(413, "body-too-large", "The request body is too large"),
            BadHttpRequestException bad when ParameterOf(bad.Message) is { } parameter => ApiProblems.BadRequest(parameter, "has the wrong type or format."),
            BadHttpRequestException bad => ApiProblems.Create(bad.StatusCode, "invalid-request", "The request is invalid", Shorten(bad.Message)),
            JsonException => ApiProblems.BadRequest("body", "is not valid JSON."),
            DomainException domain => ApiProblems.FromDomain(domain.Error, context.Request.Headers.IfMatch.Count > 0),
            _ when TransientFailure.Includes(exception) => Unavailable(context, exception),
            _ when context.Request.Path.StartsWithSegments("/api") => Unexpected(context, exception),
            _ => null,
        };
        if (problem is null) return false;
        await problem.ExecuteAsync(context);
        return true;
    }

    private ProblemHttpResult Unavailable(HttpContext context, Exception exception)
    {
        metrics.Unavailable();
        ApiLog.Unavailable(logger, context.Request.Method, context.Request.Path, exception.GetType().Name);
        return ApiProblems.TemporarilyUnavailable(context.Response);
    }

    private ProblemHttpResult Unexpected(HttpContext context, Exception exception)
    {
        ApiLog.Unexpected(logger, exception, context.Request.Method, context.Request.Path, context.TraceIdentifier);
        return ApiProblems.Create(500, "internal-error", "An unexpected error occurred", $"Trace id {context.TraceIdentifier}.");
    }

    /// <summary>The parameter a binding failure names: 'Failed to bind parameter "int? limit" from "abc".'</summary>
    private static string? ParameterOf(string message) =>
        Regex.Match(message, "parameter \"[^\"]*?(\\w+)\"") is { Success: true } match ? match.Groups[1].Value : null;

    private static string Shorten(string message) => message.Length <= 200 ? message : message[..200];
}
