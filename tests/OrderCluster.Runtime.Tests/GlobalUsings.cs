global using OrderCluster.Runtime.Tests.Infrastructure;
global using OrderCluster.TestGrains;
global using OrderCluster.Testing;
global using OrderCluster.Testing.Silos;
