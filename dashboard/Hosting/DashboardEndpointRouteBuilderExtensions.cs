using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrderCluster.Dashboard.Access;
using OrderCluster.Dashboard.Api;
using OrderCluster.Dashboard.Planner;

namespace OrderCluster.Dashboard.Hosting;

public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the dashboard under <c>/dashboard</c>: the page and its embedded assets, sign-in, the JSON API under <c>/dashboard/api</c>,
    /// live updates at <c>/dashboard/api/live</c> (server-sent events), the silo-to-silo API under <c>/dashboard/api/peer</c>, and the planner (<c>/dashboard/planner</c>, <c>/dashboard/api/planner</c>).
    /// When the dashboard is disabled, every path under <c>/dashboard</c> answers 404 problem details saying why.
    /// </summary>
    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        var dashboard = routes.MapGroup("/dashboard").ExcludeFromDescription();
        if (routes.ServiceProvider.GetRequiredService<DashboardAccess>().Mode == DashboardMode.Disabled)
        {
            dashboard.Map("/{**path}", () => DashboardProblems.Disabled());
            return dashboard;
        }

        dashboard.MapPageApi();
        dashboard.MapSignInApi();
        var api = dashboard.MapGroup("/api").AddEndpointFilter(async (context, next) =>
        {
            PageApi.NoStore(context.HttpContext);
            return await next(context);
        });
        api.MapLiveApi();
        api.MapGrainsApi();
        api.MapStreamsApi();
        api.MapPeerApi();
        dashboard.MapPlanner(api);
        return dashboard;
    }
}
