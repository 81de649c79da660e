using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrderCluster.GrainInterfaces.Notifications;

namespace OrderCluster.Grains.Notifications;

/// <summary>
/// Fills <c>{{name}}</c> placeholders. Values are escaped for where they land, so order data (a customer's name, a
/// note) can never inject markup, JSON or headers: HTML-encoded in e-mail bodies, JSON-string-escaped in webhook bodies
/// (placeholders go inside string literals), line breaks and control characters removed from subjects, SMS and
/// recipients. An unknown placeholder renders empty.
/// </summary>
internal static partial class TemplateRenderer
{
    public const int MaxSmsLength = 480;

    public static string Render(string template, IReadOnlyDictionary<string, string> variables, Func<string, string> escape) =>
        Placeholder().Replace(template, m => escape(variables.TryGetValue(m.Groups[1].Value, out var v) ? v : ""));

    public static (string Recipient, string Subject, string Body) RenderAll(NotificationTemplate t, IReadOnlyDictionary<string, string> variables)
    {
        var recipient = Render(t.Recipient, variables, SingleLine).Trim();
        var subject = Render(t.Subject, variables, SingleLine);
        var body = t.Channel switch
        {
            NotificationChannel.Email => Render(t.Body, variables, WebUtility.HtmlEncode),
            NotificationChannel.Webhook => Render(t.Body, variables, v => JsonEncodedText.Encode(v).ToString()),
            _ => SingleLine(Render(t.Body, variables, SingleLine)),
        };
        if (t.Channel == NotificationChannel.Sms && body.Length > MaxSmsLength) body = body[..MaxSmsLength];
        return (recipient, subject, body);
    }

    /// <summary>Why a rendered recipient cannot be used for the channel, or null when it can.</summary>
    public static string? CheckRecipient(NotificationChannel channel, string recipient) => channel switch
    {
        _ when recipient.Length == 0 => "the recipient is empty (is the variable set?)",
        NotificationChannel.Email when !MailAddressLike().IsMatch(recipient) => $"'{recipient}' is not an e-mail address",
        NotificationChannel.Sms when !PhoneLike().IsMatch(recipient) => $"'{recipient}' is not a phone number",
        NotificationChannel.Webhook when !Uri.TryCreate(recipient, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps => $"'{recipient}' is not an HTTPS URL",
        _ => null,
    };

    private static string SingleLine(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value) sb.Append(char.IsControl(c) ? ' ' : c);
        return sb.ToString();
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex MailAddressLike();

    [GeneratedRegex(@"^\+?[0-9 ()\-]{5,20}$")]
    private static partial Regex PhoneLike();
}
