namespace OrderCluster.Runtime;

/// <summary>Names the grain type of a grain class (default: the class name without a trailing "Grain", lower-case).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Lets any request of this grain class interleave with any other at <c>await</c> points.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>Marks a method that changes nothing: read-only requests interleave with each other, never with writers.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>Lets this method interleave with every other request of the grain.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>Overrides the call deadline (default 30 s) for one method or for every method of an interface.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface)]
public sealed class ResponseTimeoutAttribute(double seconds) : Attribute
{
    public TimeSpan Timeout { get; } = TimeSpan.FromSeconds(seconds);
}

/// <summary>Idle time after which an activation of this class is collected (default 15 min).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CollectionAgeLimitAttribute(double minutes) : Attribute
{
    public TimeSpan Age { get; } = TimeSpan.FromMinutes(minutes);
}

/// <summary>Injects <see cref="IPersistentState{TState}"/> into a grain constructor parameter.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    public string StateName { get; } = stateName;
}

/// <summary>Declares a type deeply immutable, so calls pass it without copying.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class ImmutableAttribute : Attribute;
