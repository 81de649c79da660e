using Microsoft.Extensions.Logging;
using OrderCluster.GrainInterfaces.Fulfilment;
using OrderCluster.GrainInterfaces.Warehouses;
using OrderCluster.Grains.Common;
using OrderCluster.Grains.Orders.Domain;

namespace OrderCluster.Grains.Warehouses;

/// <summary>
/// One warehouse, keyed <c>{tenant}/{warehouseId}</c>. Turn-based: each reservation runs alone and sees the stock the
/// previous one left, so the check "enough available" and the write that takes it cannot interleave. A refused or
/// repeated command writes nothing. The lines of one order are reserved in one call and one write (<see cref="ReserveManyAsync"/>).
/// </summary>
internal sealed class WarehouseGrain(
    [PersistentState("warehouse")] IPersistentState<WarehouseState> state,
    TimeProvider time,
    ILogger<WarehouseGrain> logger) : Grain, IWarehouseGrain
{
    public const int MaxMovements = 500;
    public const int MaxQuantity = 1_000_000;

    private TenantKey Key => TenantKeys.Parse(GetPrimaryKeyString(), "warehouseId");

    public Task<WarehouseSnapshot> ConfigureAsync(ConfigureWarehouse command) => Run("configure", async () =>
    {
        ExpectVersion(command.ExpectedVersion);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        WarehouseInput.Profile(errors, command.Profile);
        errors.ThrowIfAny();
        var key = Key;
        await CommitAsync("configure", state.State with { Profile = command.Profile });
        await GrainFactory.GetGrain<IWarehouseDirectoryGrain>(TenantKeys.ForTenant(key.TenantId)).RegisterAsync(key.Id, command.Profile.Active);
        return Snapshot();
    });

    public Task<StockLevel> ReceiveAsync(ReceiveStock command) => Run("receive", async () =>
    {
        ExpectVersion(command.ExpectedVersion);
        Check(command.Actor, command.Sku, command.Quantity, "quantity");
        var next = Move(RequireConfigured(), "receive", command.Sku, command.Quantity, 0, command.Reference, null, command.Actor.UserId);
        await CommitAsync("receive", next);
        return StockOf(command.Sku);
    });

    public Task<StockLevel> AdjustAsync(AdjustStock command) => Run("adjust", async () =>
    {
        ExpectVersion(command.ExpectedVersion);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        WarehouseInput.Sku(errors, command.Sku);
        if (command.Delta == 0 || Math.Abs(command.Delta) > MaxQuantity) errors.Add("delta", "out-of-range", $"delta must be non-zero and at most {MaxQuantity} either way.");
        errors.Text("reason", command.Reason, OrderInput.MaxReasonLength);
        errors.ThrowIfAny();
        var current = RequireConfigured();
        var stock = StockOf(command.Sku);
        if (stock.OnHand + command.Delta < stock.Reserved)
            throw Refuse(FulfilmentErrorCodes.StockWouldGoNegative,
                $"{command.Sku}: adjusting by {command.Delta} would leave {stock.OnHand + command.Delta} on hand with {stock.Reserved} reserved; release reservations first.");
        await CommitAsync("adjust", Move(current, "adjust", command.Sku, command.Delta, 0, null, command.Reason, command.Actor.UserId));
        WarehouseLog.Adjusted(logger, GetPrimaryKeyString(), command.Sku, command.Delta, command.Reason);
        return StockOf(command.Sku);
    });

    public Task SetUnitCostAsync(SetUnitCost command) => Run("set-unit-cost", async () =>
    {
        ExpectVersion(command.ExpectedVersion);
        var errors = new FieldErrors();
        OrderInput.Actor(errors, command.Actor);
        WarehouseInput.Sku(errors, command.Sku);
        errors.Amount("cost", command.Cost);
        errors.ThrowIfAny();
        var current = RequireConfigured();
        var entries = current.Costs.GetValueOrDefault(command.Sku, []).Where(e => e.EffectiveFrom != command.EffectiveFrom)
            .Append(new UnitCostEntry(command.EffectiveFrom.ToUniversalTime(), command.Cost)).OrderBy(e => e.EffectiveFrom).ToImmutableArray();
        await CommitAsync("set-unit-cost", current with { Costs = current.Costs.SetItem(command.Sku, entries) });
        return true;
    });

    public Task<ReservationResult> ReserveAsync(ReserveStock command) => Run("reserve", async () =>
    {
        var line = (await ReserveLinesAsync(new ReserveStockLines(command.OrderId, [new ReserveLine(command.LineId, command.Sku, command.Quantity)]))).Single();
        return line.Result ?? throw Refuse(line.Code!, line.Reason!);
    });

    public Task<ImmutableArray<LineReservation>> ReserveManyAsync(ReserveStockLines command) => Run("reserve-many", () => ReserveLinesAsync(command));

    private async Task<ImmutableArray<LineReservation>> ReserveLinesAsync(ReserveStockLines command)
    {
        var errors = new FieldErrors();
        errors.Add(TenantKeys.CheckId(command.OrderId, "orderId"));
        var lines = command.Lines.IsDefault ? [] : command.Lines;
        if (lines.IsEmpty) errors.Add("lines", "required", "At least one line is needed.");
        for (var i = 0; i < lines.Length; i++)
        {
            errors.Add(TenantKeys.CheckId(lines[i].LineId, lines.Length == 1 ? "lineId" : $"lines[{i}].lineId"));
            WarehouseInput.Sku(errors, lines[i].Sku);
            if (lines[i].Quantity is <= 0 or > MaxQuantity) errors.Add("quantity", "out-of-range", $"quantity must be between 1 and {MaxQuantity}.");
        }

        if (lines.Select(l => l.LineId).Distinct().Count() != lines.Length) errors.Add("lines", "duplicate", "Each line may appear once.");
        errors.ThrowIfAny();

        // Each line sees the stock and capacity the previous lines left; nothing is written until all are decided.
        var current = RequireConfigured();
        var next = current;
        var now = time.GetUtcNow();
        var results = ImmutableArray.CreateBuilder<LineReservation>(lines.Length);
        foreach (var line in lines)
        {
            var (after, result) = ReserveLineIn(next, command.OrderId, line, now);
            next = after;
            results.Add(result);
            WarehouseLog.Reservations.Add(1, new KeyValuePair<string, object?>("outcome", result.Result is null ? result.Code : result.Result.Replayed ? "replayed" : "reserved"));
        }

        if (!ReferenceEquals(next, current)) await CommitAsync("reserve", next);
        return results.MoveToImmutable();
    }

    /// <summary>Reserves one line in <paramref name="s"/>: a replay answers what it holds, a mismatch is refused, a shortage is a refused line.</summary>
    private (WarehouseState Next, LineReservation Result) ReserveLineIn(WarehouseState s, string orderId, ReserveLine line, DateTimeOffset now)
    {
        var key = $"{orderId}/{line.LineId}";
        var held = s.Reservations.TryGetValue(key, out var open) ? open
            : s.Shipped.TryGetValue(key, out var shipped) ? ShippedKeys.AsReservation(key, shipped) : null;
        if (held is not null)
        {
            if (held.Sku != line.Sku || held.Quantity != line.Quantity)
                throw Refuse(FulfilmentErrorCodes.ReservationMismatch,
                    $"Order line {key} already holds {held.Quantity} × {held.Sku}; release it before reserving {line.Quantity} × {line.Sku}.");
            return (s, new LineReservation(line.LineId, new ReservationResult { Reservation = held, AvailableAfter = StockIn(s, line.Sku).Available, Replayed = true }));
        }

        var profile = s.Profile!;
        if (!profile.Active) throw Refuse(FulfilmentErrorCodes.WarehouseInactive, $"Warehouse {Key.Id} is inactive and takes no reservations.");
        var stock = StockIn(s, line.Sku);
        if (stock.Available < line.Quantity)
            return (s, new LineReservation(line.LineId, null, FulfilmentErrorCodes.InsufficientStock,
                $"{line.Sku}: {line.Quantity} requested, {stock.Available} available in {Key.Id}."));
        if (WarehouseCapacity.DispatchDay(profile, s.Booked, line.Quantity, now) is not { } day)
            return (s, new LineReservation(line.LineId, null, FulfilmentErrorCodes.NoCapacity,
                $"{Key.Id} has no dispatch day with room for {line.Quantity} units within {WarehouseCapacity.HorizonDays} days (capacity {profile.DailyCapacity}/day)."));

        var reservation = new StockReservation
        {
            Key = key, OrderId = orderId, LineId = line.LineId, Sku = line.Sku, Quantity = line.Quantity,
            UnitCost = CostAt(s, line.Sku, now), CostCurrency = profile.CostCurrency, DispatchDate = day,
            Status = ReservationStatus.Reserved, ReservedAt = now,
        };
        var next = Move(s, "reserve", line.Sku, 0, line.Quantity, key, null, "system") with
        {
            Reservations = s.Reservations.Add(key, reservation),
            Booked = WarehouseCapacity.Book(s.Booked, day, line.Quantity, now),
        };
        return (next, new LineReservation(line.LineId, new ReservationResult { Reservation = reservation, AvailableAfter = StockIn(next, line.Sku).Available }));
    }

    public Task<int> ReleaseAsync(ReleaseReservation command) => Run("release", async () =>
    {
        var current = RequireConfigured();
        var released = current.Reservations.Values
            .Where(r => r.OrderId == command.OrderId && (command.LineId is null || r.LineId == command.LineId) && r.Status == ReservationStatus.Reserved)
            .ToList();
        if (released.Count == 0) return 0;
        var next = current;
        var now = time.GetUtcNow();
        foreach (var r in released)
        {
            next = Move(next, "release", r.Sku, 0, -r.Quantity, r.Key, command.Reason, "system") with
            {
                Reservations = next.Reservations.Remove(r.Key),
                Booked = WarehouseCapacity.Book(next.Booked, r.DispatchDate, -r.Quantity, now),
            };
        }

        await CommitAsync("release", next);
        return released.Sum(r => r.Quantity);
    });

    public Task<StockReservation> DispatchAsync(DispatchReservation command) => Run("dispatch", async () =>
    {
        var current = RequireConfigured();
        var key = $"{command.OrderId}/{command.LineId}";
        // Shipped before: answered from the shipped keys (see ShippedKeys for how long they are kept).
        if (current.Shipped.TryGetValue(key, out var done)) return ShippedKeys.AsReservation(key, done);
        if (!current.Reservations.TryGetValue(key, out var reservation))
            throw new NotFoundException(FulfilmentErrorCodes.ReservationNotFound, $"Order line {key} holds no stock in {Key.Id}.", "lineId");
        if (reservation.Status == ReservationStatus.Shipped) return reservation;
        if (command.Quantity != reservation.Quantity)
            throw Refuse(FulfilmentErrorCodes.ReservationMismatch, $"Order line {key} holds {reservation.Quantity} units; dispatch takes all of them, not {command.Quantity}.");
        var shipped = reservation with { Status = ReservationStatus.Shipped };
        var next = Move(current, "dispatch", reservation.Sku, -reservation.Quantity, -reservation.Quantity, key, null, "system") with
        {
            Reservations = current.Reservations.SetItem(key, shipped),
        };
        await CommitAsync("dispatch", next);
        return shipped;
    });

    public Task<StockLevel> RestockAsync(RestockReturn command) => Run("restock", async () =>
    {
        Check(command.Actor, command.Sku, command.Quantity, "quantity");
        await CommitAsync("restock", Move(RequireConfigured(), "restock", command.Sku, command.Quantity, 0, command.Reference, "returned", command.Actor.UserId));
        return StockOf(command.Sku);
    });

    public Task<WarehouseSnapshot> GetAsync()
    {
        RequireConfigured();
        return Task.FromResult(Snapshot());
    }

    public Task<StockLevel> GetStockAsync(string sku) => Task.FromResult(StockOf(sku));

    public Task<WarehouseAvailability> GetAvailabilityAsync(ImmutableArray<string> skus)
    {
        var current = RequireConfigured();
        var now = time.GetUtcNow();
        return Task.FromResult(new WarehouseAvailability
        {
            WarehouseId = Key.Id,
            Profile = current.Profile!,
            Skus = [.. skus.Distinct().Select(s => new SkuAvailability(s, StockOf(s).Available, CostAt(current, s, now)))],
        });
    }

    public Task<ImmutableArray<StockReservation>> GetReservationsAsync(string orderId) =>
        Task.FromResult(state.State.Reservations.Values.Where(r => r.OrderId == orderId).ToImmutableArray());

    public Task<decimal?> GetUnitCostAsync(string sku, DateTimeOffset at) => Task.FromResult(CostAt(state.State, sku, at));

    public Task<ImmutableArray<StockMovement>> GetMovementsAsync(int maxCount) =>
        Task.FromResult(state.State.Movements.Reverse().Take(Math.Clamp(maxCount, 1, MaxMovements)).ToImmutableArray());

    private static decimal? CostAt(WarehouseState s, string sku, DateTimeOffset at) =>
        s.Costs.TryGetValue(sku, out var entries) ? entries.LastOrDefault(e => e.EffectiveFrom <= at)?.Cost : null;

    private StockLevel StockOf(string sku) => StockIn(state.State, sku);

    private static StockLevel StockIn(WarehouseState s, string sku) => s.Stock.GetValueOrDefault(sku) ?? new StockLevel { Sku = sku };

    private WarehouseState RequireConfigured() => state.State.Profile is not null
        ? state.State
        : throw new NotFoundException(FulfilmentErrorCodes.WarehouseNotFound, $"Warehouse {Key.Id} was not found (never configured).", "warehouseId");

    /// <summary>Applies a movement to one SKU; refuses anything that would make on hand or reserved negative or reserved exceed on hand.</summary>
    private WarehouseState Move(WarehouseState s, string kind, string sku, int onHandDelta, int reservedDelta, string? reference, string? reason, string actorId)
    {
        var stock = s.Stock.GetValueOrDefault(sku) ?? new StockLevel { Sku = sku };
        var next = stock with { OnHand = stock.OnHand + onHandDelta, Reserved = stock.Reserved + reservedDelta };
        if (next.OnHand < 0 || next.Reserved < 0 || next.Reserved > next.OnHand)
            throw Refuse(FulfilmentErrorCodes.StockWouldGoNegative,
                $"{sku}: {kind} would leave {next.OnHand} on hand and {next.Reserved} reserved.");
        var movement = new StockMovement
        {
            Sequence = s.LastMovement + 1, Kind = kind, Sku = sku, OnHandDelta = onHandDelta, ReservedDelta = reservedDelta,
            Reference = reference, Reason = reason, At = time.GetUtcNow(), ActorId = actorId,
        };
        var movements = s.Movements.Add(movement);
        if (movements.Count > MaxMovements) movements = movements.RemoveRange(0, movements.Count - MaxMovements);
        return s with { Stock = s.Stock.SetItem(sku, next), Movements = movements, LastMovement = movement.Sequence };
    }

    private static void Check(Actor actor, string sku, int quantity, string field)
    {
        var errors = new FieldErrors();
        OrderInput.Actor(errors, actor);
        WarehouseInput.Sku(errors, sku);
        if (quantity is <= 0 or > MaxQuantity) errors.Add(field, "out-of-range", $"{field} must be between 1 and {MaxQuantity}.");
        errors.ThrowIfAny();
    }

    private OrderRuleViolationException Refuse(string code, string reason) => new(code, reason, state.State.Version);

    /// <summary>
    /// If-Match, checked in the same turn as the change it guards: no other command can run between this check and the
    /// commit, so of many writers holding one ETag exactly one gets through. An unconfigured warehouse is version 0.
    /// </summary>
    private void ExpectVersion(long? expected)
    {
        if (expected is { } version && version != state.State.Version)
            throw new VersionConflictException("warehouse", version, state.State.Version);
    }

    private async Task<T> Run<T>(string action, Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (DomainException e)
        {
            WarehouseLog.Refused(logger, GetPrimaryKeyString(), action, e.Code, e.Message);
            throw;
        }
    }

    private async Task CommitAsync(string action, WarehouseState next)
    {
        try
        {
            // Shipped reservations leave the open ones here, so every write is bounded by open work (see ShippedKeys).
            await WriteStateOrReloadAsync(state, ShippedKeys.Compact(next, time.GetUtcNow()) with { Version = state.State.Version + 1 });
        }
        catch (Exception e)
        {
            WarehouseLog.CommitFailed(logger, e, GetPrimaryKeyString(), action);
            throw;
        }
    }

    private WarehouseSnapshot Snapshot()
    {
        var s = state.State;
        return new WarehouseSnapshot
        {
            TenantId = Key.TenantId, WarehouseId = Key.Id, Version = s.Version, Profile = s.Profile!,
            Stock = [.. s.Stock.Values], Booked = s.Booked, ReservationCount = s.Reservations.Count,
        };
    }
}
