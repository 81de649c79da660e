using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.OpenApi;

/// <summary>The OpenAPI document matches the server: every mapped route and method is in it, and every documented JSON body lists exactly the fields the server accepts, with the same required ones.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class OpenApiContractTests(ApiCluster api)
{
    private async Task<JsonElement> DocumentAsync()
    {
        using var anonymous = api.Client(key: null);
        return await ApiAssert.OkJsonAsync(await anonymous.GetAsync("/openapi/v1.json"));
    }

    private IReadOnlyList<RouteEndpoint> ApiEndpoints() =>
        ((IEndpointRouteBuilder)api.Cluster.Silos[0].App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true)
            .ToList();

    private static string DocumentPath(RouteEndpoint endpoint) => Constraint().Replace(endpoint.RoutePattern.RawText!.TrimEnd('/'), "{$1}");

    [Fact]
    public async Task Every_mapped_route_and_method_is_in_the_document_and_nothing_else()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");

        var mapped = ApiEndpoints()
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m.ToLowerInvariant()} {DocumentPath(e)}"))
            .ToHashSet();
        var documented = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch").Select(o => $"{o.Name} {p.Name}"))
            .ToHashSet();

        Assert.True(mapped.Count > 40, $"only {mapped.Count} routes mapped");
        Assert.Empty(mapped.Except(documented));
        Assert.Empty(documented.Except(mapped));
    }

    [Fact]
    public async Task Every_documented_json_body_lists_exactly_the_fields_the_server_reads_with_the_same_required_ones()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var reader = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var checkedBodies = 0;

        foreach (var endpoint in ApiEndpoints())
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { RequestType: { } type } accepts || !accepts.ContentTypes.Contains("application/json")) continue;
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant();
            var operation = document.GetProperty("paths").GetProperty(DocumentPath(endpoint)).GetProperty(method);
            var schema = Resolve(schemas, operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));

            var server = reader.GetTypeInfo(type).Properties;
            var documentedFields = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order();
            var documentedRequired = schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).Order().ToList() : [];

            Assert.Equal(server.Select(p => p.Name).Order(), documentedFields);
            Assert.Equal(server.Where(p => p.IsRequired).Select(p => p.Name).Order(), documentedRequired);
            checkedBodies++;
        }

        Assert.True(checkedBodies > 25, $"only {checkedBodies} JSON bodies checked");
    }

    [Fact]
    public async Task Enums_are_documented_as_the_camel_case_names_the_server_accepts_and_the_key_scheme_is_declared()
    {
        var document = await DocumentAsync();
        var text = document.GetRawText();

        Assert.Contains("\"inStore\"", text);
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("scheme").GetString());
    }

    private static JsonElement Resolve(JsonElement schemas, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema;

    [GeneratedRegex(@"\{(\w+):[^}]+\}")]
    private static partial Regex Constraint();
}
