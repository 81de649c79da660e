using System.Reflection;
using Microsoft.Extensions.Logging;
using OrderCluster.Runtime.Grains;
using OrderCluster.Runtime.Storage;

namespace OrderCluster.Runtime.Streams;

/// <summary>
/// The consumer groups this silo serves: implicit ones read once from the grain classes' attributes (a class that
/// subscribes but does not implement <see cref="IStreamConsumer"/> fails start-up), explicit ones re-read from the store
/// when they change here and every few seconds (another silo may have added one).
/// </summary>
internal sealed class StreamSubscriptionRegistry
{
    private readonly IStreamStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<StreamSubscriptionRegistry> _logger;
    private readonly IReadOnlyList<StreamSubscription> _implicit;
    private volatile IReadOnlyList<StreamSubscription> _current;
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    public StreamSubscriptionRegistry(GrainTypeRegistry grains, IStreamStore store, TimeProvider time, ILogger<StreamSubscriptionRegistry> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _implicit = grains.GrainClasses.SelectMany(ImplicitOf).ToList();
        _current = _implicit;
    }

    /// <summary>The groups as last read.</summary>
    public IReadOnlyList<StreamSubscription> Current => _current;

    /// <summary>The namespaces any group consumes.</summary>
    public StreamSubscription? Find(string group) => _current.FirstOrDefault(s => s.Group == group);

    /// <summary>Re-reads explicit subscriptions when <paramref name="force"/> or when the last read is older than the interval.</summary>
    public async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        if (!force && _time.GetUtcNow() - _refreshedAt < TimeSpan.FromSeconds(5)) return;
        var stored = await _store.ListSubscriptionsAsync(cancellationToken);
        _current = [.. _implicit, .. stored.Select(StreamSubscription.Explicit)];
        _refreshedAt = _time.GetUtcNow();
    }

    private static IEnumerable<StreamSubscription> ImplicitOf(CodeGeneration.GrainClassRegistration grain)
    {
        foreach (var attribute in grain.GrainClass.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>())
        {
            if (!typeof(IStreamConsumer).IsAssignableFrom(grain.GrainClass))
                throw new InvalidOperationException(
                    $"{grain.GrainClass.FullName} subscribes to stream namespace '{attribute.Namespace}' but does not implement IStreamConsumer.");
            IStreamKeyMapper? mapper = null;
            if (attribute.KeyMapper is { } mapperType)
            {
                mapper = Activator.CreateInstance(mapperType) as IStreamKeyMapper ?? throw new InvalidOperationException(
                    $"{mapperType.FullName}, the key mapper of {grain.GrainClass.FullName}, does not implement IStreamKeyMapper.");
            }

            yield return StreamSubscription.Implicit(grain.GrainType, attribute.Namespace, mapper);
        }
    }
}
