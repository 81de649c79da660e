using OrderCluster.GrainInterfaces.Common;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Tests.Support;
using OrderCluster.Testing.Silos;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>Idempotency keys and expected versions: what the API's Idempotency-Key and If-Match map onto.</summary>
public sealed class IdempotencyTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private IOrderGrain _order = null!;

    public async Task InitializeAsync()
    {
        _silo = await DomainTestSilo.StartAsync();
        _order = _silo.Grains.Order("acme", "o-1");
        await _order.CreateAsync(Order());
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_returns_the_first_result_without_a_new_version()
    {
        var command = new AddNote { Actor = Clerk, Text = "packed with care", IdempotencyKey = "req-1" };

        var first = await _order.AddNoteAsync(command);
        var retry = await _order.AddNoteAsync(command with { Actor = Actor("clerk-2", "Other device of the integration") });

        Assert.Equal(first with { Replayed = true }, retry);
        Assert.Equal((2L, 1), ((await _order.GetAsync()).Version, (await _order.GetAsync()).NoteCount));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused()
    {
        await _order.AddNoteAsync(new AddNote { Actor = Clerk, Text = "first", IdempotencyKey = "req-2" });

        var error = await Assert.ThrowsAsync<IdempotencyConflictException>(() =>
            _order.AddNoteAsync(new AddNote { Actor = Clerk, Text = "second", IdempotencyKey = "req-2" }));

        Assert.Equal((ErrorCodes.IdempotencyKeyReused, DomainErrorKind.IdempotencyConflict), (error.Code, error.Error.Kind));
        Assert.Equal(["idempotencyKey"], error.Error.FieldNames);
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_with_the_current_version()
    {
        await _order.ChangeTagsAsync(new ChangeTags { Actor = Clerk, Add = ["a"], ExpectedVersion = 1 });

        var error = await Assert.ThrowsAsync<VersionConflictException>(() =>
            _order.ChangeTagsAsync(new ChangeTags { Actor = Clerk, Add = ["b"], ExpectedVersion = 1 }));

        Assert.Equal((DomainErrorKind.VersionConflict, 2L), (error.Error.Kind, error.CurrentVersion));
        Assert.Equal(["expectedVersion"], error.Error.FieldNames);
        Assert.Equal<string>(["a"], (await _order.GetAsync()).Tags);
    }

    [Fact]
    public async Task A_command_without_a_valid_actor_is_refused()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _order.AddNoteAsync(new AddNote { Actor = Actor("", "nobody"), Text = "x" }));

        Assert.Equal(["actor.userId"], error.Error.FieldNames);
    }

    [Fact]
    public async Task A_domain_error_recreated_from_its_data_is_the_same_type()
    {
        var error = await Assert.ThrowsAsync<VersionConflictException>(() =>
            _order.AddNoteAsync(new AddNote { Actor = Clerk, Text = "x", ExpectedVersion = 7 }));

        var recreated = DomainException.FromError(error.Error);

        Assert.IsType<VersionConflictException>(recreated);
        Assert.Equal(error.Message, recreated.Message);
    }
}
