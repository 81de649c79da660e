using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderCluster.GrainInterfaces.Imports;

/// <summary>Source-generated JSON contract of the import command (its request hash), with the options of <see cref="GrainInterfacesJsonContext"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(ImportOrder))]
public sealed partial class ImportsJsonContext : JsonSerializerContext;
