global using System.Collections.Immutable;
global using OrderCluster.GrainInterfaces.Common;
global using OrderCluster.Runtime;
