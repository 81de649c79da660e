using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OrderCluster.Runtime.CodeGen;

/// <summary>
/// Decides whether a type is deeply immutable, so that a local call may pass it without copying.
/// Immutable: primitives, strings, enums, well-known value types, System.Collections.Immutable
/// collections of immutable elements, [Immutable] types, and records, structs and sealed classes
/// whose fields are all read-only (init-only properties included) and of immutable types.
/// Everything else (arrays, List, interfaces, settable properties) is copied.
/// </summary>
internal sealed class ImmutabilityAnalyzer
{
    private static readonly HashSet<string> ImmutableValueTypes =
    [
        "System.DateTime", "System.DateTimeOffset", "System.TimeSpan", "System.Guid", "System.DateOnly",
        "System.TimeOnly", "System.Half", "System.Int128", "System.UInt128",
        "OrderCluster.Runtime.GrainId", "OrderCluster.Runtime.CodeGeneration.VoidResult",
    ];

    private static readonly HashSet<string> ImmutableClasses = ["System.Uri", "System.Version"];

    private static readonly HashSet<string> ImmutableCollections =
    [
        "System.Collections.Immutable.ImmutableArray`1", "System.Collections.Immutable.ImmutableList`1",
        "System.Collections.Immutable.ImmutableHashSet`1", "System.Collections.Immutable.ImmutableDictionary`2",
        "System.Collections.Immutable.ImmutableSortedDictionary`2", "System.Collections.Immutable.ImmutableSortedSet`1",
        "System.Collections.Immutable.ImmutableQueue`1", "System.Collections.Immutable.ImmutableStack`1",
        "System.Nullable`1", "System.Collections.Generic.KeyValuePair`2",
    ];

    private readonly Dictionary<ITypeSymbol, bool> _known = new(SymbolEqualityComparer.Default);

    public bool IsImmutable(ITypeSymbol type)
    {
        if (_known.TryGetValue(type, out var known)) return known;
        _known[type] = true; // assume so while visiting, which makes recursive types terminate
        var result = Analyze(type);
        _known[type] = result;
        return result;
    }

    private bool Analyze(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: case SpecialType.System_Char: case SpecialType.System_SByte:
            case SpecialType.System_Byte: case SpecialType.System_Int16: case SpecialType.System_UInt16:
            case SpecialType.System_Int32: case SpecialType.System_UInt32: case SpecialType.System_Int64:
            case SpecialType.System_UInt64: case SpecialType.System_Decimal: case SpecialType.System_Single:
            case SpecialType.System_Double: case SpecialType.System_String:
                return true;
        }

        if (type.TypeKind == TypeKind.Enum) return true;
        if (type is not INamedTypeSymbol named) return false; // arrays, pointers, type parameters
        if (named.TypeKind is TypeKind.Interface or TypeKind.Delegate) return false;

        var definition = MetadataName(named.OriginalDefinition);
        if (ImmutableValueTypes.Contains(definition) || ImmutableClasses.Contains(definition)) return true;
        if (ImmutableCollections.Contains(definition)) return named.TypeArguments.All(IsImmutable);
        if (HasAttribute(named, KnownTypes.ImmutableAttribute)) return true;
        if (named.IsGenericType && named.TypeArguments.Any(t => !IsImmutable(t))) return false;

        var isValueType = named.IsValueType;
        if (!isValueType && !named.IsSealed && !named.IsRecord) return false;
        if (!isValueType && named.BaseType is { SpecialType: not SpecialType.System_Object } baseType
            && !IsImmutable(baseType)) return false;

        foreach (var member in named.GetMembers())
        {
            if (member.IsStatic || member.Name == "EqualityContract") continue; // records' synthesized Type property
            switch (member)
            {
                case IFieldSymbol field:
                    if (!field.IsReadOnly && !field.IsConst) return false;
                    if (!IsImmutable(field.Type)) return false;
                    break;
                case IPropertySymbol property:
                    if (property.SetMethod is { IsInitOnly: false }) return false;
                    // Conservative: a computed property of a mutable type also makes the type "copied".
                    if (!property.IsIndexer && !IsImmutable(property.Type)) return false;
                    break;
            }
        }

        return true;
    }

    internal static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { } c && MetadataName(c) == metadataName);

    internal static string MetadataName(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : "";
        var outer = type.ContainingType is { } containing ? MetadataName(containing) + "+" : ns;
        return outer + type.MetadataName;
    }
}
