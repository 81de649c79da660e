using System.Buffers;
using System.Text.Json;

namespace OrderCluster.Bench.Intake;

/// <summary>
/// The orders a simulated marketplace integration sends: three lines from a small catalogue, a marketplace channel with the
/// marketplace's own order id, a customer of that marketplace, and the run's tag so the run's orders can be listed afterwards.
/// </summary>
internal static class MarketplaceOrders
{
    private static readonly string[] Marketplaces = ["amazon", "ebay", "zalando", "otto", "etsy", "kaufland", "allegro", "bol"];
    /// <summary>The catalogue's size: SKUs <c>SKU-0000</c> to <c>SKU-0199</c>.</summary>
    public const int Skus = 200;
    private const int CustomersPerIntegration = 500;

    public static string MarketplaceOf(int integration) => Marketplaces[integration % Marketplaces.Length];

    public static string SkuOf(int index) => $"SKU-{index:D4}";

    /// <summary>The JSON body of <c>POST /api/v1/orders</c> for order <paramref name="sequence"/> of <paramref name="integration"/>.</summary>
    public static byte[] CreateBody(string runTag, int integration, long sequence, Random random)
    {
        var marketplace = MarketplaceOf(integration);
        var customer = $"{marketplace}-{integration}-c{sequence % CustomersPerIntegration}";
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("customer");
            json.WriteString("customerId", customer);
            json.WriteString("name", $"Customer {customer}");
            json.WriteString("email", $"{customer}@example.com");
            json.WriteEndObject();
            json.WriteStartObject("channel");
            json.WriteString("kind", "marketplace");
            json.WriteString("marketplaceName", marketplace);
            json.WriteStartArray("externalReferences");
            json.WriteStartObject();
            json.WriteString("system", marketplace);
            json.WriteString("id", $"{runTag}-{integration}-{sequence}");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("currency", "EUR");
            json.WriteStartArray("lines");
            var first = random.Next(Skus);
            for (var line = 0; line < 3; line++)
            {
                var sku = (first + line * 67) % Skus; // three distinct SKUs
                json.WriteStartObject();
                json.WriteString("sku", SkuOf(sku));
                json.WriteString("name", $"Product {sku}");
                json.WriteNumber("quantity", 1 + random.Next(3));
                json.WriteNumber("unitPrice", 5m + sku % 50 + 0.99m);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("shippingAddress");
            json.WriteString("name", $"Customer {customer}");
            json.WriteString("line1", $"{1 + sequence % 200} Hafenstrasse");
            json.WriteString("city", "Hamburg");
            json.WriteString("postalCode", $"2{sequence % 10000:D4}");
            json.WriteString("countryCode", "DE");
            json.WriteEndObject();
            json.WriteStartObject("shipping");
            json.WriteString("method", "standard");
            json.WriteNumber("price", 4.95m);
            json.WriteEndObject();
            json.WriteStartArray("tags");
            json.WriteStringValue(runTag);
            json.WriteStringValue(marketplace);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The SKU and quantity of each line of a body <see cref="CreateBody"/> made (what a ledger records of an order).</summary>
    public static IReadOnlyList<(string Sku, int Quantity)> LinesOf(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("lines").EnumerateArray()
            .Select(line => (line.GetProperty("sku").GetString()!, line.GetProperty("quantity").GetInt32()))
            .ToList();
    }
}
