using System.Security.Cryptography;
using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Orders.Attachments;

public sealed class AttachmentContentState
{
    public int SchemaVersion { get; set; } = 1;

    public byte[]? Content { get; set; }

    public DateTimeOffset StoredAt { get; set; }
}

/// <summary>Content-addressed attachment bytes of one tenant, keyed <c>{tenant}/{sha256}</c>. Stored once, never changed.</summary>
[CollectionAgeLimit(2)]
internal sealed class AttachmentContentGrain(
    [PersistentState("content")] IPersistentState<AttachmentContentState> state,
    TimeProvider time) : Grain, IAttachmentContentGrain
{
    public async Task StoreAsync(byte[] content)
    {
        var key = TenantKeys.Parse(GetPrimaryKeyString(), "sha256");
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        if (!string.Equals(actual, key.Id, StringComparison.Ordinal))
            throw ValidationFailedException.For("content", "checksum-mismatch", $"The content's SHA-256 is {actual}, not {key.Id}.");
        if (state.State.Content is not null) return; // the same bytes are already stored: that is the point
        state.State.Content = content;
        state.State.StoredAt = time.GetUtcNow();
        await state.WriteStateAsync();
    }

    public Task<byte[]?> GetAsync() => Task.FromResult(state.State.Content);
}
