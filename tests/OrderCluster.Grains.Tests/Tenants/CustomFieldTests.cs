using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.GrainInterfaces.Tenants;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Tenants;

/// <summary>Per-tenant custom-field schemas: publishing, validation of every write, and schema changes over existing orders.</summary>
public sealed class CustomFieldTests : IAsyncLifetime
{
    private static readonly ImmutableArray<CustomFieldDefinition> Fields =
    [
        new() { Name = "giftWrap", Type = CustomFieldType.Boolean, Default = CustomFieldValue.Of(false) },
        new() { Name = "deliveryCode", Type = CustomFieldType.String, Pattern = "[A-Z]{3}", Max = 3 },
        new() { Name = "boxes", Type = CustomFieldType.Number, Min = 1, Max = 10 },
        new() { Name = "handling", Type = CustomFieldType.Enum, AllowedValues = ["standard", "fragile"] },
        new() { Name = "deliverBy", Type = CustomFieldType.Date },
    ];

    private TestSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = await DomainTestSilo.StartAsync();
        await Schema.PublishAsync(new PublishCustomFieldSchema { Actor = Admin, Fields = Fields });
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private ICustomFieldSchemaGrain Schema => _silo.Grains.CustomFields("acme");

    private static ImmutableSortedDictionary<string, CustomFieldValue> Values(params (string Name, CustomFieldValue Value)[] values) =>
        values.ToImmutableSortedDictionary(v => v.Name, v => v.Value);

    private static ImmutableSortedDictionary<string, CustomFieldValue?> Writes(params (string Name, CustomFieldValue? Value)[] values) =>
        values.ToImmutableSortedDictionary(v => v.Name, v => v.Value);

