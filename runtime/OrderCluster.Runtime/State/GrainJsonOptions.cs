using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OrderCluster.Runtime.State;

/// <summary>
/// The JSON contract of grain state, call arguments and results: the source-generated contexts that
/// grain assemblies register first, then reflection for types none of them covers (its metadata is
/// cached after first use, so the call path does not reflect).
/// </summary>
public sealed class GrainJsonOptions
{
    public GrainJsonOptions(IEnumerable<IJsonTypeInfoResolver> resolvers)
    {
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers, new DefaultJsonTypeInfoResolver()]),
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // PostgreSQL's jsonb re-sorts object keys, so a polymorphic type discriminator may come back anywhere.
            AllowOutOfOrderMetadataProperties = true,
            Converters = { new JsonStringEnumConverter() },
        };
        Options.MakeReadOnly();
    }

    public JsonSerializerOptions Options { get; }
}
