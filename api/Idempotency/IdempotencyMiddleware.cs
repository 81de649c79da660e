using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Hosting;
using OrderCluster.Api.Problems;

namespace OrderCluster.Api.Idempotency;

/// <summary>Marks an endpoint that honours <c>Idempotency-Key</c> (every create and side-effecting action).</summary>
public sealed class IdempotentEndpointMetadata;

public static class IdempotentEndpointExtensions
{
    public static TBuilder Idempotent<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotentEndpointMetadata());
}

/// <summary>
/// <c>Idempotency-Key</c> on marked endpoints: the first request with a key runs and its response (status, Location,
/// ETag, body) is stored with the SHA-256 of the request (method, path and query, If-Match, body); a retry with the same
/// key and request gets that response again (<c>Idempotent-Replayed: true</c>); the same key with another request is 422;
/// a retry while the first still runs is 409. Responses of 5xx are not kept, so a retry runs again.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IGrainFactory grains, IOptions<ApiOptions> options, TimeProvider time,
    ApiMetrics metrics, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpointMetadata>() is null
            || context.Request.Headers[HeaderName].ToString() is not { Length: > 0 } key
            || context.User.FindFirst(ApiCaller.TenantClaim)?.Value is not { } tenant)
        {
            await next(context);
            return;
        }

        if (key.Length > MaxKeyLength || !key.All(c => c is >= ' ' and <= '~'))
        {
            await ApiProblems.BadRequest(HeaderName, $"must be 1 to {MaxKeyLength} printable ASCII characters.").ExecuteAsync(context);
            return;
        }

        var hash = await HashRequestAsync(context.Request, context.RequestAborted);
        if (hash is null)
        {
            await ApiProblems.TooLarge(options.Value.MaxUploadBytes).ExecuteAsync(context);
            return;
        }

        var grain = grains.GetGrain<IIdempotencyKeyGrain>(GrainKey(tenant, key));
        var leaseId = Guid.NewGuid().ToString("N");
        var settings = options.Value;
        var decision = await grain.BeginAsync(new IdempotencyBegin(hash, leaseId, time.GetUtcNow(), settings.IdempotencyLease, settings.IdempotencyRetention));
        metrics.Idempotency(decision.Outcome.ToString().ToLowerInvariant());
        switch (decision.Outcome)
        {
            case IdempotencyOutcome.Replay:
                ApiLog.IdempotentReplay(logger, tenant, context.Request.Method, context.Request.Path);
                await WriteStoredAsync(context, decision.Response!);
                return;
            case IdempotencyOutcome.InProgress:
                await ApiProblems.Create(StatusCodes.Status409Conflict, "idempotency-key-in-use", "A request with this Idempotency-Key is still running",
                    "Retry later with the same key to get its result.").ExecuteAsync(context);
                return;
            case IdempotencyOutcome.Mismatch:
                await ApiProblems.Create(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused, "Idempotency-Key reused with a different request",
                    "This key was first used with another request; use a new key for a new request.", ApiProblems.Errors(HeaderName, "was used with a different request.")).ExecuteAsync(context);
                return;
        }

        await RunAndStoreAsync(context, grain, leaseId, tenant);
    }

    private async Task RunAndStoreAsync(HttpContext context, IIdempotencyKeyGrain grain, string leaseId, string tenant)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await ForgetAsync(grain, leaseId, tenant);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode >= 500)
        {
            await ForgetAsync(grain, leaseId, tenant);
        }
        else
        {
            var stored = new StoredResponse
            {
                Status = response.StatusCode, ContentType = response.ContentType, Location = NullIfEmpty(response.Headers.Location),
                ETag = NullIfEmpty(response.Headers.ETag), Body = buffer.ToArray(),
            };
            try
            {
                await grain.CompleteAsync(leaseId, stored, time.GetUtcNow(), options.Value.IdempotencyRetention);
            }
            catch (Exception e) when (TransientFailure.Includes(e) || e is InconsistentStateException)
            {
                // The request itself succeeded; its record stays "running" until the lease ends, then a retry runs it again
                // (creates are keyed so that a second run finds the first result).
                ApiLog.IdempotencyNotCompleted(logger, e, tenant);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private async Task ForgetAsync(IIdempotencyKeyGrain grain, string leaseId, string tenant)
    {
        try
        {
            await grain.AbandonAsync(leaseId);
        }
        catch (Exception e) when (TransientFailure.Includes(e) || e is InconsistentStateException)
        {
            ApiLog.IdempotencyNotCompleted(logger, e, tenant);
        }
    }

    private static async Task WriteStoredAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.Status;
        if (stored.ContentType is not null) response.ContentType = stored.ContentType;
        if (stored.Location is not null) response.Headers.Location = stored.Location;
        if (stored.ETag is not null) response.Headers.ETag = stored.ETag;
        response.Headers[ReplayedHeader] = "true";
        await response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    /// <summary>SHA-256 over method, path and query, If-Match and the body; null when the body exceeds the upload limit.</summary>
    private async Task<string?> HashRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes + 64 * 1024;
        if (request.ContentLength > limit) return null;
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limit);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n{request.Headers.IfMatch}\n"));
        var chunk = new byte[16 * 1024];
        long total = 0;
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                total += read;
                if (total > limit) return null;
                sha.AppendData(chunk, 0, read);
            }
        }
        catch (IOException) when (total > 0)
        {
            return null; // the buffer limit was exceeded
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The grain key: the tenant, and a hash of the key so any printable key fits.</summary>
    public static string GrainKey(string tenant, string key) =>
        $"{tenant}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}";

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();
}
