namespace OrderCluster.Runtime;

/// <summary>Marker for grain interfaces. Every method returns <see cref="Task"/>, <see cref="Task{T}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{T}"/>; arguments and results are serializable.</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key (every grain in OrderCluster is).</summary>
public interface IGrainWithStringKey : IGrain;
