using System.Security.Cryptography;
using System.Text;
using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Runtime;
using OrderCluster.Runtime.Storage;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>Notes, tags, the communications log and attachments (in the database, by default).</summary>
public sealed class ContentTests : IAsyncLifetime
{
    private static readonly byte[] Invoice = Encoding.UTF8.GetBytes("%PDF-1.7 invoice 4711");

    private TestSilo _silo = null!;
    private IOrderGrain _order = null!;

    public async Task InitializeAsync()
    {
        _silo = await DomainTestSilo.StartAsync(o =>
        {
            o.Configuration["Attachments:MaxSizeBytes"] = "1024";
            o.Configuration["Attachments:MaxPerOrder"] = "3";
            o.Configuration["Orders:MaxTags"] = "3";
        });
        _order = _silo.Grains.Order("acme", "o-1");
        await _order.CreateAsync(Order());
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Notes_keep_their_author_time_and_visibility_and_page_newest_first()
    {
        await _order.AddNoteAsync(new AddNote { Actor = Clerk, Text = "internal remark" });
        await _order.AddNoteAsync(new AddNote { Actor = Manager, Text = "Your order ships Monday", Visibility = NoteVisibility.External });

        var page = await _order.GetNotesAsync(new PageRequest());

        Assert.Equal([("n2", NoteVisibility.External, "manager-1"), ("n1", NoteVisibility.Internal, "clerk-1")],
            page.Items.Select(n => (n.NoteId, n.Visibility, n.Author.UserId)));
        Assert.Equal(2, (await _order.GetAsync()).NoteCount);
    }

    [Fact]
    public async Task An_empty_or_unknown_note_is_refused_naming_the_field()
    {
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => _order.AddNoteAsync(new AddNote { Actor = Clerk, Text = "  " }));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => _order.EditNoteAsync(new EditNote { Actor = Clerk, NoteId = "n9", Text = "x" }));

