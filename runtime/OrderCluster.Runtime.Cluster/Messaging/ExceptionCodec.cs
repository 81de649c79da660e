using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using OrderCluster.Runtime.Cluster.Transport.Wire;

namespace OrderCluster.Runtime.Cluster.Messaging;

/// <summary>
/// Exceptions across silos. The type name, message and stack travel, plus the exception's own public properties as
/// JSON, so a domain error (a code, offending fields) arrives whole: the caller gets the same type, rebuilt through a
/// constructor whose parameters match those properties by name, else through (string message); a type the caller
/// does not know becomes a <see cref="GrainException"/> carrying its name. Reflection runs on this error path only.
/// </summary>
internal static class ExceptionCodec
{
    private const int MaxStackLength = 8 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> OwnProperties = new();

    public static ErrorInfo Encode(Exception exception)
    {
        var type = exception.GetType();
        return new ErrorInfo
        {
            Type = type.FullName ?? type.Name,
            Assembly = type.Assembly.GetName().Name ?? "",
            Message = exception.Message,
            StackTrace = Truncate(exception.StackTrace ?? ""),
            DetailsJson = Details(exception),
        };
    }

    public static Exception Decode(ErrorInfo error)
    {
        var type = Type.GetType($"{error.Type}, {error.Assembly}", throwOnError: false);
        if (type is not null && typeof(Exception).IsAssignableFrom(type))
        {
            var rebuilt = TryConstruct(type, error);
            if (rebuilt is not null)
            {
                if (error.StackTrace.Length > 0) rebuilt.Data["RemoteStackTrace"] = error.StackTrace;
                return rebuilt;
            }
        }

        return new GrainException(error.Type, error.Message, error.StackTrace);
    }

    private static string Details(Exception exception)
    {
        var properties = PropertiesOf(exception.GetType());
        if (properties.Length == 0) return "";
        var values = new Dictionary<string, JsonElement>();
        foreach (var property in properties)
        {
            try
            {
                values[property.Name] = JsonSerializer.SerializeToElement(property.GetValue(exception), property.PropertyType, Json);
            }
            catch (Exception e) when (e is NotSupportedException or JsonException or TargetInvocationException or InvalidOperationException)
            {
                // a property that cannot travel is left out; the message still does
            }
        }

        return JsonSerializer.Serialize(values, Json);
    }

    private static Exception? TryConstruct(Type type, ErrorInfo error)
    {
        var details = error.DetailsJson.Length > 0
            ? JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(error.DetailsJson, Json)!
            : [];
        var named = new Dictionary<string, JsonElement>(details, StringComparer.OrdinalIgnoreCase);
        foreach (var constructor in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
        {
            var parameters = constructor.GetParameters();
            var arguments = new object?[parameters.Length];
            var usable = true;
            for (var i = 0; i < parameters.Length && usable; i++)
            {
                var p = parameters[i];
                if (named.TryGetValue(p.Name!, out var value))
                    usable = TryRead(value, p.ParameterType, out arguments[i]);
                else if (p.ParameterType == typeof(string) && p.Name is "message" or "reason")
                    arguments[i] = error.Message;
                else
                    usable = false;
            }

            if (!usable) continue;
            try
            {
                return (Exception)constructor.Invoke(arguments);
            }
            catch (TargetInvocationException)
            {
                // try the next constructor
            }
        }

        return null;
    }

    private static bool TryRead(JsonElement value, Type type, out object? result)
    {
        try
        {
            result = value.Deserialize(type, Json);
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            result = null;
            return false;
        }
    }

    // Public readable properties declared below System.Exception: what the exception type adds.
    private static PropertyInfo[] PropertiesOf(Type type) =>
        OwnProperties.GetOrAdd(type, static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.DeclaringType != typeof(Exception)
                        && p.DeclaringType!.IsSubclassOf(typeof(Exception)))
            .ToArray());

    private static string Truncate(string text) => text.Length <= MaxStackLength ? text : text[..MaxStackLength];
}
