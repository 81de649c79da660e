using System.Text.Json;
using System.Text.Json.Serialization;
using OrderCluster.Api.Auth;
using OrderCluster.Api.Bulk;
using OrderCluster.Api.Idempotency;
using OrderCluster.Api.Imports;
using OrderCluster.Api.Orders.Index;
using OrderCluster.Api.SavedSearches;
using OrderCluster.Api.Users;

namespace OrderCluster.Api.Hosting;

/// <summary>Source-generated JSON contracts of the API's grain state and grain messages.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ApiKeyState))]
[JsonSerializable(typeof(TenantApiKeysState))]
[JsonSerializable(typeof(ApiKeyRecord))]
[JsonSerializable(typeof(UserState))]
[JsonSerializable(typeof(TenantUsersState))]
[JsonSerializable(typeof(UserRecord))]
[JsonSerializable(typeof(UserChange))]
[JsonSerializable(typeof(IdempotencyState))]
[JsonSerializable(typeof(IdempotencyBegin))]
[JsonSerializable(typeof(IdempotencyDecision))]
[JsonSerializable(typeof(StoredResponse))]
[JsonSerializable(typeof(ImmutableArray<string>))]
[JsonSerializable(typeof(SavedSearchesState))]
[JsonSerializable(typeof(BulkJobState))]
[JsonSerializable(typeof(BulkJobSpec))]
[JsonSerializable(typeof(BulkJob))]
[JsonSerializable(typeof(ImportJobState))]
[JsonSerializable(typeof(ImportJobSpec))]
[JsonSerializable(typeof(ImportJob))]
[JsonSerializable(typeof(SavedSearch))]
[JsonSerializable(typeof(ImmutableArray<SavedSearch>))]
internal sealed partial class ApiGrainsJsonContext : JsonSerializerContext;
