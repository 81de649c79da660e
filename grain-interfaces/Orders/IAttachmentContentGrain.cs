namespace OrderCluster.GrainInterfaces.Orders;

/// <summary>
/// Attachment bytes stored in the database, content-addressed: keyed <c>{tenant}/{sha256}</c> (lower-case hex), so
/// the same file uploaded to many orders is stored once. Used by the database attachment store.
/// </summary>
public interface IAttachmentContentGrain : IGrainWithStringKey
{
    /// <summary>Stores the bytes unless already stored; refuses bytes whose checksum is not the key's.</summary>
    Task StoreAsync(byte[] content);

    /// <summary>The bytes, or null when nothing is stored under this checksum.</summary>
    [ReadOnly]
    Task<byte[]?> GetAsync();
}
