global using OrderCluster.Runtime;
global using OrderCluster.TestGrains;
global using OrderCluster.Testing;
global using OrderCluster.Testing.Cluster;
