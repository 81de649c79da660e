using System.Net;
using OrderCluster.Api.Tests.Support;

namespace OrderCluster.Api.Tests.Problems;

/// <summary>Bad input is a 4xx problem naming the field, never a 5xx or a stack trace.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProblemDetailsTests(ApiCluster api)
{
    private const string Valid = """
        {"customer":{"customerId":"c-1"},"channel":{"kind":"online"},"currency":"EUR",
         "lines":[{"sku":"A","quantity":1,"unitPrice":5}],
         "shippingAddress":{"name":"A","line1":"B","city":"C","postalCode":"D","countryCode":"GB"},
         "shipping":{"method":"std"}}
        """;

    [Theory]
    [InlineData("{\"customer\":", "body")]
    [InlineData("not json", "body")]
    [InlineData("[]", "body")]
    [InlineData("null", "body")]
    public async Task Malformed_json_is_400(string body, string field)
    {
        using var client = api.Client();

        var response = await client.SendRawAsync(HttpMethod.Post, "/api/v1/orders", body);

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request"), field);
    }

    [Theory]
    [InlineData("\"quantity\":1", "\"quantity\":\"three\"", "lines[0].quantity")]
    [InlineData("\"quantity\":1", "\"quantity\":1e40", "lines[0].quantity")]
    [InlineData("\"kind\":\"online\"", "\"kind\":\"carrier-pigeon\"", "channel.kind")]
    [InlineData("\"kind\":\"online\"", "\"kind\":2", "channel.kind")]
    [InlineData("\"currency\":\"EUR\"", "\"currency\":\"EUR\",\"priority\":\"mega\"", "priority")]
    [InlineData("\"currency\":\"EUR\"", "\"currency\":\"EUR\",\"discountCode\":\"X\"", "discountCode")]
    [InlineData("\"currency\":\"EUR\",", "", "currency")]
    [InlineData("\"currency\":\"EUR\"", "\"currency\":null", "currency")]
    public async Task Wrong_types_unknown_enum_values_unknown_fields_and_missing_members_are_400_naming_the_field(string find, string replace, string field)
    {
        using var client = api.Client();

        var response = await client.SendRawAsync(HttpMethod.Post, "/api/v1/orders", Valid.Replace(find, replace));

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest), field);
    }

    [Theory]
    [InlineData("\"currency\":\"EUR\"", "\"currency\":\"EUR\",\"tags\":[\"a\",null]", "tags[1]")]
    [InlineData("\"unitPrice\":5}]", "\"unitPrice\":5},null]", "lines[1]")]
    [InlineData("\"currency\":\"EUR\"", "\"currency\":\"EUR\",\"tags\":[[null]]", "tags[0][0]")]
    public async Task A_null_inside_an_array_is_400_naming_its_path(string find, string replace, string field)
    {
        using var client = api.Client();

        var response = await client.SendRawAsync(HttpMethod.Post, "/api/v1/orders", Valid.Replace(find, replace));

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request"), field);
    }

    [Theory]
    [InlineData("\"currency\":\"EUR\"", "\"currency\":\"EUR\",\"note\":null")]
    [InlineData("\"unitPrice\":5}]", "\"unitPrice\":5,\"unitCost\":null}]")]
    public async Task A_null_member_outside_an_array_is_not_taken_for_a_null_element(string find, string replace)
    {
        using var client = api.Client();

        var response = await client.SendRawAsync(HttpMethod.Post, "/api/v1/orders", Valid.Replace(find, replace));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_value_the_domain_refuses_is_422_naming_the_field()
    {
        using var client = api.Client();

        var response = await client.SendRawAsync(HttpMethod.Post, "/api/v1/orders", Valid.Replace("\"quantity\":1", "\"quantity\":0"));

        ApiAssert.NamesField(await ApiAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation-failed"), "lines[0].quantity");
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_a_wrong_content_type_415()
    {
        using var client = api.Client();
        var huge = Valid.Replace("\"std\"", "\"" + new string('x', 2 * 1024 * 1024) + "\"");

        var tooLarge = await client.SendRawAsync(HttpMethod.Post, "/api/v1/orders", huge);
        var wrongType = await client.SendRawAsync(HttpMethod.Post, "/api/v1/orders", Valid, "text/plain");

        await ApiAssert.ProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        await ApiAssert.ProblemAsync(wrongType, HttpStatusCode.UnsupportedMediaType); // refused by routing, which knows the endpoint accepts JSON only
    }

    [Fact]
    public async Task Unknown_ids_are_404_with_a_stable_type_and_a_malformed_if_match_is_400()
    {
        using var client = api.Client();

        var unknown = await client.GetAsync("/api/v1/orders/no-such-order");
        var malformedId = await client.GetAsync("/api/v1/orders/%20bad%20id");
        var badIfMatch = await client.PostJsonAsync("/api/v1/orders/no-such-order/change-tags", new { add = new[] { "x" } }, ifMatch: "\"abc\"");
        var unknownCustomer = await client.GetAsync("/api/v1/customers/nobody");
        var unknownDraft = await client.GetAsync("/api/v1/drafts/nothing");

        await ApiAssert.ProblemAsync(unknown, HttpStatusCode.NotFound, "order-not-found");
        await ApiAssert.ProblemAsync(malformedId, HttpStatusCode.NotFound, "order-not-found");
        ApiAssert.NamesField(await ApiAssert.ProblemAsync(badIfMatch, HttpStatusCode.BadRequest), "If-Match");
        await ApiAssert.ProblemAsync(unknownCustomer, HttpStatusCode.NotFound, "customer-not-found");
        await ApiAssert.ProblemAsync(unknownDraft, HttpStatusCode.NotFound, "draft-not-found");
    }
}
