using System.Text.Json;
using OrderCluster.Testing;

namespace OrderCluster.Api.Tests.Support;

/// <summary>
/// Order lists read the search read model, which the projection fills from the order streams a moment after each
/// write: a test that creates orders and lists them waits until the list shows what it expects.
/// </summary>
public static class SearchProjection
{
    /// <summary>Lists <paramref name="path"/> (an order list or saved-search run) until it shows <paramref name="count"/> items; returns that page.</summary>
    public static async Task<JsonElement> ListedAsync(HttpClient client, string path, int count)
    {
        JsonElement page = default;
        await Eventually.TrueAsync(async () =>
        {
            page = await ApiAssert.OkJsonAsync(await client.GetAsync(path));
            return page.GetProperty("items").GetArrayLength() == count;
        }, $"{path} lists {count} orders");
        return page;
    }

    /// <summary>Lists <paramref name="path"/> until every item satisfies <paramref name="condition"/> and there are <paramref name="count"/>.</summary>
    public static async Task<JsonElement> ListedAsync(HttpClient client, string path, int count, Func<JsonElement, bool> condition)
    {
        JsonElement page = default;
        await Eventually.TrueAsync(async () =>
        {
            page = await ApiAssert.OkJsonAsync(await client.GetAsync(path));
            var items = page.GetProperty("items");
            return items.GetArrayLength() == count && items.EnumerateArray().All(condition);
        }, $"{path} lists {count} orders as expected");
        return page;
    }
}
