using System.Text;
using System.Text.Json;

namespace OrderCluster.Deployment.Tests.Tools;

/// <summary>The objects of one rendering, as JSON, with lookups for the ones the tests look at.</summary>
internal sealed class Manifests
{
    private Manifests(IReadOnlyList<JsonElement> objects) => Objects = objects;

    public IReadOnlyList<JsonElement> Objects { get; }

    /// <summary>Parses kubectl's output: one JSON object per manifest, or a List of them.</summary>
    public static Manifests Parse(string json)
    {
        var objects = new List<JsonElement>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement.Clone();
            if (root.Str("kind") == "List")
                objects.AddRange(root.Get("items").EnumerateArray());
            else
                objects.Add(root);
        }
        return new Manifests(objects);
    }

    public IEnumerable<JsonElement> OfKind(string kind) => Objects.Where(o => o.Str("kind") == kind);

    public JsonElement Named(string kind, string name)
    {
        var matches = OfKind(kind).Where(o => o.Str("metadata", "name") == name).ToList();
        Assert.True(matches.Count == 1, $"Expected one {kind} named {name}, found {matches.Count}. Rendered: {Summary}");
        return matches[0];
    }

    public bool Has(string kind, string name) => OfKind(kind).Any(o => o.Str("metadata", "name") == name);

    /// <summary>The silo workload (StatefulSet or Deployment) named after the release.</summary>
    public JsonElement Silo =>
        Objects.Single(o => o.Str("kind") is "StatefulSet" or "Deployment" && o.Str("metadata", "name") == ChartFixture.FullName);

    public JsonElement SiloPodSpec => Silo.Get("spec", "template", "spec");

    public JsonElement SiloContainer => SiloPodSpec.Get("containers").EnumerateArray().Single(c => c.Str("name") == "silo");

    public JsonElement ConfigMapData => Named("ConfigMap", ChartFixture.FullName).Get("data");

    /// <summary>The silo container's env entry <paramref name="name"/>.</summary>
    public JsonElement SiloEnv(string name) =>
        SiloContainer.Get("env").EnumerateArray().Single(e => e.Str("name") == name);

    public string Summary => string.Join(", ", Objects.Select(o => $"{o.Str("kind")}/{o.Str("metadata", "name")}"));

    public static string SecretValue(JsonElement secret, string key) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(secret.Str("data", key)));
}

/// <summary>Short paths into JSON: <c>pod.Get("spec", "containers")</c>; a missing step names the path.</summary>
internal static class JsonPath
{
    public static JsonElement Get(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var step in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current))
                throw new KeyNotFoundException($"No '{string.Join('.', path)}' (missing '{step}') in {Abbreviate(element)}");
        }
        return current;
    }

    public static bool Has(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var step in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current))
                return false;
        }
        return true;
    }

    public static string Str(this JsonElement element, params string[] path)
    {
        var value = element.Get(path);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    public static int Int(this JsonElement element, params string[] path) => element.Get(path).GetInt32();

    public static bool Bool(this JsonElement element, params string[] path) => element.Get(path).GetBoolean();

    public static IReadOnlyList<string> Strings(this JsonElement element, params string[] path) =>
        element.Get(path).EnumerateArray().Select(e => e.GetString()!).ToList();

    public static IReadOnlyDictionary<string, string> StringMap(this JsonElement element, params string[] path) =>
        element.Get(path).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static string Abbreviate(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 300 ? text : text[..300] + "...";
    }
}
