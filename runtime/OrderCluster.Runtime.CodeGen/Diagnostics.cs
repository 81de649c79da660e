using Microsoft.CodeAnalysis;

namespace OrderCluster.Runtime.CodeGen;

/// <summary>Errors the generator reports on grain declarations it cannot support.</summary>
internal static class Diagnostics
{
    public static readonly DiagnosticDescriptor Unsupported = new(
        "OCG001", "Unsupported grain declaration", "{0}", "OrderCluster.CodeGen", DiagnosticSeverity.Error, true);
}
