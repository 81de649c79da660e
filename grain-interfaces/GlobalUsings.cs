global using OrderCluster.Runtime;
