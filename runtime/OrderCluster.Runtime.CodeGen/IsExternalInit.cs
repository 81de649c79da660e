namespace System.Runtime.CompilerServices;

// Lets records compile on netstandard2.0, which Roslyn generators must target.
internal static class IsExternalInit;