    [Fact]
    public async Task A_schema_with_bad_definitions_is_refused_naming_each_definition_and_rule()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Schema.PublishAsync(new PublishCustomFieldSchema
        {
            Actor = Admin,
            ExpectedVersion = 1,
            Fields =
            [
                new() { Name = "9lives", Type = CustomFieldType.String },
                new() { Name = "size", Type = CustomFieldType.Enum },
                new() { Name = "code", Type = CustomFieldType.String, Pattern = "([A-Z" },
                new() { Name = "count", Type = CustomFieldType.Number, Min = 5, Max = 1, Default = CustomFieldValue.Of("many") },
                new() { Name = "Size", Type = CustomFieldType.Boolean },
            ],
        }));

        Assert.Equal(["fields[0].name", "fields[1].allowedValues", "fields[2].pattern", "fields[3].default", "fields[3].min", "fields[4].name"],
            error.Error.FieldNames.Order());
        Assert.Equal(1, (await Schema.GetCurrentAsync()).Version);
    }

    [Fact]
    public async Task Every_invalid_value_is_refused_naming_the_field_and_the_rule()
    {
        var command = Order() with
        {
            CustomFields = Values(
                ("giftWrap", CustomFieldValue.Of("yes")),
                ("deliveryCode", CustomFieldValue.Of("ab1")),
                ("boxes", CustomFieldValue.Of(11m)),
                ("handling", CustomFieldValue.Of("rough")),
                ("colour", CustomFieldValue.Of("red"))),
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _silo.Grains.Order("acme", "o-bad").CreateAsync(command));

        Assert.Equal(
        [
            ("customFields.boxes", "above-maximum"), ("customFields.colour", "unknown-field"), ("customFields.deliveryCode", "pattern-mismatch"),
            ("customFields.giftWrap", "wrong-type"), ("customFields.handling", "not-allowed-value"),
        ], error.Error.Errors.Select(e => (e.Field, e.Code)).Order());
        Assert.Contains("must be one of: standard, fragile", error.Error.Errors.Single(e => e.Field == "customFields.handling").Message);
    }

    [Fact]
    public async Task Defaults_fill_fields_a_new_order_leaves_out_and_valid_values_are_kept()
    {
        var order = _silo.Grains.Order("acme", "o-1");

        await order.CreateAsync(Order() with { CustomFields = Values(("boxes", CustomFieldValue.Of(2m)), ("deliverBy", CustomFieldValue.Of(new DateOnly(2026, 12, 24)))) });

        var fields = (await order.GetAsync()).CustomFields;
        Assert.Equal(["boxes=2", "deliverBy=2026-12-24", "giftWrap=false"], fields.Select(f => $"{f.Key}={f.Value}"));
    }

    [Fact]
    public async Task Setting_and_removing_custom_fields_validates_what_is_written()
    {
        var order = _silo.Grains.Order("acme", "o-2");
        await order.CreateAsync(Order() with { CustomFields = Values(("handling", CustomFieldValue.Of("fragile"))) });

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            order.SetCustomFieldsAsync(new SetCustomFields { Actor = Clerk, Values = Writes(("boxes", CustomFieldValue.Of(0m))) }));
        await order.SetCustomFieldsAsync(new SetCustomFields { Actor = Clerk, Values = Writes(("handling", null), ("giftWrap", CustomFieldValue.Of(true))) });

        Assert.Equal(("customFields.boxes", "below-minimum"), (bad.Error.Errors.Single().Field, bad.Error.Errors.Single().Code));
        Assert.Equal(["giftWrap=true"], (await order.GetAsync()).CustomFields.Select(f => $"{f.Key}={f.Value}"));
    }

    [Fact]
    public async Task A_schema_change_never_makes_existing_orders_unreadable_or_rewrites_their_values()
    {
        var order = _silo.Grains.Order("acme", "o-3");
        await order.CreateAsync(Order() with { CustomFields = Values(("deliveryCode", CustomFieldValue.Of("BER")), ("boxes", CustomFieldValue.Of(3m))) });

        // Version 2 drops deliveryCode and turns boxes into an enum.
        await Schema.PublishAsync(new PublishCustomFieldSchema
        {
            Actor = Admin,
            Fields = [Fields[0], new() { Name = "boxes", Type = CustomFieldType.Enum, AllowedValues = ["small", "large"] }],
        });
        var kept = (await order.GetAsync()).CustomFields;
        await order.AddNoteAsync(new AddNote { Actor = Clerk, Text = "still works" });
        await order.SetCustomFieldsAsync(new SetCustomFields { Actor = Clerk, Values = Writes(("giftWrap", CustomFieldValue.Of(true))) });

        Assert.Equal(["boxes=3", "deliveryCode=BER", "giftWrap=false"], kept.Select(f => $"{f.Key}={f.Value}"));
        Assert.Equal(["boxes=3", "deliveryCode=BER", "giftWrap=true"], (await order.GetAsync()).CustomFields.Select(f => $"{f.Key}={f.Value}"));
    }

    [Fact]
    public async Task A_newly_required_field_applies_to_new_orders_and_to_later_custom_field_edits()
    {
        var old = _silo.Grains.Order("acme", "o-old");
        await old.CreateAsync(Order());
        await Schema.PublishAsync(new PublishCustomFieldSchema
        {
            Actor = Admin, Fields = Fields.Add(new CustomFieldDefinition { Name = "costCenter", Type = CustomFieldType.String, Required = true }),
        });

        var fresh = await Assert.ThrowsAsync<ValidationFailedException>(() => _silo.Grains.Order("acme", "o-new").CreateAsync(Order()));
        var otherEdit = await old.AddNoteAsync(new AddNote { Actor = Clerk, Text = "notes do not touch custom fields" });
        var fieldEdit = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            old.SetCustomFieldsAsync(new SetCustomFields { Actor = Clerk, Values = Writes(("giftWrap", CustomFieldValue.Of(true))) }));
        var completed = await old.SetCustomFieldsAsync(new SetCustomFields
        {
            Actor = Clerk, Values = Writes(("giftWrap", CustomFieldValue.Of(true)), ("costCenter", CustomFieldValue.Of("CC-7"))),
        });

        Assert.Equal(("customFields.costCenter", "required"), (fresh.Error.Errors.Single().Field, fresh.Error.Errors.Single().Code));
        Assert.Equal(2, otherEdit.Version);
        Assert.Equal(["customFields.costCenter"], fieldEdit.Error.FieldNames);
        Assert.Equal(3, completed.Version);
    }

    [Fact]
    public async Task Every_schema_version_stays_readable()
    {
        await Schema.PublishAsync(new PublishCustomFieldSchema { Actor = Admin, ExpectedVersion = 1, Fields = [] });

        Assert.Equal(5, (await Schema.GetVersionAsync(1)).Fields.Length);
        Assert.Empty((await Schema.GetVersionAsync(2)).Fields);
        Assert.Empty((await Schema.GetVersionAsync(0)).Fields);
        await Assert.ThrowsAsync<NotFoundException>(() => Schema.GetVersionAsync(3));
    }
}