        Assert.Equal(["text"], empty.Error.FieldNames);
        Assert.Equal((ErrorCodes.NoteNotFound, "noteId"), (unknown.Code, unknown.Error.FieldNames.Single()));
    }

    [Fact]
    public async Task Tags_are_limited_in_number_and_length()
    {
        var tooMany = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _order.ChangeTagsAsync(new ChangeTags { Actor = Clerk, Add = ["a", "b", "c", "d"] }));
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _order.ChangeTagsAsync(new ChangeTags { Actor = Clerk, Add = [new string('x', 41)] }));
        var badCharacters = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _order.ChangeTagsAsync(new ChangeTags { Actor = Clerk, Add = ["ok", "no<script>"] }));

        Assert.Equal(["add"], tooMany.Error.FieldNames);
        Assert.Equal(["add[0]"], tooLong.Error.FieldNames);
        Assert.Equal(["add[1]"], badCharacters.Error.FieldNames);
    }

    [Fact]
    public async Task Communications_are_logged_with_direction_party_and_time()
    {
        var earlier = DateTimeOffset.UtcNow.AddHours(-1);
        await _order.LogCommunicationAsync(new LogCommunication
        {
            Actor = Clerk, Kind = CommunicationKind.Call, Direction = CommunicationDirection.Inbound, Party = "+49 30 1234567",
            Summary = "Customer asked for delivery before Friday", OccurredAt = earlier,
        });
        await _order.LogCommunicationAsync(new LogCommunication
        {
            Actor = Clerk, Kind = CommunicationKind.Email, Direction = CommunicationDirection.Outbound, Party = "jane@example.com",
            Subject = "Your delivery", Summary = "Confirmed Thursday delivery",
        });
        var future = await Assert.ThrowsAsync<ValidationFailedException>(() => _order.LogCommunicationAsync(new LogCommunication
        {
            Actor = Clerk, Party = "x", Summary = "y", OccurredAt = DateTimeOffset.UtcNow.AddDays(1),
        }));

        var log = await _order.GetCommunicationsAsync(new PageRequest { Order = SortOrder.OldestFirst });
        Assert.Equal([(CommunicationKind.Call, CommunicationDirection.Inbound, earlier), (CommunicationKind.Email, CommunicationDirection.Outbound, log.Items[1].OccurredAt)],
            log.Items.Select(c => (c.Kind, c.Direction, c.OccurredAt)));
        Assert.Equal("Your delivery", log.Items[1].Subject);
        Assert.Equal(["occurredAt"], future.Error.FieldNames);
    }

    [Fact]
    public async Task An_attachment_is_stored_with_its_checksum_and_downloads_with_its_metadata()
    {
        var added = await _order.AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = "invoice.pdf", ContentType = "application/pdf; charset=binary" }, Invoice);

        var download = await _order.DownloadAttachmentAsync(added.CreatedId!);

        Assert.Equal(Invoice, download.Content);
        Assert.Equal(("invoice.pdf", "application/pdf", Invoice.Length, Convert.ToHexStringLower(SHA256.HashData(Invoice))),
            (download.Info.FileName, download.Info.ContentType, (int)download.Info.SizeBytes, download.Info.Sha256));
        Assert.Equal("clerk-1", download.Info.UploadedBy.UserId);
    }

    [Fact]
    public async Task The_same_bytes_attached_twice_are_stored_once()
    {
        await _order.AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = "a.pdf", ContentType = "application/pdf" }, Invoice);
        var other = _silo.Grains.Order("acme", "o-2");
        await other.CreateAsync(Order());
        await other.AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = "copy.pdf", ContentType = "application/pdf" }, Invoice);

        var sha = Convert.ToHexStringLower(SHA256.HashData(Invoice));
        var stored = await _silo.Get<IGrainStateStore>().ReadStateAsync(new GrainId("attachment-content", $"acme/{sha}"), "content", CancellationToken.None);

        Assert.Equal(1, stored!.Version); // written once
        Assert.Equal(Invoice, (await other.DownloadAttachmentAsync("a1")).Content);
    }

    [Fact]
    public async Task Attachments_beyond_the_size_type_or_count_limits_are_refused()
    {
        var tooBig = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _order.AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = "big.pdf", ContentType = "application/pdf" }, new byte[1025]));
        var wrongType = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _order.AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = "run.exe", ContentType = "application/x-msdownload" }, Invoice));
        var path = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _order.AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = "../etc/passwd", ContentType = "text/plain" }, Invoice));
        for (var i = 0; i < 3; i++)
            await _order.AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = $"f{i}.txt", ContentType = "text/plain" }, [(byte)i]);
        var fourth = await Assert.ThrowsAsync<OrderRuleViolationException>(() =>
            _order.AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = "f4.txt", ContentType = "text/plain" }, [4]));

        Assert.Equal(("content", "too-large"), (tooBig.Error.Errors.Single().Field, tooBig.Error.Errors.Single().Code));
        Assert.Equal(["contentType"], wrongType.Error.FieldNames);
        Assert.Equal(["fileName"], path.Error.FieldNames);
        Assert.Equal(ErrorCodes.LimitReached, fourth.Code);
    }

    [Fact]
    public async Task Removing_an_attachment_keeps_an_audit_entry_and_it_no_longer_downloads()
    {
        var added = await _order.AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = "invoice.pdf", ContentType = "application/pdf" }, Invoice);

        await _order.RemoveAttachmentAsync(new RemoveAttachment { Actor = Manager, AttachmentId = added.CreatedId!, Reason = "wrong customer" });

        var entry = (await _order.GetAuditTrailAsync(PageRequest.First(1))).Items.Single();
        Assert.Equal(("remove-attachment", "manager-1"), (entry.Action, entry.Actor.UserId));
        var change = Assert.Single(entry.Changes);
        Assert.Equal(($"attachments[{added.CreatedId}]", null), (change.Path, change.After));
        Assert.StartsWith("invoice.pdf (application/pdf", change.Before);
        Assert.Empty((await _order.GetAsync()).Attachments);
        await Assert.ThrowsAsync<NotFoundException>(() => _order.DownloadAttachmentAsync(added.CreatedId!));
    }
}
