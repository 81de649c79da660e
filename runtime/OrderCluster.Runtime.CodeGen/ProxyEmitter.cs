using System.Linq;

namespace OrderCluster.Runtime.CodeGen;

/// <summary>Emits the proxy of one grain interface: each method builds its request and sends it.</summary>
internal static class ProxyEmitter
{
    public static string ProxyClassName(InterfaceModel model) =>
        "Proxy_" + Naming.Mangle(model.FullName);

    public static void Emit(SourceWriter w, InterfaceModel model)
    {
        var name = ProxyClassName(model);
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"OrderCluster.Runtime.CodeGen\", \"1.0\")]");
        w.Open($"internal sealed class {name} : global::OrderCluster.Runtime.CodeGeneration.GrainReference, {model.FullName}");
        w.Line($"public {name}(global::OrderCluster.Runtime.GrainId grainId, global::OrderCluster.Runtime.CodeGeneration.IGrainCallInvoker invoker) : base(grainId, invoker) {{ }}");
        foreach (var m in model.Methods)
        {
            w.Line();
            var parameters = string.Join(", ", m.Parameters.Select(p => $"{p.Type} {Escape(p.Name)}"));
            w.Open($"{ReturnType(m)} {m.DeclaringInterface}.{m.Name}({parameters})");
            var assignments = string.Join(", ", m.Parameters.Select((p, i) => $"Arg{i} = {Escape(p.Name)}"));
            w.Line($"var __request = new {m.RequestClassName} {{ {assignments} }};");
            w.Line(m.ReturnKind switch
            {
                ReturnKind.ValueTask => "return new global::System.Threading.Tasks.ValueTask(InvokeAsync(__request));",
                ReturnKind.ValueTaskOfT => $"return new global::System.Threading.Tasks.ValueTask<{m.ResultType}>(InvokeAsync(__request));",
                _ => "return InvokeAsync(__request);",
            });
            w.Close();
        }

        w.Close();
        w.Line();
    }

    private static string ReturnType(MethodModel m) => m.ReturnKind switch
    {
        ReturnKind.Task => "global::System.Threading.Tasks.Task",
        ReturnKind.ValueTask => "global::System.Threading.Tasks.ValueTask",
        ReturnKind.TaskOfT => $"global::System.Threading.Tasks.Task<{m.ResultType}>",
        _ => $"global::System.Threading.Tasks.ValueTask<{m.ResultType}>",
    };

    private static string Escape(string name) => "@" + name;
}
