// Namespaces the domain grains use everywhere (kept here rather than in GlobalUsings.cs, which the samples share).
global using System.Collections.Immutable;
global using OrderCluster.GrainInterfaces.Common;
