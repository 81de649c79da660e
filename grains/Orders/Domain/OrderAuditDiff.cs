using OrderCluster.GrainInterfaces.Orders;

namespace OrderCluster.Grains.Orders.Domain;

/// <summary>
/// The field-level difference between two versions of an order, as audit <see cref="FieldChange"/>s. Each part of
/// the order is flattened to <c>(path, value)</c> pairs only when it changed (states are immutable, so an unchanged
/// part is the same object); lines are matched by id and named by position (<c>lines[2].quantity</c>), notes and
/// communications are append-only and compared from the first item that differs.
/// </summary>
internal static class OrderAuditDiff
{
    private delegate void Flatten<in T>(List<(string Path, string? Value)> fields, T part);

    public static ImmutableArray<FieldChange> Compute(OrderState before, OrderState after)
    {
        var changes = ImmutableArray.CreateBuilder<FieldChange>();
        Scalar(changes, "status", Text(before.Status), Text(after.Status));
        Scalar(changes, "heldFrom", before.HeldFrom, after.HeldFrom);
        Scalar(changes, "priority", before.Exists ? AuditValues.Of(before.Priority) : null, AuditValues.Of(after.Priority));
        Scalar(changes, "assignee", before.Assignee, after.Assignee);
        if (before.AfterSales != after.AfterSales) AfterSales(changes, before.AfterSales, after.AfterSales);
        Scalar(changes, "currency", Text(before.Currency), Text(after.Currency));
        Scalar(changes, "clientReference", before.ClientReference, after.ClientReference);
        Scalar(changes, "import.sourceSystem", before.Import?.SourceSystem, after.Import?.SourceSystem);
        Scalar(changes, "import.sourceId", before.Import?.SourceId, after.Import?.SourceId);
        Part(changes, "customer", before.Customer, after.Customer, FlattenCustomer);
        Part(changes, "channel", before.Channel, after.Channel, FlattenChannel);
        Lines(changes, before.Lines, after.Lines);
        if (!before.Lines.Equals(after.Lines) || before.Shipping != after.Shipping) Totals(changes, before, after);
        Part(changes, "shippingAddress", before.ShippingAddress, after.ShippingAddress, FlattenAddress);
        Part(changes, "billingAddress", before.BillingAddress, after.BillingAddress, FlattenAddress);
        Part(changes, "shipping", before.Shipping, after.Shipping, FlattenShipping);
        Part(changes, "customFields", before.CustomFields, after.CustomFields, FlattenCustomFields);
        if (!before.Tags.Equals(after.Tags)) Scalar(changes, "tags", AuditValues.List(before.Tags), AuditValues.List(after.Tags));
        Part(changes, "approval", before.Approval, after.Approval, FlattenApproval);
        if (!before.Sla.Equals(after.Sla)) Keyed(changes, "sla", before.Sla, after.Sla, d => d.DeadlineId, FlattenDeadline);
        if (!before.Attachments.Equals(after.Attachments))
            Keyed(changes, "attachments", before.Attachments, after.Attachments, a => a.AttachmentId, FlattenAttachment);
        AppendOnly(changes, "notes", before.Notes, after.Notes, n => n.NoteId, FlattenNote);
        AppendOnly(changes, "communications", before.Communications, after.Communications, c => c.CommunicationId, FlattenCommunication);
        return changes.ToImmutable();
    }

    private static void AfterSales(ImmutableArray<FieldChange>.Builder changes, OrderAfterSalesSummary? before, OrderAfterSalesSummary? after)
    {
        Scalar(changes, "afterSales.returnIds", before is null ? null : AuditValues.List(before.ReturnIds), after is null ? null : AuditValues.List(after.ReturnIds));
        Scalar(changes, "afterSales.refundIds", before is null ? null : AuditValues.List(before.RefundIds), after is null ? null : AuditValues.List(after.RefundIds));
        Scalar(changes, "afterSales.returnedUnits", Number(before?.ReturnedUnits), Number(after?.ReturnedUnits));
        Scalar(changes, "afterSales.pendingReturnUnits", Number(before?.PendingReturnUnits), Number(after?.PendingReturnUnits));
        Scalar(changes, "afterSales.refundedAmount", Number(before?.RefundedAmount), Number(after?.RefundedAmount));
    }

