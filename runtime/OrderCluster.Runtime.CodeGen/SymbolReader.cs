using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OrderCluster.Runtime.CodeGen;

/// <summary>Turns grain interface and grain class symbols into the generator's equatable models.</summary>
internal static class SymbolReader
{
    private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes
                                  | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat SignatureFormat = SymbolDisplayFormat.CSharpErrorMessageFormat;

    public static bool IsGrainInterface(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface
        && ImmutabilityAnalyzer.MetadataName(type) is not (KnownTypes.IGrain or KnownTypes.IGrainWithStringKey)
        && type.AllInterfaces.Any(i => ImmutabilityAnalyzer.MetadataName(i) == KnownTypes.IGrain);

    public static (InterfaceModel? Model, List<DiagnosticModel> Problems) ReadInterface(INamedTypeSymbol type)
    {
        var problems = new List<DiagnosticModel>();
        if (type.IsGenericType)
        {
            problems.Add(Problem(type, $"Grain interface {type.Name} is generic; grain interfaces cannot be generic."));
            return (null, problems);
        }

        var analyzer = new ImmutabilityAnalyzer();
        var methods = new List<MethodModel>();
        foreach (var iface in new[] { type }.Concat(type.AllInterfaces).Where(IsGrainInterface))
        {
            var interfaceTimeout = TimeoutOf(iface);
            foreach (var method in iface.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.MethodKind != MethodKind.Ordinary || method.IsStatic) continue;
                var model = ReadMethod(iface, method, interfaceTimeout, analyzer, problems);
                if (model is not null) methods.Add(model);
            }
        }

        if (problems.Count > 0) return (null, problems);
        return (new InterfaceModel(type.ToDisplayString(FullyQualified), type.Name, methods.ToEquatableArray()), problems);
    }

