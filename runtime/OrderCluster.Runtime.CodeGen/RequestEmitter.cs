using System.Linq;

namespace OrderCluster.Runtime.CodeGen;

/// <summary>Emits the request class of one grain method: its arguments, invocation, copying and JSON form.</summary>
internal static class RequestEmitter
{
    private const string Cg = "global::OrderCluster.Runtime.CodeGeneration";
    private const string Json = "global::System.Text.Json";

    public static void Emit(SourceWriter w, MethodModel m)
    {
        var flags = m.IsReadOnly && m.AlwaysInterleave
            ? $"{Cg}.GrainMethodFlags.ReadOnly | {Cg}.GrainMethodFlags.AlwaysInterleave"
            : m.IsReadOnly ? $"{Cg}.GrainMethodFlags.ReadOnly"
            : m.AlwaysInterleave ? $"{Cg}.GrainMethodFlags.AlwaysInterleave"
            : $"{Cg}.GrainMethodFlags.None";
        var timeout = m.TimeoutSeconds ?? "null";

        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"OrderCluster.Runtime.CodeGen\", \"1.0\")]");
        w.Open($"internal sealed class {m.RequestClassName} : {Cg}.GrainRequest<{m.ResultType}>");
        w.Line($"internal static readonly {Cg}.GrainMethod MethodInfo = new(typeof({m.DeclaringInterface}), \"{m.Name}\", \"{m.Signature}\", {flags}, {timeout}, static () => new {m.RequestClassName}());");
        w.Line();
        for (var i = 0; i < m.Parameters.Length; i++)
            w.Line($"public {m.Parameters[i].Type} Arg{i} = default!;");
        w.Line();
        w.Line($"public override {Cg}.GrainMethod Method => MethodInfo;");
        w.Line();
        EmitInvoke(w, m);
        EmitCopying(w, m);
        EmitSerialization(w, m);
        w.Close();
        w.Line();
    }

    private static void EmitInvoke(SourceWriter w, MethodModel m)
    {
        var args = string.Join(", ", Enumerable.Range(0, m.Parameters.Length).Select(i => $"Arg{i}"));
        var call = $"(({m.DeclaringInterface})grain).{m.Name}({args})";
        var body = m.ReturnKind switch
        {
            ReturnKind.TaskOfT => $"new({call})",
            ReturnKind.ValueTaskOfT => call,
            _ => $"{Cg}.VoidResult.From({call})",
        };
        w.Line($"protected override global::System.Threading.Tasks.ValueTask<{m.ResultType}> InvokeMethodAsync(object grain) => {body};");
        w.Line();
    }

    private static void EmitCopying(SourceWriter w, MethodModel m)
    {
        var mutable = Enumerable.Range(0, m.Parameters.Length).Where(i => !m.Parameters[i].Immutable).ToList();
        if (mutable.Count > 0)
        {
            w.Open($"public override void CopyArguments({Json}.JsonSerializerOptions options)");
            foreach (var i in mutable) w.Line($"Arg{i} = {Cg}.DeepCopier.Copy(Arg{i}, options);");
            w.Close();
            w.Line();
        }

        if (!m.ResultImmutable)
        {
            w.Line($"protected override {m.ResultType} CopyResult({m.ResultType} result, {Json}.JsonSerializerOptions options) => {Cg}.DeepCopier.Copy(result, options);");
            w.Line();
        }
    }

    private static void EmitSerialization(SourceWriter w, MethodModel m)
    {
        w.Open($"public override void WriteArguments({Json}.Utf8JsonWriter writer, {Json}.JsonSerializerOptions options)");
        w.Line("writer.WriteStartArray();");
        for (var i = 0; i < m.Parameters.Length; i++) w.Line($"{Cg}.GrainArguments.Write(writer, Arg{i}, options);");
        w.Line("writer.WriteEndArray();");
        w.Close();
        w.Line();
        w.Open($"public override void ReadArguments(ref {Json}.Utf8JsonReader reader, {Json}.JsonSerializerOptions options)");
        w.Line($"{Cg}.GrainArguments.BeginRead(ref reader);");
        for (var i = 0; i < m.Parameters.Length; i++)
            w.Line($"Arg{i} = {Cg}.GrainArguments.Read<{m.Parameters[i].Type}>(ref reader, options);");
        w.Line($"{Cg}.GrainArguments.EndRead(ref reader);");
        w.Close();
    }
}
