using System.Text;
using OrderCluster.GrainInterfaces.Orders;
using OrderCluster.Grains.Orders.Attachments;
using OrderCluster.Grains.Tests.Support;
using static OrderCluster.Grains.Tests.Support.TestData;

namespace OrderCluster.Grains.Tests.Orders;

/// <summary>Attachments in a configured directory (<c>Attachments:Store = Directory</c>).</summary>
public sealed class DirectoryAttachmentTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ordercluster-attachments-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Bytes_go_to_one_file_per_tenant_and_checksum_and_download_from_it()
    {
        await using var silo = await DomainTestSilo.StartAsync(o =>
        {
            o.Configuration["Attachments:Store"] = "Directory";
            o.Configuration["Attachments:Directory"] = _directory;
        });
        var bytes = Encoding.UTF8.GetBytes("delivery note");
        foreach (var id in new[] { "o-1", "o-2" })
        {
            await silo.Grains.Order("acme", id).CreateAsync(Order());
            await silo.Grains.Order("acme", id).AddAttachmentAsync(new AddAttachment { Actor = Clerk, FileName = "note.txt", ContentType = "text/plain" }, bytes);
        }

        var files = Directory.GetFiles(_directory, "*", SearchOption.AllDirectories);
        var download = await silo.Grains.Order("acme", "o-2").DownloadAttachmentAsync("a1");

        var file = Assert.Single(files);
        Assert.Equal(Path.Combine(_directory, "acme", download.Info.Sha256[..2], download.Info.Sha256), file);
        Assert.Equal(bytes, download.Content);
        Assert.IsType<DirectoryAttachmentContentStore>(silo.Get<IAttachmentContentStore>());
    }

    [Fact]
    public async Task A_bad_attachment_setting_fails_start_up_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => DomainTestSilo.StartAsync(o =>
            o.Configuration["Attachments:MaxSizeBytes"] = "0"));

        Assert.Contains("Attachments:MaxSizeBytes", error.Message);
    }
}
