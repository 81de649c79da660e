namespace OrderCluster.Runtime.CodeGen;

/// <summary>How a grain method returns.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>A grain interface and every method its proxy must implement (inherited ones included).</summary>
internal sealed record InterfaceModel(
    string FullName,
    string Name,
    EquatableArray<MethodModel> Methods);

/// <summary>A grain method, with what the emitter needs to call, copy and serialize it.</summary>
internal sealed record MethodModel(
    string DeclaringInterface,
    string Name,
    string Signature,
    ReturnKind ReturnKind,
    string ResultType,
    bool ResultImmutable,
    EquatableArray<ParameterModel> Parameters,
    bool IsReadOnly,
    bool AlwaysInterleave,
    string? TimeoutSeconds)
{
    /// <summary>Unique within the compilation; names the request class.</summary>
    public string RequestClassName => "Request_" + Naming.Mangle(DeclaringInterface) + "_" + Name + "_" + Naming.StableHash(Signature).ToString("x8");
}

internal sealed record ParameterModel(string Name, string Type, bool Immutable);

/// <summary>How the generated factory obtains one grain constructor argument.</summary>
internal enum ConstructorArgumentKind
{
    Service,
    OptionalService,
    PersistentState,
    GrainContext,
    GrainFactory,
}

internal sealed record ConstructorArgumentModel(ConstructorArgumentKind Kind, string Type, string? StateName, string? StateType);

/// <summary>A grain class: its type name, interfaces, constructor and scheduling options.</summary>
internal sealed record GrainClassModel(
    string FullName,
    string GrainType,
    EquatableArray<string> Interfaces,
    EquatableArray<ConstructorArgumentModel> ConstructorArguments,
    bool IsReentrant,
    string? CollectionAgeMinutes);

/// <summary>A problem found while reading a declaration, reported as a compile error.</summary>
internal sealed record DiagnosticModel(string Id, string Message, Microsoft.CodeAnalysis.Location? Location);

/// <summary>A model read from one declaration, or the problems that prevented it.</summary>
internal sealed record ReadResult<T>(T? Model, EquatableArray<DiagnosticModel> Problems) where T : class
{
    public static readonly ReadResult<T> None = new(null, default);
}

internal static class ReadResult
{
    public static ReadResult<T> From<T>((T? Model, System.Collections.Generic.List<DiagnosticModel> Problems) read) where T : class =>
        new(read.Model, read.Problems.ToEquatableArray());
}
