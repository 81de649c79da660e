using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Hosting;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Problems;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Api.Orders;

/// <summary>What is recorded on an order: notes, communications, attachments, and the timeline and field-level audit trail.</summary>
public static class OrderRecordsApi
{
    public static RouteGroupBuilder MapOrderRecordsApi(this RouteGroupBuilder orders)
    {
        orders.MapGet("/{orderId}/timeline", TimelineAsync).WithName("GetOrderTimeline").RequireAuthorization(ApiScopes.OrdersRead);
        orders.MapGet("/{orderId}/audit", AuditAsync).WithName("GetOrderAuditTrail").RequireAuthorization(ApiScopes.OrdersRead);
        orders.MapGet("/{orderId}/notes", NotesAsync).WithName("ListOrderNotes").RequireAuthorization(ApiScopes.OrdersRead);
        orders.MapPost("/{orderId}/notes", AddNoteAsync).WithName("AddOrderNote").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapPost("/{orderId}/notes/{noteId}", EditNoteAsync).WithName("EditOrderNote").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapGet("/{orderId}/communications", CommunicationsAsync).WithName("ListOrderCommunications").RequireAuthorization(ApiScopes.OrdersRead);
        orders.MapPost("/{orderId}/communications", LogCommunicationAsync).WithName("LogOrderCommunication").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        orders.MapPost("/{orderId}/attachments", AddAttachmentAsync).WithName("AddOrderAttachment").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent()
            .Accepts<byte[]>("*/*").WithDescription("The raw file as the body, its media type as Content-Type, its name in the fileName query parameter.");
        orders.MapGet("/{orderId}/attachments/{attachmentId}", DownloadAsync).WithName("DownloadOrderAttachment").RequireAuthorization(ApiScopes.OrdersRead);
        orders.MapDelete("/{orderId}/attachments/{attachmentId}", RemoveAttachmentAsync).WithName("RemoveOrderAttachment").RequireAuthorization(ApiScopes.OrdersWrite).Idempotent();
        return orders;
    }

    private static Task<Results<Ok<Page<TimelineEntry>>, ProblemHttpResult>> TimelineAsync(
        string orderId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, int? limit = null, string? cursor = null, string? order = null) =>
        PagedAsync(http, grains, orderId, limit, cursor, order, (o, page) => o.GetTimelineAsync(page));

    private static Task<Results<Ok<Page<AuditEntry>>, ProblemHttpResult>> AuditAsync(
        string orderId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, int? limit = null, string? cursor = null, string? order = null) =>
        PagedAsync(http, grains, orderId, limit, cursor, order, (o, page) => o.GetAuditTrailAsync(page));

    private static Task<Results<Ok<Page<Note>>, ProblemHttpResult>> NotesAsync(
        string orderId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, int? limit = null, string? cursor = null, string? order = null) =>
        PagedAsync(http, grains, orderId, limit, cursor, order, (o, page) => o.GetNotesAsync(page));

    private static Task<Results<Ok<Page<CommunicationEntry>>, ProblemHttpResult>> CommunicationsAsync(
        string orderId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, int? limit = null, string? cursor = null, string? order = null) =>
        PagedAsync(http, grains, orderId, limit, cursor, order, (o, page) => o.GetCommunicationsAsync(page));

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> AddNoteAsync(
        string orderId, JsonBody<AddNoteRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.AddNoteAsync(new AddNote
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Text = body.Value.Text, Visibility = body.Value.Visibility,
        }));

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> EditNoteAsync(
        string orderId, string noteId, JsonBody<EditNoteRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.EditNoteAsync(new EditNote
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, NoteId = noteId, Text = body.Value.Text, Visibility = body.Value.Visibility,
        }));

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> LogCommunicationAsync(
        string orderId, JsonBody<LogCommunicationRequest> body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, body.Value.ExpectedVersion, (order, e) => order.LogCommunicationAsync(new LogCommunication
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, Kind = body.Value.Kind, Direction = body.Value.Direction,
            Party = body.Value.Party, Subject = body.Value.Subject, Summary = body.Value.Summary, OccurredAt = body.Value.OccurredAt,
        }));

    /// <summary>The file is the raw body, its type the Content-Type; <c>fileName</c> is a query parameter.</summary>
    private static async Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> AddAttachmentAsync(
        string orderId, string? fileName, HttpContext http, IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return ApiProblems.BadRequest("fileName", "is required (a query parameter).");
        var contentType = http.Request.ContentType?.Split(';')[0].Trim();
        if (string.IsNullOrEmpty(contentType)) return ApiProblems.UnsupportedMediaType("the file's media type as Content-Type");
        var limit = options.Value.MaxUploadBytes;
        if (http.Request.ContentLength > limit) return ApiProblems.TooLarge(limit);
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return ApiProblems.TooLarge(limit);
            buffer.Write(chunk, 0, read);
        }

        var content = buffer.ToArray();
        return await OrderCommandRunner.RunAsync(http, grains, orderId, null, (order, e) => order.AddAttachmentAsync(new AddAttachment
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, FileName = fileName, ContentType = contentType,
        }, content));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadAsync(
        string orderId, string attachmentId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (OrderGrains.Find(http, grains, orderId, out var order) is { } notFound) return notFound;
        var download = await order.DownloadAttachmentAsync(attachmentId);
        return TypedResults.File(download.Content, download.Info.ContentType, download.Info.FileName);
    }

    private static Task<Results<Ok<OrderCommandResult>, ProblemHttpResult>> RemoveAttachmentAsync(
        string orderId, string attachmentId, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken, string? reason = null) =>
        OrderCommandRunner.RunAsync(http, grains, orderId, null, (order, e) => order.RemoveAttachmentAsync(new RemoveAttachment
        {
            Actor = e.Actor, ExpectedVersion = e.ExpectedVersion, IdempotencyKey = e.IdempotencyKey, AttachmentId = attachmentId, Reason = reason,
        }));

    private static async Task<Results<Ok<Page<T>>, ProblemHttpResult>> PagedAsync<T>(HttpContext http, IGrainFactory grains, string orderId,
        int? limit, string? cursor, string? order, Func<IOrderGrain, PageRequest, Task<Page<T>>> read)
    {
        if (Paging.Read(limit, cursor, order) is not { } page) return Paging.Problem(limit);
        if (OrderGrains.Find(http, grains, orderId, out var grain) is { } notFound) return notFound;
        return TypedResults.Ok(await read(grain, page));
    }
}

/// <summary>Query parameters of a paged list: <c>limit</c> (1–200), <c>cursor</c>, <c>order</c> (newestFirst or oldestFirst).</summary>
internal static class Paging
{
    public static PageRequest? Read(int? limit, string? cursor, string? order)
    {
        if (limit is < 1 or > PageRequest.MaxLimit) return null;
        SortOrder sort;
        if (order is null) sort = SortOrder.NewestFirst;
        else if (!Enum.TryParse(order, ignoreCase: true, out sort) || !Enum.IsDefined(sort)) return null;
        return new PageRequest { Limit = limit ?? PageRequest.DefaultLimit, Cursor = cursor, Order = sort };
    }

    public static ProblemHttpResult Problem(int? limit) => limit is < 1 or > PageRequest.MaxLimit
        ? ApiProblems.BadRequest("limit", $"must be between 1 and {PageRequest.MaxLimit}.")
        : ApiProblems.BadRequest("order", "must be newestFirst or oldestFirst.");
}
