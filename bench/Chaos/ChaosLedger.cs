using System.Text.Json;

namespace OrderCluster.Bench.Chaos;

/// <summary>One acknowledged operator write: the order, the command (<c>allocate</c>, <c>advance:ship</c>, …) and the status the answer named.</summary>
internal sealed record AckedCommand(string OrderId, string Command, string? Status);

/// <summary>
/// What the load generator was told succeeded (its <c>--ledger</c> file: JSON lines of kind run, order, command, end). Only
/// acknowledged writes are in it, so everything in it must be found afterwards.
/// </summary>
internal sealed class ChaosLedger
{
    public required string RunTag { get; init; }

    public required string Tenant { get; init; }

    public required string WarehouseId { get; init; }

    public required int StockPerSku { get; init; }

    /// <summary>Idempotency-Key → the order id its first acknowledgement named.</summary>
    public required IReadOnlyDictionary<string, string> Orders { get; init; }

    /// <summary>Keys answered with two different order ids (each one is a violation by itself).</summary>
    public required IReadOnlyList<string> KeysAnsweredTwice { get; init; }

    public required IReadOnlyList<AckedCommand> Commands { get; init; }

    public required bool Ended { get; init; }

    public static ChaosLedger Read(string path)
    {
        string? runTag = null, tenant = null, warehouse = null;
        var stock = 0;
        var ended = false;
        var orders = new Dictionary<string, string>(StringComparer.Ordinal);
        var twice = new List<string>();
        var commands = new List<AckedCommand>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            using var json = ParseLine(line, path, lineNumber);
            var e = json.RootElement;
            switch (Text(e, "kind"))
            {
                case "run":
                    (runTag, tenant, warehouse) = (Text(e, "runTag"), Text(e, "tenant"), Text(e, "warehouseId"));
                    stock = e.GetProperty("stockPerSku").GetInt32();
                    break;
                case "order":
                    var key = Text(e, "idempotencyKey")!;
                    var orderId = Text(e, "orderId")!;
                    if (!orders.TryAdd(key, orderId) && orders[key] != orderId) twice.Add(key);
                    break;
                case "command":
                    commands.Add(new AckedCommand(Text(e, "orderId")!, Text(e, "command")!, Text(e, "status")));
                    break;
                case "end":
                    ended = true;
                    break;
            }
        }

        if (runTag is null || tenant is null || warehouse is null)
            throw new InvalidDataException($"{path} has no 'run' line naming runTag, tenant and warehouseId: is it a ledger of 'bench load'?");
        return new ChaosLedger
        {
            RunTag = runTag, Tenant = tenant, WarehouseId = warehouse, StockPerSku = stock, Orders = orders, KeysAnsweredTwice = twice,
            Commands = commands, Ended = ended,
        };
    }

    private static JsonDocument ParseLine(string line, string path, int number)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} line {number} is not JSON: {e.Message}", e);
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
