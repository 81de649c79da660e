using Microsoft.AspNetCore.Http;
using OrderCluster.Dashboard.Api;

namespace OrderCluster.Dashboard.Access;

/// <summary>Lets through only requests signed by another silo of this cluster (<see cref="PeerSignature"/>).</summary>
internal sealed class PeerAuthenticationFilter(DashboardAccess access, TimeProvider time) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var valid = PeerSignature.IsValid(access.SigningKey, request.Headers[PeerSignature.HeaderName], request.Method,
            request.PathBase + request.Path + request.QueryString, time.GetUtcNow());
        // A key derived from nothing secret (anonymous mode) may read figures but never act.
        if (valid && HttpMethods.IsPost(request.Method) && !access.HasSecret) valid = false;
        return valid ? next(context) : ValueTask.FromResult<object?>(DashboardProblems.Unauthorized());
    }
}
