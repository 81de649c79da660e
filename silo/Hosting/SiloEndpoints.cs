using OrderCluster.Runtime.Lifecycle;
using OrderCluster.Runtime.Observability;

namespace OrderCluster.Silo.Hosting;

/// <summary>Liveness, readiness and Prometheus metrics (behind credentials when <c>Metrics:RequireAuth</c> is on).</summary>
internal static class SiloEndpoints
{
    public static IEndpointRouteBuilder MapSiloEndpoints(this IEndpointRouteBuilder routes)
    {
        // Liveness: the process answers. Never depends on storage, so a database outage does not restart silos.
        routes.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();

        // Readiness: started and not shutting down; load balancers stop sending traffic during a drain.
        routes.MapGet("/readyz", (SiloStatus status) => status.IsReady
                ? Results.Text("ready")
                : Results.Text(status.Current.ToString(), statusCode: StatusCodes.Status503ServiceUnavailable))
            .ExcludeFromDescription();

        routes.MapGet("/metrics", (MetricsCollector metrics) =>
                Results.Text(PrometheusTextWriter.Write(metrics), PrometheusTextWriter.ContentType))
            .AddEndpointFilter<MetricsAccessFilter>() // Metrics:RequireAuth
            .ExcludeFromDescription();
        return routes;
    }
}
