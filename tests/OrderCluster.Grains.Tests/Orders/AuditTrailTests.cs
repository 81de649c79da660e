using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>The field-level audit trail: who, when, which action, each field before and after; paged both ways.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private IOrderGrain _order = null!;

    public async Task InitializeAsync()
    {
        _silo = await DomainTestSilo.StartAsync();
        await _silo.Grains.CustomFields("acme").PublishAsync(new PublishCustomFieldSchema
        {
            Actor = Admin,
            Fields = [new CustomFieldDefinition { Name = "giftWrap", Type = CustomFieldType.Boolean, Default = CustomFieldValue.Of(false) }],
        });
        _order = _silo.Grains.Order("acme", "o-1");
        await _order.CreateAsync(Order());
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private async Task<AuditEntry> LatestAsync() => (await _order.GetAuditTrailAsync(PageRequest.First(1))).Items.Single();

    [Fact]
    public async Task Creation_records_every_field_as_new()
    {
        var entry = (await _order.GetAuditTrailAsync(new PageRequest { Order = SortOrder.OldestFirst })).Items[0];

        Assert.Equal((1L, "create", "integration-amazon"), (entry.Sequence, entry.Action, entry.Actor.UserId));
        Assert.Contains(new FieldChange("status", null, "approved"), entry.Changes);
        Assert.Contains(new FieldChange("lines[2].quantity", null, "4"), entry.Changes);
        Assert.Contains(new FieldChange("customFields.giftWrap", null, "false"), entry.Changes);
        Assert.Contains(new FieldChange("totals.total", null, "100.00 EUR"), entry.Changes);
        Assert.Equal(Enumerable.Range(1, entry.EventSequences.Length).Select(i => (long)i), entry.EventSequences);
    }

    [Fact]
    public async Task A_line_change_records_the_quantity_before_and_after_and_the_new_total()
    {
        var result = await _order.ChangeLinesAsync(new ChangeOrderLines { Actor = Clerk, Update = [new LineUpdate { LineId = "l3", Quantity = 5 }] });

        var entry = await LatestAsync();
        Assert.Equal((result.Version, "change-lines", "clerk-1"), (entry.Sequence, entry.Action, entry.Actor.UserId));
        Assert.Equal<FieldChange>([new FieldChange("lines[2].quantity", "4", "5"), new FieldChange("totals.total", "100.00 EUR", "112.50 EUR")], entry.Changes);
    }

    [Fact]
    public async Task Removing_and_adding_lines_names_them_by_position()
    {
        await _order.ChangeLinesAsync(new ChangeOrderLines { Actor = Clerk, Remove = ["l1"], Add = [Line("SKU-9", 1, 1m)] });

        var paths = (await LatestAsync()).Changes.Select(c => c.Path).ToList();
        Assert.Contains("lines[0].sku", paths); // l1 removed from position 0
        Assert.Contains("lines[2].sku", paths); // l4 added at position 2
        var removed = (await LatestAsync()).Changes.Single(c => c.Path == "lines[0].lineId");
        Assert.Equal(("l1", null), (removed.Before, removed.After));
    }

    [Fact]
    public async Task Custom_fields_tags_priority_and_status_are_audited_by_name()
    {
        await _order.SetCustomFieldsAsync(new SetCustomFields
        {
            Actor = Clerk, Values = ImmutableSortedDictionary<string, CustomFieldValue?>.Empty.Add("giftWrap", CustomFieldValue.Of(true)),
        });
        var giftWrap = await LatestAsync();
        await _order.ChangeTagsAsync(new ChangeTags { Actor = Clerk, Add = ["rush"] });
        var tags = await LatestAsync();
        await _order.ChangePriorityAsync(new ChangePriority { Actor = Manager, Priority = OrderPriority.High });
        var priority = await LatestAsync();
        await _order.PerformActionAsync(Action("allocate", Warehouse));
        var status = await LatestAsync();

        Assert.Equal<FieldChange>([new FieldChange("customFields.giftWrap", "false", "true")], giftWrap.Changes);
        Assert.Equal<FieldChange>([new FieldChange("tags", null, "rush")], tags.Changes);
        Assert.Contains(new FieldChange("priority", "Normal", "High"), priority.Changes);
        var due = priority.Changes.Single(c => c.Path == "sla[shipping-1].dueAt"); // 24 h became 8 h
        Assert.Equal(TimeSpan.FromHours(16), DateTimeOffset.Parse(due.Before!) - DateTimeOffset.Parse(due.After!));
        Assert.Equal<FieldChange>([new FieldChange("status", "approved", "allocated")], status.Changes);
    }

    [Fact]
    public async Task Editing_a_note_records_its_text_before_and_after_and_only_the_author_may()
    {
        var added = await _order.AddNoteAsync(new AddNote { Actor = Clerk, Text = "call back at 3", Visibility = NoteVisibility.External });
        var other = await Assert.ThrowsAsync<ActionForbiddenException>(() =>
            _order.EditNoteAsync(new EditNote { Actor = Manager, NoteId = added.CreatedId!, Text = "overwritten" }));
        await _order.EditNoteAsync(new EditNote { Actor = Clerk, NoteId = added.CreatedId!, Text = "call back at 4" });

        var entry = await LatestAsync();
        Assert.Equal(ErrorCodes.NotNoteAuthor, other.Code);
        Assert.Equal<FieldChange>([new FieldChange($"notes[{added.CreatedId}].text", "call back at 3", "call back at 4")], entry.Changes);
        var note = (await _order.GetNotesAsync(new PageRequest())).Items.Single();
        Assert.Equal((1, "call back at 4", "clerk-1"), (note.EditCount, note.Text, note.Author.UserId));
    }

    [Fact]
    public async Task The_trail_pages_newest_first_and_oldest_first_with_stable_cursors()
    {
        for (var i = 0; i < 7; i++) await _order.ChangeTagsAsync(new ChangeTags { Actor = Clerk, Add = [$"t{i}"] });

        var newest = await _order.GetAuditTrailAsync(PageRequest.First(3));
        await _order.ChangeTagsAsync(new ChangeTags { Actor = Clerk, Add = ["late"] }); // arrives between pages
        var next = await _order.GetAuditTrailAsync(new PageRequest { Limit = 3, Cursor = newest.NextCursor });
        var oldest = await _order.GetAuditTrailAsync(PageRequest.First(5, SortOrder.OldestFirst));
        var rest = await _order.GetAuditTrailAsync(new PageRequest { Limit = 5, Cursor = oldest.NextCursor, Order = SortOrder.OldestFirst });

        Assert.Equal([8L, 7, 6], newest.Items.Select(e => e.Sequence));
        Assert.Equal([5L, 4, 3], next.Items.Select(e => e.Sequence));
        Assert.Equal([1L, 2, 3, 4, 5], oldest.Items.Select(e => e.Sequence));
        Assert.Equal([6L, 7, 8, 9], rest.Items.Select(e => e.Sequence));
        Assert.Null(rest.NextCursor);
        Assert.Equal(9, rest.Total);
    }

    [Fact]
    public async Task Entries_never_change_once_written()
    {
        var before = (await _order.GetAuditTrailAsync(new PageRequest { Order = SortOrder.OldestFirst })).Items;

        await _order.ChangeLinesAsync(new ChangeOrderLines { Actor = Clerk, Update = [new LineUpdate { LineId = "l1", Quantity = 9 }] });
        await _order.PerformActionAsync(Action("cancel", Manager, "test"));
        var after = (await _order.GetAuditTrailAsync(new PageRequest { Order = SortOrder.OldestFirst })).Items;

        Assert.Equal(before.Length + 2, after.Length);
        for (var i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i].Sequence, after[i].Sequence);
            Assert.Equal(before[i].Changes.AsEnumerable(), after[i].Changes.AsEnumerable());
        }
    }

    [Fact]
    public async Task A_command_that_changes_nothing_writes_no_entry_and_keeps_the_version()
    {
        var result = await _order.ChangeTagsAsync(new ChangeTags { Actor = Clerk, Remove = ["not-there"] });

        Assert.Equal((1L, true), (result.Version, result.Replayed));
        Assert.Equal(1, (await _order.GetAuditTrailAsync(new PageRequest())).Total);
    }
}
