using OrderCluster.GrainInterfaces.Notifications;
using OrderCluster.Grains.Notifications;

namespace OrderCluster.Grains.Tests.Notifications;

/// <summary>Placeholders are filled and escaped for the channel, so order data cannot inject markup, JSON or headers.</summary>
public sealed class TemplateRendererTests
{
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["customer.name"] = "<script>alert(1)</script> \"Bob\"",
        ["customer.email"] = "bob@example.com",
        ["order.id"] = "o-1",
        ["note"] = "line1\r\nBcc: evil@example.com",
    };

    private static NotificationTemplate Template(NotificationChannel channel, string body, string subject = "", string recipient = "{{customer.email}}") => new()
    {
        TemplateId = "t", EventType = "order.status-changed", Channel = channel, Recipient = recipient, Subject = subject, Body = body,
    };

    [Fact]
    public void Email_bodies_html_encode_values_and_subjects_lose_line_breaks()
    {
        var (recipient, subject, body) = TemplateRenderer.RenderAll(Template(NotificationChannel.Email, "<p>Hello {{customer.name}}</p>", "Order {{order.id}} {{note}}"), Variables);

        Assert.Equal("bob@example.com", recipient);
        Assert.Equal("<p>Hello &lt;script&gt;alert(1)&lt;/script&gt; &quot;Bob&quot;</p>", body);
        Assert.Equal("Order o-1 line1  Bcc: evil@example.com", subject);
        Assert.DoesNotContain('\n', subject);
    }

    [Fact]
    public void Webhook_bodies_json_escape_values_so_the_payload_stays_valid_json()
    {
        var (_, _, body) = TemplateRenderer.RenderAll(Template(NotificationChannel.Webhook, "{\"order\":\"{{order.id}}\",\"name\":\"{{customer.name}}\",\"note\":\"{{note}}\"}",
            recipient: "https://hooks.example.com/x"), Variables);

        using var json = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal("<script>alert(1)</script> \"Bob\"", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("line1\r\nBcc: evil@example.com", json.RootElement.GetProperty("note").GetString());
    }

    [Fact]
    public void Unknown_placeholders_render_empty_and_recipients_are_checked_per_channel()
    {
        var (recipient, _, body) = TemplateRenderer.RenderAll(Template(NotificationChannel.Sms, "Hi {{nobody}}!", recipient: "{{customer.phone}}"), Variables);

        Assert.Equal("Hi !", body);
        Assert.NotNull(TemplateRenderer.CheckRecipient(NotificationChannel.Sms, recipient));
        Assert.Null(TemplateRenderer.CheckRecipient(NotificationChannel.Sms, "+49 30 1234567"));
        Assert.NotNull(TemplateRenderer.CheckRecipient(NotificationChannel.Webhook, "http://insecure.example.com"));
        Assert.NotNull(TemplateRenderer.CheckRecipient(NotificationChannel.Email, "not-an-address"));
    }
}
