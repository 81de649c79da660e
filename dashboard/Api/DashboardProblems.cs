using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OrderCluster.Dashboard.Api;

/// <summary>Every dashboard error as RFC 9457 problem details with a stable type.</summary>
internal static class DashboardProblems
{
    public static ProblemHttpResult Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, "unauthorized", "Sign-in required", "Sign in to the dashboard (POST /dashboard/signin) first.");

    public static ProblemHttpResult Forbidden() =>
        Problem(StatusCodes.Status403Forbidden, "forbidden", "Not allowed",
            "This action needs an operator (Dashboard:OperatorUsers, or the operations:admin scope).");

    public static ProblemHttpResult BadOrigin() =>
        Problem(StatusCodes.Status403Forbidden, "bad-origin", "Cross-site request refused",
            "Actions must come from the dashboard page itself (the Origin header must match this silo).");

    public static ProblemHttpResult Disabled() =>
        Problem(StatusCodes.Status404NotFound, "disabled", "Dashboard disabled",
            "In cluster mode the dashboard needs Dashboard:Username and Dashboard:Password, or Dashboard:AllowAnonymous=true.");

    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "bad-request", "Bad request", detail);

    public static ProblemHttpResult Unavailable(string detail) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", "Not available", detail);

    private static ProblemHttpResult Problem(int status, string slug, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: "urn:ordercluster:dashboard:" + slug);
}