    private static MethodModel? ReadMethod(INamedTypeSymbol iface, IMethodSymbol method, string? interfaceTimeout,
        ImmutabilityAnalyzer analyzer, List<DiagnosticModel> problems)
    {
        var where = $"{iface.Name}.{method.Name}";
        if (method.IsGenericMethod)
        {
            problems.Add(Problem(method, $"{where} is generic; grain methods cannot be generic."));
            return null;
        }

        if (!TryReadReturn(method.ReturnType, out var kind, out var resultType))
        {
            problems.Add(Problem(method, $"{where} returns {method.ReturnType.ToDisplayString()}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>."));
            return null;
        }

        var parameters = new List<ParameterModel>();
        foreach (var p in method.Parameters)
        {
            if (p.RefKind != RefKind.None || p.Type.ToDisplayString() == "System.Threading.CancellationToken")
            {
                problems.Add(Problem(p, $"{where}: parameter '{p.Name}' is {(p.RefKind != RefKind.None ? "by reference" : "a CancellationToken")}; grain calls pass serializable values only."));
                continue;
            }

            parameters.Add(new ParameterModel(p.Name, p.Type.ToDisplayString(FullyQualified), analyzer.IsImmutable(p.Type)));
        }

        var resultImmutable = resultType is null || analyzer.IsImmutable(resultType);
        var signature = $"{ImmutabilityAnalyzer.MetadataName(iface)}.{method.Name}("
                        + string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString(SignatureFormat))) + ")";
        return new MethodModel(
            iface.ToDisplayString(FullyQualified), method.Name, signature, kind,
            resultType?.ToDisplayString(FullyQualified) ?? "global::OrderCluster.Runtime.CodeGeneration.VoidResult",
            resultImmutable, parameters.ToEquatableArray(),
            ImmutabilityAnalyzer.HasAttribute(method, KnownTypes.ReadOnlyAttribute),
            ImmutabilityAnalyzer.HasAttribute(method, KnownTypes.AlwaysInterleaveAttribute),
            TimeoutOf(method) ?? interfaceTimeout);
    }

    private static bool TryReadReturn(ITypeSymbol type, out ReturnKind kind, out ITypeSymbol? result)
    {
        result = null;
        kind = default;
        if (type is not INamedTypeSymbol named) return false;
        switch (ImmutabilityAnalyzer.MetadataName(named.OriginalDefinition))
        {
            case "System.Threading.Tasks.Task": kind = ReturnKind.Task; return true;
            case "System.Threading.Tasks.ValueTask": kind = ReturnKind.ValueTask; return true;
            case "System.Threading.Tasks.Task`1": kind = ReturnKind.TaskOfT; result = named.TypeArguments[0]; return true;
            case "System.Threading.Tasks.ValueTask`1": kind = ReturnKind.ValueTaskOfT; result = named.TypeArguments[0]; return true;
            default: return false;
        }
    }

    public static bool IsGrainClass(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsGenericType) return false;
        for (var b = type.BaseType; b is not null; b = b.BaseType)
            if (ImmutabilityAnalyzer.MetadataName(b) == KnownTypes.Grain) return true;
        return false;
    }

    public static (GrainClassModel? Model, List<DiagnosticModel> Problems) ReadGrainClass(INamedTypeSymbol type)
    {
        var problems = new List<DiagnosticModel>();
        var interfaces = type.AllInterfaces.Where(IsGrainInterface)
            .Select(i => i.ToDisplayString(FullyQualified)).ToEquatableArray();
        if (interfaces.Length == 0) return (null, problems); // a base class or helper, not an addressable grain

        var constructor = type.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .OrderByDescending(c => c.Parameters.Length).FirstOrDefault();
        if (constructor is null)
        {
            problems.Add(Problem(type, $"Grain class {type.Name} needs a public or internal constructor."));
            return (null, problems);
        }

        var arguments = constructor.Parameters.Select(ReadConstructorArgument).ToEquatableArray();
        var grainType = type.GetAttributes()
            .FirstOrDefault(a => a.AttributeClass is { } c && ImmutabilityAnalyzer.MetadataName(c) == KnownTypes.GrainTypeAttribute)
            ?.ConstructorArguments[0].Value as string ?? DefaultGrainType(type.Name);
        var age = type.GetAttributes()
            .FirstOrDefault(a => a.AttributeClass is { } c && ImmutabilityAnalyzer.MetadataName(c) == KnownTypes.CollectionAgeLimitAttribute)
            ?.ConstructorArguments[0].Value;

        return (new GrainClassModel(
            type.ToDisplayString(FullyQualified), grainType, interfaces, arguments,
            ImmutabilityAnalyzer.HasAttribute(type, KnownTypes.ReentrantAttribute),
            age is double minutes ? minutes.ToString("R", CultureInfo.InvariantCulture) : null), problems);
    }

    private static ConstructorArgumentModel ReadConstructorArgument(IParameterSymbol p)
    {
        var type = p.Type.ToDisplayString(FullyQualified);
        var stateAttribute = p.GetAttributes().FirstOrDefault(a =>
            a.AttributeClass is { } c && ImmutabilityAnalyzer.MetadataName(c) == KnownTypes.PersistentStateAttribute);
        if (stateAttribute is not null && p.Type is INamedTypeSymbol { TypeArguments.Length: 1 } stateType)
        {
            return new ConstructorArgumentModel(ConstructorArgumentKind.PersistentState, type,
                stateAttribute.ConstructorArguments[0].Value as string,
                stateType.TypeArguments[0].ToDisplayString(FullyQualified));
        }

        var metadataName = p.Type is INamedTypeSymbol named ? ImmutabilityAnalyzer.MetadataName(named) : "";
        var kind = metadataName switch
        {
            KnownTypes.IGrainContext => ConstructorArgumentKind.GrainContext,
            KnownTypes.IGrainFactory => ConstructorArgumentKind.GrainFactory,
            _ when p.HasExplicitDefaultValue || p.NullableAnnotation == NullableAnnotation.Annotated => ConstructorArgumentKind.OptionalService,
            _ => ConstructorArgumentKind.Service,
        };
        return new ConstructorArgumentModel(kind, type, null, null);
    }

    /// <summary><c>OrderGrain</c> → <c>order</c>; <c>WarehouseStockGrain</c> → <c>warehouse-stock</c>.</summary>
    internal static string DefaultGrainType(string className)
    {
        var name = className.EndsWith("Grain") && className.Length > 5 ? className.Substring(0, className.Length - 5) : className;
        var chars = new List<char>();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsUpper(name[i - 1])) chars.Add('-');
            chars.Add(char.ToLowerInvariant(name[i]));
        }

        return new string(chars.ToArray());
    }

    private static string? TimeoutOf(ISymbol symbol)
    {
        var attribute = symbol.GetAttributes().FirstOrDefault(a =>
            a.AttributeClass is { } c && ImmutabilityAnalyzer.MetadataName(c) == KnownTypes.ResponseTimeoutAttribute);
        return attribute?.ConstructorArguments[0].Value is double seconds
            ? seconds.ToString("R", CultureInfo.InvariantCulture)
            : null;
    }

    private static DiagnosticModel Problem(ISymbol symbol, string message) =>
        new("OCG001", message, symbol.Locations.FirstOrDefault());
}
