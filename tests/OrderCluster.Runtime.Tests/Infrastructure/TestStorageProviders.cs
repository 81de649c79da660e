using Microsoft.Extensions.DependencyInjection;

namespace OrderCluster.Runtime.Tests.Infrastructure;

/// <summary>Adds the storage provider a test silo asked for.</summary>
internal static class TestStorageProviders
{
    public static void Add(IServiceCollection services, TestSiloOptions options)
    {
        switch (options.Storage)
        {
            case TestStorage.Memory:
                break;
            default:
                throw new NotSupportedException($"Storage {options.Storage} is not wired into the test silo yet.");
        }
    }
}
