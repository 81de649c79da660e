using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace OrderCluster.Grains.Orders.Attachments;

/// <summary>
/// Keeps bytes in files <c>{Directory}/{tenant}/{sha[0..2]}/{sha}</c>. A file is written to a temporary name and
/// moved into place, so a reader never sees half a file; a file whose bytes no longer match its name is refused.
/// </summary>
internal sealed class DirectoryAttachmentContentStore(IOptions<AttachmentOptions> options) : IAttachmentContentStore
{
    private readonly string _root = Path.GetFullPath(options.Value.Directory);

    public async Task PutAsync(string tenantId, string sha256, byte[] content)
    {
        var path = PathOf(tenantId, sha256);
        if (File.Exists(path)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another upload of the same bytes won the race
        }
    }

    public async Task<byte[]?> GetAsync(string tenantId, string sha256)
    {
        var path = PathOf(tenantId, sha256);
        if (!File.Exists(path)) return null;
        var content = await File.ReadAllBytesAsync(path);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), sha256, StringComparison.Ordinal))
            throw new InvalidDataException($"Attachment file {path} does not match its checksum.");
        return content;
    }

    // Both parts were validated as a tenant id and a hex checksum, so they cannot climb out of the root.
    private string PathOf(string tenantId, string sha256)
    {
        TenantKeys.For(tenantId, sha256, "sha256");
        return Path.Combine(_root, tenantId, sha256[..2], sha256);
    }
}
