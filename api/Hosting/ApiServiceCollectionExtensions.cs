using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.OpenApi;
using OrderCluster.Api.Orders.Index;
using OrderCluster.Api.Problems;
using OrderCluster.Api.Users;
using OrderCluster.GrainInterfaces;

namespace OrderCluster.Api.Hosting;

/// <summary>The HTTP API as one feature: <see cref="AddOrderClusterApi"/> for services, <see cref="UseOrderClusterApi"/> for the pipeline, <see cref="MapOrderClusterApi"/> for the endpoints.</summary>
public static class ApiServiceCollectionExtensions
{
    public const string RateLimitPolicy = "api-key";

    /// <summary>The assembly of the API's own grains (keys, idempotency records, the order index): give it to the runtime's <c>AddGrains</c>.</summary>
    public static Assembly GrainAssembly => typeof(ApiServiceCollectionExtensions).Assembly;

    /// <summary>The JSON contracts of the API's grain state and messages: give it to the runtime's <c>AddJsonTypeInfoResolver</c>.</summary>
    public static IJsonTypeInfoResolver GrainJson => ApiGrainsJsonContext.Default;

    public static IServiceCollection AddOrderClusterApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ApiMetrics>();
        services.TryAddSingleton<BootstrapKeys>();
        services.TryAddSingleton<RoleScopes>();
        services.TryAddSingleton<ApiJson>();
        services.TryAddSingleton<OrderSearch>();
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Binding failures (a query value of the wrong type) throw, so ApiExceptionHandler can answer a problem naming the parameter.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, GrainInterfacesJsonContext.Default);
            o.SerializerOptions.Converters.Add(new ApiEnumConverter());
        });

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(authorization =>
        {
            authorization.AddPolicy(ApiKeyAuthenticationHandler.SchemeName, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
            foreach (var scope in ApiScopes.All)
                authorization.AddPolicy(scope, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                    .RequireAssertion(c => ApiScopes.Grants(c.User.FindAll(ApiCaller.ScopeClaim).Select(s => s.Value), scope)));
        });
        services.AddRateLimiter(AddKeyRateLimit);
        services.AddApiOpenApi();
        return services;
    }

    /// <summary>Authentication and authorization, rate limiting per API key and the idempotency-key middleware, in that order.</summary>
    public static IApplicationBuilder UseOrderClusterApi(this IApplicationBuilder app)
    {
        // Explicitly here, after the caller's UseExceptionHandler: left to WebApplication, authentication runs first in the
        // pipeline, so a key lookup that meets a dead silo escaped the handler as a bare 500 instead of a 503 problem.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    /// <summary>Every resource under <c>/api/v1</c> (authenticated with an API key, rate limited per key) and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
    public static IEndpointRouteBuilder MapOrderClusterApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/v1")
            .RequireAuthorization(ApiKeyAuthenticationHandler.SchemeName)
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter<BodyProblemFilter>()
            .AddEndpointFilter<DomainErrorFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapApiKeysApi().MapSessionsApi().MapUsersApi();
        ApiResources.Map(api);
        routes.MapApiOpenApi();
        return routes;
    }

    private static void AddKeyRateLimit(RateLimiterOptions limiter)
    {
        limiter.AddPolicy(RateLimitPolicy, http =>
        {
            var options = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
            var partition = http.User.FindFirst(ApiCaller.KeyIdClaim)?.Value is { } keyId
                ? $"{http.User.FindFirst(ApiCaller.TenantClaim)?.Value}/{keyId}"
                : "anonymous";
            return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.RateLimitPermits,
                TokensPerPeriod = options.RateLimitPermits,
                ReplenishmentPeriod = options.RateLimitWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        // Sign-in is anonymous: its attempts are limited per client address, so passwords cannot be guessed at API speed.
        limiter.AddPolicy(SessionsApi.SignInRateLimitPolicy, http =>
        {
            var permits = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.SignInPermitsPerMinute;
            return RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = permits, TokensPerPeriod = permits, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
            });
        });
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.HttpContext.RequestServices.GetRequiredService<ApiMetrics>().RateLimited();
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ApiProblems.Create(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests",
                $"Retry after {seconds} s.").ExecuteAsync(context.HttpContext);
        };
    }
}
