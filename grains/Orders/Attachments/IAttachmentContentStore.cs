namespace OrderCluster.Grains.Orders.Attachments;

/// <summary>
/// Attachment bytes, content-addressed by tenant and SHA-256 (lower-case hex): the same file attached to many
/// orders is stored once. Chosen by <c>Attachments:Store</c>. Content is never deleted when an attachment is
/// removed from an order (other orders may share it, and the audit trail names it).
/// </summary>
public interface IAttachmentContentStore
{
    /// <summary>Stores the bytes under their checksum unless already stored.</summary>
    Task PutAsync(string tenantId, string sha256, byte[] content);

    /// <summary>A fresh copy of the bytes, or null when nothing is stored.</summary>
    Task<byte[]?> GetAsync(string tenantId, string sha256);
}
