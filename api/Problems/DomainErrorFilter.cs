using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace OrderCluster.Api.Problems;

/// <summary>
/// Turns what grains refuse into problem details: a <see cref="DomainException"/> by its kind, a lost state race as a
/// retryable 409, and calls whose outcome is unknown or whose silo is leaving as 503 with Retry-After (never a 500:
/// none of them is a bug of the API).
/// </summary>
internal sealed class DomainErrorFilter(ILogger<DomainErrorFilter> logger, ApiMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (DomainException e)
        {
            metrics.Refused(e.Error.Kind.ToString());
            ApiLog.Refused(logger, http.Request.Method, http.Request.Path, e.Error.Code);
            return ApiProblems.FromDomain(e.Error, http.Request.Headers.ContainsKey(HeaderNames.IfMatch));
        }
        catch (InconsistentStateException)
        {
            return ApiProblems.Create(StatusCodes.Status409Conflict, "concurrent-update", "Another change won the race", "Read the entity again and retry.");
        }
        catch (Exception e) when (TransientFailure.Includes(e))
        {
            metrics.Unavailable();
            ApiLog.Unavailable(logger, http.Request.Method, http.Request.Path, e.GetType().Name);
            return ApiProblems.TemporarilyUnavailable(http.Response);
        }
    }
}
