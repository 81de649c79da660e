using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace OrderCluster.Api.Problems;

/// <summary>
/// Domain and API enums as camelCase strings, integers refused (so an unknown value is a 400, never a silently stored
/// number). Limited to our own assemblies so endpoints of other features keep their JSON as it is.
/// </summary>
internal sealed class ApiEnumConverter : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _strings = new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsEnum && (typeToConvert.Assembly == typeof(DomainError).Assembly || typeToConvert.Assembly == typeof(ApiEnumConverter).Assembly);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) => _strings.CreateConverter(typeToConvert, options);
}

/// <summary>The serializer options request bodies are read with: the HTTP options, plus unknown fields and nulls in non-nullable members refused.</summary>
internal sealed class ApiJson(IOptions<JsonOptions> http)
{
    private JsonSerializerOptions? _read;

    // Reflection, not the source-generated contracts: those set every init-only member they do not find in the JSON to
    // its default, so an absent list would be a default ImmutableArray instead of the record's empty one.
    public JsonSerializerOptions Read => _read ??= CreateRead(http.Value.SerializerOptions);

    private static JsonSerializerOptions CreateRead(JsonSerializerOptions http)
    {
        var options = new JsonSerializerOptions(http)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            // A polymorphic value (an approval condition) may name its "type" after its other members, as clients write it.
            AllowOutOfOrderMetadataProperties = true,
        };
        return options;
    }

    public JsonSerializerOptions Write => http.Value.SerializerOptions;
}
