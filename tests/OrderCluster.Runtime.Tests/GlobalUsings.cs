global using OrderCluster.Runtime.Tests.Infrastructure;
global using OrderCluster.TestGrains;
