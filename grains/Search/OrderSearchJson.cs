using System.Text.Json.Serialization;

namespace OrderCluster.Grains.Search;

/// <summary>Custom fields as the SQL stores keep them: one flat JSON object of strings.</summary>
[JsonSerializable(typeof(ImmutableSortedDictionary<string, string>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class OrderSearchJson : JsonSerializerContext;
