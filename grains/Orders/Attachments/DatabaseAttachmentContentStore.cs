using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Orders.Attachments;

/// <summary>Keeps bytes in <see cref="IAttachmentContentGrain"/> state, so they live in the silo's database with everything else.</summary>
internal sealed class DatabaseAttachmentContentStore(IGrainFactory grains) : IAttachmentContentStore
{
    public Task PutAsync(string tenantId, string sha256, byte[] content) =>
        grains.GetGrain<IAttachmentContentGrain>(TenantKeys.For(tenantId, sha256, "sha256")).StoreAsync(content);

    public Task<byte[]?> GetAsync(string tenantId, string sha256) =>
        grains.GetGrain<IAttachmentContentGrain>(TenantKeys.For(tenantId, sha256, "sha256")).GetAsync();
}
