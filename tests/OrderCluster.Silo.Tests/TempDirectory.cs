namespace OrderCluster.Silo.Tests;

/// <summary>A working directory for a silo process (its ./data lives here); deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ordercluster-silo-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a killed process may still hold a file for a moment; the OS temp cleaner gets it
        }
    }
}
