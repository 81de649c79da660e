namespace OrderCluster.GrainInterfaces.Common;

/// <summary>A grain key split into its tenant and the id within that tenant.</summary>
public readonly record struct TenantKey(string TenantId, string Id)
{
    public override string ToString() => $"{TenantId}/{Id}";
}

/// <summary>
/// Grain keys of the domain. Every key starts with the tenant id: entity grains are keyed
/// <c>{tenant}/{id}</c>, per-tenant configuration grains by <c>{tenant}</c>. A grain only ever serves the tenant
/// of its own key, so an id from another tenant is simply not found.
/// <list type="bullet">
/// <item>Tenant ids: 1–63 characters, lower-case letters, digits and inner hyphens (a DNS label).</item>
/// <item>Entity ids (orders, customers, drafts, templates, notes): 1–64 characters, letters, digits, '.', '_', '-', starting with a letter or digit.</item>
/// <item>Client references (a marketplace's order number): 1–128 printable ASCII characters without spaces.</item>
/// </list>
/// </summary>
public static class TenantKeys
{
    public const int MaxTenantIdLength = 63;
    public const int MaxIdLength = 64;
    public const int MaxReferenceLength = 128;

    /// <summary>The key <c>{tenant}/{id}</c> of an entity grain; throws a validation error naming the bad part.</summary>
    public static string For(string tenantId, string id, string idField = "id")
    {
        Throw(CheckTenantId(tenantId), CheckId(id, idField));
        return $"{tenantId}/{id}";
    }

    /// <summary>The key <c>{tenant}/{reference}</c> of a client-reference index grain.</summary>
    public static string ForReference(string tenantId, string reference, string field = "clientReference")
    {
        Throw(CheckTenantId(tenantId), CheckReference(reference, field));
        return $"{tenantId}/{reference}";
    }

    /// <summary>The key of a per-tenant configuration grain: the tenant id itself.</summary>
    public static string ForTenant(string tenantId)
    {
        Throw(CheckTenantId(tenantId));
        return tenantId;
    }

    /// <summary>Splits and validates an entity key.</summary>
    public static TenantKey Parse(string key, string idField = "id") => ParseCore(key, idField, reference: false);

    /// <summary>Splits and validates a client-reference key.</summary>
    public static TenantKey ParseReference(string key, string field = "clientReference") => ParseCore(key, field, reference: true);

    /// <summary>Validates a per-tenant configuration key.</summary>
    public static string ParseTenant(string key)
    {
        Throw(CheckTenantId(key));
        return key;
    }

    public static FieldError? CheckTenantId(string? value, string field = "tenantId")
    {
        if (string.IsNullOrEmpty(value)) return Missing(field);
        if (value.Length > MaxTenantIdLength) return TooLong(field, MaxTenantIdLength);
        var valid = IsLowerAlphanumeric(value[0]) && IsLowerAlphanumeric(value[^1])
                    && value.All(c => IsLowerAlphanumeric(c) || c == '-');
        return valid ? null : new FieldError(field, "invalid-format",
            $"{field} '{Shorten(value)}' may contain only lower-case letters, digits and inner hyphens.");
    }

    public static FieldError? CheckId(string? value, string field)
    {
        if (string.IsNullOrEmpty(value)) return Missing(field);
        if (value.Length > MaxIdLength) return TooLong(field, MaxIdLength);
        var valid = char.IsAsciiLetterOrDigit(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
        return valid ? null : new FieldError(field, "invalid-format",
            $"{field} '{Shorten(value)}' may contain only letters, digits, '.', '_' and '-', and must start with a letter or digit.");
    }

    public static FieldError? CheckReference(string? value, string field)
    {
        if (string.IsNullOrEmpty(value)) return Missing(field);
        if (value.Length > MaxReferenceLength) return TooLong(field, MaxReferenceLength);
        return value.All(c => c is > ' ' and <= '~') ? null
            : new FieldError(field, "invalid-format", $"{field} may contain only printable ASCII characters without spaces.");
    }

    private static TenantKey ParseCore(string key, string idField, bool reference)
    {
        var slash = key.IndexOf('/');
        if (slash < 0) Throw(new FieldError(idField, "invalid-format", $"'{Shorten(key)}' is not a '{{tenant}}/{{id}}' key."));
        var tenant = key[..slash];
        var id = key[(slash + 1)..];
        Throw(CheckTenantId(tenant), reference ? CheckReference(id, idField) : CheckId(id, idField));
        return new TenantKey(tenant, id);
    }

    private static void Throw(params FieldError?[] errors)
    {
        var found = errors.OfType<FieldError>().ToList();
        if (found.Count > 0) throw new ValidationFailedException(found);
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static FieldError Missing(string field) => new(field, "required", $"{field} is required.");

    private static FieldError TooLong(string field, int max) => new(field, "too-long", $"{field} has at most {max} characters.");

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
