using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Orders;
using OrderCluster.Api.Problems;

namespace OrderCluster.Api.Users;

/// <summary>
/// The tenant's console users (admin scope): create, list, read, change (roles, display name, password, disabled) with
/// If-Match. Users are never deleted, only disabled, so audit entries that name them keep meaning something; a disabled
/// user's sessions stop working at once.
/// </summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(ApiScopes.Admin);
        users.MapPost("", CreateAsync).WithName("CreateUser");
        users.MapGet("", ListAsync).WithName("ListUsers");
        users.MapGet("/{username}", GetAsync).WithName("GetUser");
        users.MapPut("/{username}", ChangeAsync).WithName("ChangeUser");
        return api;
    }

    public sealed record CreateUserRequest
    {
        public required string Username { get; init; }

        public required string Password { get; init; }

        public string? DisplayName { get; init; }

        public ImmutableArray<string> Roles { get; init; } = [];
    }

    public sealed record ChangeUserRequest
    {
        public string? DisplayName { get; init; }

        public string? Password { get; init; }

        public ImmutableArray<string>? Roles { get; init; }

        public bool? Disabled { get; init; }
    }

    /// <summary>A user as admins see it: its roles and the scopes they grant, never the password hash.</summary>
    public sealed record UserView(string Username, string DisplayName, ImmutableArray<string> Roles, ImmutableArray<string> Scopes, bool Disabled,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> CreateAsync(
        JsonBody<CreateUserRequest> body, HttpContext http, IGrainFactory grains, RoleScopes roles, TimeProvider time, ILoggerFactory logs)
    {
        var request = body.Value;
        var caller = ApiCaller.From(http.User);
        var errors = new Dictionary<string, string[]>();
        if (TenantKeys.CheckId(request.Username, "username") is { } badName) errors["username"] = [badName.Message];
        if (UserPasswords.Problem(request.Password) is { } badPassword) errors["password"] = [badPassword];
        CheckDisplayName(request.DisplayName, errors);
        CheckRoles(request.Roles, roles, errors);
        if (errors.Count > 0) return Invalid(errors);

        var now = time.GetUtcNow();
        var user = new UserRecord
        {
            TenantId = caller.TenantId, Username = request.Username, DisplayName = request.DisplayName?.Trim() is { Length: > 0 } name ? name : request.Username,
            PasswordHash = UserPasswords.Hash(request.Password), Roles = [.. request.Roles.Distinct()], CreatedAt = now, UpdatedAt = now,
        };
        // The tenant's list first: a user that exists is always listed (a listed name without a user is skipped when read).
        await grains.GetGrain<ITenantUsersGrain>(TenantKeys.ForTenant(caller.TenantId)).AddAsync(user.Username);
        if (!await grains.GetGrain<IUserGrain>(caller.KeyFor(user.Username, "username")).CreateAsync(user))
            return ApiProblems.Create(StatusCodes.Status409Conflict, "user-exists", "The user exists", $"There is already a user '{user.Username}'.");
        ApiLog.UserChanged(logs.CreateLogger(typeof(UsersApi)), user.Username, caller.TenantId, "created", caller.Actor.UserId);
        var created = await grains.GetGrain<IUserGrain>(caller.KeyFor(user.Username, "username")).GetAsync();
        ETags.Set(http, created!.Version);
        return TypedResults.Created($"/api/v1/users/{user.Username}", View(created, roles));
    }

    private static async Task<Ok<ImmutableArray<UserView>>> ListAsync(HttpContext http, IGrainFactory grains, RoleScopes roles)
    {
        var caller = ApiCaller.From(http.User);
        var names = await grains.GetGrain<ITenantUsersGrain>(TenantKeys.ForTenant(caller.TenantId)).ListAsync();
        var users = await Task.WhenAll(names.Select(n => grains.GetGrain<IUserGrain>(caller.KeyFor(n, "username")).GetAsync()));
        return TypedResults.Ok(users.OfType<UserRecord>().OrderBy(u => u.Username, StringComparer.Ordinal).Select(u => View(u, roles)).ToImmutableArray());
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetAsync(string username, HttpContext http, IGrainFactory grains, RoleScopes roles)
    {
        var user = await grains.GetGrain<IUserGrain>(ApiCaller.From(http.User).KeyFor(username, "username")).GetAsync();
        if (user is null) return NotFound(username);
        ETags.Set(http, user.Version);
        return TypedResults.Ok(View(user, roles));
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> ChangeAsync(
        string username, JsonBody<ChangeUserRequest> body, HttpContext http, IGrainFactory grains, RoleScopes roles, TimeProvider time, ILoggerFactory logs)
    {
        if (Preconditions.ReadIfMatch(http, out var expectedVersion) is { } badIfMatch) return badIfMatch;
        var request = body.Value;
        var caller = ApiCaller.From(http.User);
        var errors = new Dictionary<string, string[]>();
        if (request.Password is not null && UserPasswords.Problem(request.Password) is { } badPassword) errors["password"] = [badPassword];
        CheckDisplayName(request.DisplayName, errors);
        if (request.Roles is { } newRoles) CheckRoles(newRoles, roles, errors);
        if (errors.Count > 0) return Invalid(errors);

        var change = new UserChange
        {
            DisplayName = request.DisplayName?.Trim(), PasswordHash = request.Password is null ? null : UserPasswords.Hash(request.Password),
            Roles = request.Roles is { } r ? [.. r.Distinct()] : null, Disabled = request.Disabled, At = time.GetUtcNow(),
        };
        var user = await grains.GetGrain<IUserGrain>(caller.KeyFor(username, "username")).UpdateAsync(change, expectedVersion);
        if (user is null) return NotFound(username);
        ApiLog.UserChanged(logs.CreateLogger(typeof(UsersApi)), username, caller.TenantId, "changed", caller.Actor.UserId);
        ETags.Set(http, user.Version);
        return TypedResults.Ok(View(user, roles));
    }

    private static void CheckDisplayName(string? displayName, Dictionary<string, string[]> errors)
    {
        if (displayName is not null && displayName.Trim().Length is 0 or > 100) errors["displayName"] = ["display names have 1 to 100 characters."];
    }

    private static void CheckRoles(ImmutableArray<string> requested, RoleScopes roles, Dictionary<string, string[]> errors)
    {
        if (requested.IsDefaultOrEmpty) errors["roles"] = ["give at least one role."];
        else if (requested.FirstOrDefault(r => !roles.IsKnown(r)) is { } unknown)
            errors["roles"] = [$"'{unknown}' is not a role; known: {string.Join(", ", roles.Known.Order(StringComparer.Ordinal))}."];
    }

    private static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, "validation-failed", "The user is invalid", "See errors.", errors);

    private static ProblemHttpResult NotFound(string username) => ApiProblems.NotFound("user-not-found", $"There is no user '{username}'.");

    private static UserView View(UserRecord u, RoleScopes roles) =>
        new(u.Username, u.DisplayName, u.Roles, roles.ScopesOf(u.Roles), u.Disabled, u.CreatedAt, u.UpdatedAt, u.Version);
}