    private static string? Number(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? Text(string value) => value.Length == 0 ? null : value;

    private static void Scalar(ImmutableArray<FieldChange>.Builder changes, string path, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal)) changes.Add(new FieldChange(path, before, after));
    }

    private static void Part<T>(ImmutableArray<FieldChange>.Builder changes, string prefix, T? before, T? after, Flatten<T> flatten)
        where T : class
    {
        if (ReferenceEquals(before, after)) return;
        var old = new List<(string, string?)>();
        var now = new List<(string, string?)>();
        if (before is not null) flatten(old, before);
        if (after is not null) flatten(now, after);
        Compare(changes, prefix, old, now);
    }

    /// <summary>Lines are matched by id; each is named by its position in the version it appears in.</summary>
    private static void Lines(ImmutableArray<FieldChange>.Builder changes, ImmutableArray<OrderLine> before, ImmutableArray<OrderLine> after)
    {
        if (before.Equals(after)) return;
        var oldById = before.Select((line, index) => (line, index)).ToDictionary(x => x.line.LineId);
        var seen = new HashSet<string>();
        for (var i = 0; i < after.Length; i++)
        {
            var line = after[i];
            seen.Add(line.LineId);
            var old = oldById.TryGetValue(line.LineId, out var match) ? match.line : null;
            if (ReferenceEquals(old, line)) continue;
            CompareItem(changes, $"lines[{i}]", old, line, FlattenLine);
        }

        foreach (var (line, index) in oldById.Values.Where(x => !seen.Contains(x.line.LineId)).OrderBy(x => x.index))
            CompareItem(changes, $"lines[{index}]", line, null, FlattenLine);
    }

    private static void Totals(ImmutableArray<FieldChange>.Builder changes, OrderState before, OrderState after)
    {
        string? Total(OrderState s) => s.Exists || s.Lines.Length > 0
            ? OrderTotalsCalculator.For(s.Currency, s.Lines, s.Shipping?.Price ?? 0).Total.ToString()
            : null;
        Scalar(changes, "totals.total", before.Exists ? Total(before) : null, Total(after));
    }

    private static void Keyed<T>(ImmutableArray<FieldChange>.Builder changes, string prefix, IEnumerable<T> before, IEnumerable<T> after,
        Func<T, string> key, Flatten<T> flatten) where T : class
    {
        var old = before.ToDictionary(key);
        var seen = new HashSet<string>();
        foreach (var item in after)
        {
            var id = key(item);
            seen.Add(id);
            var previous = old.GetValueOrDefault(id);
            if (!ReferenceEquals(previous, item)) CompareItem(changes, $"{prefix}[{id}]", previous, item, flatten);
        }

        foreach (var (id, item) in old.Where(x => !seen.Contains(x.Key))) CompareItem(changes, $"{prefix}[{id}]", item, null, flatten);
    }

    /// <summary>Append-only lists share their unchanged items (same objects): only items that are not the same object are compared.</summary>
    private static void AppendOnly<T>(ImmutableArray<FieldChange>.Builder changes, string prefix, ImmutableList<T> before, ImmutableList<T> after,
        Func<T, string> key, Flatten<T> flatten) where T : class
    {
        if (ReferenceEquals(before, after)) return;
        using var old = before.GetEnumerator();
        using var now = after.GetEnumerator();
        while (true)
        {
            var hasOld = old.MoveNext();
            var hasNow = now.MoveNext();
            if (!hasOld && !hasNow) return;
            var o = hasOld ? old.Current : null;
            var n = hasNow ? now.Current : null;
            if (!ReferenceEquals(o, n)) CompareItem(changes, $"{prefix}[{key((n ?? o)!)}]", o, n, flatten);
        }
    }

    private static void CompareItem<T>(ImmutableArray<FieldChange>.Builder changes, string prefix, T? before, T? after, Flatten<T> flatten)
        where T : class
    {
        var old = new List<(string, string?)>();
        var now = new List<(string, string?)>();
        if (before is not null) flatten(old, before);
        if (after is not null) flatten(now, after);
        Compare(changes, prefix, old, now);
    }

    private static void Compare(ImmutableArray<FieldChange>.Builder changes, string prefix,
        List<(string Path, string? Value)> before, List<(string Path, string? Value)> after)
    {
        var old = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (path, value) in before) old[path] = value;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, value) in after)
        {
            seen.Add(path);
            var previous = old.GetValueOrDefault(path);
            if (!string.Equals(previous, value, StringComparison.Ordinal)) changes.Add(new FieldChange(Join(prefix, path), previous, value));
        }

        foreach (var (path, value) in before)
            if (!seen.Contains(path) && value is not null) changes.Add(new FieldChange(Join(prefix, path), value, null));
    }

    private static string Join(string prefix, string path) => path.Length == 0 ? prefix : $"{prefix}.{path}";

    private static void FlattenCustomer(List<(string, string?)> f, CustomerRef c)
    {
        f.Add(("customerId", c.CustomerId));
        f.Add(("name", c.Name));
        f.Add(("email", c.Email));
    }

    private static void FlattenChannel(List<(string, string?)> f, SalesChannel c)
    {
        f.Add(("kind", AuditValues.Of(c.Kind)));
        f.Add(("marketplaceName", c.MarketplaceName));
        f.Add(("storeId", c.StoreId));
        f.Add(("externalReferences", AuditValues.List(c.ExternalReferences.Select(r => $"{r.System}:{r.Id}"))));
    }

    private static void FlattenLine(List<(string, string?)> f, OrderLine l)
    {
        f.Add(("lineId", l.LineId));
        f.Add(("sku", l.Sku));
        f.Add(("name", l.Name));
        f.Add(("quantity", AuditValues.Of(l.Quantity)));
        f.Add(("unitPrice", AuditValues.Of(l.UnitPrice)));
        f.Add(("discount", AuditValues.Of(l.Discount)));
        f.Add(("unitCost", AuditValues.Of(l.UnitCost)));
    }

    private static void FlattenAddress(List<(string, string?)> f, Address a)
    {
        f.Add(("name", a.Name));
        f.Add(("company", a.Company));
        f.Add(("line1", a.Line1));
        f.Add(("line2", a.Line2));
        f.Add(("city", a.City));
        f.Add(("region", a.Region));
        f.Add(("postalCode", a.PostalCode));
        f.Add(("countryCode", a.CountryCode));
        f.Add(("phone", a.Phone));
        f.Add(("email", a.Email));
    }

    private static void FlattenShipping(List<(string, string?)> f, ShippingSelection s)
    {
        f.Add(("method", s.Method));
        f.Add(("carrier", s.Carrier));
        f.Add(("price", AuditValues.Of(s.Price)));
    }

    private static void FlattenCustomFields(List<(string, string?)> f, ImmutableSortedDictionary<string, CustomFieldValue> fields)
    {
        foreach (var (name, value) in fields) f.Add((name, value.ToString()));
    }

    private static void FlattenApproval(List<(string, string?)> f, ApprovalProcess a)
    {
        f.Add(("status", AuditValues.Of(a.Status)));
        f.Add(("round", AuditValues.Of(a.Round)));
        f.Add(("matchedRules", AuditValues.List(a.MatchedRules)));
        f.Add(("rejectionReason", a.RejectionReason));
        for (var i = 0; i < a.Steps.Length; i++)
        {
            f.Add(($"steps[{i}].level", a.Steps[i].Level));
            f.Add(($"steps[{i}].status", AuditValues.Of(a.Steps[i].Status)));
            f.Add(($"steps[{i}].decidedBy", a.Steps[i].DecidedBy?.UserId));
        }
    }

    private static void FlattenDeadline(List<(string, string?)> f, SlaDeadline d)
    {
        f.Add(("status", AuditValues.Of(d.Status)));
        f.Add(("dueAt", AuditValues.Of(d.DueAt)));
        f.Add(("warnedAt", AuditValues.Of(d.WarnedAt)));
        f.Add(("metAt", AuditValues.Of(d.MetAt)));
        f.Add(("breachedAt", AuditValues.Of(d.BreachedAt)));
    }

    private static void FlattenAttachment(List<(string, string?)> f, AttachmentInfo a) =>
        f.Add(("", $"{a.FileName} ({a.ContentType}, {a.SizeBytes} bytes, sha256:{a.Sha256})"));

    private static void FlattenNote(List<(string, string?)> f, Note n)
    {
        f.Add(("text", n.Text));
        f.Add(("visibility", AuditValues.Of(n.Visibility)));
    }

    private static void FlattenCommunication(List<(string, string?)> f, CommunicationEntry c) =>
        f.Add(("", $"{c.Kind} {c.Direction} {c.Party}: {c.Subject ?? c.Summary}"));
}
