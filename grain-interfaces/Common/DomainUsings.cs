// Namespaces every domain contract uses (kept here rather than in the project's GlobalUsings.cs, which the samples share).
global using System.Collections.Immutable;
global using OrderCluster.GrainInterfaces.Common;
