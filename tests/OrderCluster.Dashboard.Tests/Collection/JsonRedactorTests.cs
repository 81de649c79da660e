using OrderCluster.Dashboard.Hosting;
using OrderCluster.Dashboard.Redaction;

namespace OrderCluster.Dashboard.Tests.Collection;

public sealed class JsonRedactorTests
{
    private readonly JsonRedactor _redactor = new(DashboardOptions.DefaultRedactedFields);

    [Fact]
    public void Sensitive_values_are_replaced_at_any_depth_and_in_any_shape()
    {
        var redacted = _redactor.Redact("""
            {"name":"Ann","email":"ann@example.com","payment":{"cardNumber":"4111","cvv":123,"history":[{"iban":"DE89","amount":5}]},
             "credentials":{"password":{"old":"a","new":"b"}},"tier":"gold"}
            """);

        Assert.Contains("\"name\": \"Ann\"", redacted);
        Assert.Contains("\"tier\": \"gold\"", redacted);
        Assert.Contains("\"amount\": 5", redacted);
        foreach (var secret in new[] { "ann@example.com", "4111", "123", "DE89", "\"old\"", "\"new\"" })
            Assert.DoesNotContain(secret, redacted);
        Assert.Equal(5, redacted.Split(JsonRedactor.Mask).Length - 1);
    }

    [Theory]
    [InlineData("cardNumber", true)]
    [InlineData("credit_card_number", true)]
    [InlineData("CardNumber", true)]
    [InlineData("cardnumber", true)]
    [InlineData("apiKey", true)]
    [InlineData("api-key", true)]
    [InlineData("apikey", true)]
    [InlineData("accessToken", true)]
    [InlineData("customerEmail", true)]
    [InlineData("phoneNumber", true)]
    [InlineData("passwordHash", true)]
    [InlineData("discarded", false)]
    [InlineData("discardedAt", false)]
    [InlineData("cardinality", false)]
    [InlineData("tier", false)]
    [InlineData("pandemic", false)]
    public void Names_match_by_whole_words(string property, bool sensitive) => Assert.Equal(sensitive, _redactor.IsSensitive(property));

    [Fact]
    public void The_list_is_configurable()
    {
        var redactor = new JsonRedactor(["internalNote"]);
        var redacted = redactor.Redact("""{"internalNote":"vip","email":"x@y"}""");
        Assert.DoesNotContain("vip", redacted);
        Assert.Contains("x@y", redacted);
    }

    [Fact]
    public void Text_that_is_not_json_is_never_shown_as_it_is()
    {
        var redacted = _redactor.Redact("password=hunter2");
        Assert.DoesNotContain("hunter2", redacted);
        Assert.Contains(JsonRedactor.Mask, redacted);
    }
}
