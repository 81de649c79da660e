using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces.Notifications;
using OrderCluster.Grains.Notifications;
using OrderCluster.Grains.Notifications.Senders;

namespace OrderCluster.Grains.Tests.Notifications;

/// <summary>The SMTP sender against a real SMTP conversation on a local socket: what it sends, and that a refusal throws (so the outbox retries).</summary>
public sealed class SmtpNotificationSenderTests
{
    private static readonly OutgoingNotification Email =
        new("acme", "o-1", "m-42", NotificationChannel.Email, "bob@example.com", "Order o-1 shipped", "<p>Hello Bob</p>");

    [Fact]
    public async Task An_email_goes_to_the_recipient_as_html_with_its_message_id()
    {
        await using var server = SmtpTestServer.Start(refuseRecipients: false);

        await Sender(server.Port).SendAsync(Email, CancellationToken.None);

        var mail = Assert.Single(server.Received);
        Assert.Equal("<orders@shop.example>", mail.From);
        Assert.Equal(["<bob@example.com>"], mail.Recipients);
        Assert.Contains("Subject: Order o-1 shipped", mail.Data, StringComparison.Ordinal);
        Assert.Contains("X-OrderCluster-Message-Id: m-42", mail.Data, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/html", mail.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_recipient_throws_so_the_outbox_tries_again_later()
    {
        await using var server = SmtpTestServer.Start(refuseRecipients: true);

        await Assert.ThrowsAnyAsync<SmtpException>(() => Sender(server.Port).SendAsync(Email, CancellationToken.None));

        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Sms_messages_go_to_the_file_sender_not_the_smtp_server()
    {
        await using var server = SmtpTestServer.Start(refuseRecipients: false);
        var directory = Directory.CreateTempSubdirectory("smtp-fallback-").FullName;

        await Sender(server.Port, directory).SendAsync(Email with { Channel = NotificationChannel.Sms, Recipient = "+491701234567" }, CancellationToken.None);

        Assert.Empty(server.Received);
        using var written = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(Path.Combine(directory, "acme.jsonl"))));
        Assert.Equal(("Sms", "+491701234567"), (written.RootElement.GetProperty("channel").GetString(), written.RootElement.GetProperty("recipient").GetString()));
        Directory.Delete(directory, recursive: true);
    }

    private static SmtpNotificationSender Sender(int port, string? directory = null)
    {
        var options = Options.Create(new NotificationOptions
        {
            Sender = NotificationSenderKind.Smtp,
            Directory = directory ?? Path.GetTempPath(),
            Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, EnableSsl = false, From = "orders@shop.example" },
        });
        return new SmtpNotificationSender(options, new FileNotificationSender(options));
    }

    /// <summary>One received message: the envelope and the DATA section as sent.</summary>
    private sealed record ReceivedMail(string From, List<string> Recipients, string Data);

    /// <summary>
    /// A minimal SMTP server on 127.0.0.1 (RFC 5321's greeting, EHLO, MAIL, RCPT, DATA, RSET, QUIT): enough for
    /// System.Net.Mail, and able to refuse every recipient with a 550.
    /// </summary>
    private sealed class SmtpTestServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly bool _refuseRecipients;
        private Task _loop = Task.CompletedTask;

        private SmtpTestServer(bool refuseRecipients) => _refuseRecipients = refuseRecipients;

        public List<ReceivedMail> Received { get; } = [];

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static SmtpTestServer Start(bool refuseRecipients)
        {
            var server = new SmtpTestServer(refuseRecipients);
            server._listener.Start();
            server._loop = server.AcceptAsync();
            return server;
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    await ConverseAsync(client.GetStream());
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private async Task ConverseAsync(NetworkStream stream)
        {
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost test SMTP");
            string? from = null;
            var recipients = new List<string>();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = line[(line.IndexOf(':') + 1)..].Trim();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT" when _refuseRecipients:
                        await writer.WriteLineAsync("550 No such user here");
                        break;
                    case "RCPT":
                        recipients.Add(line[(line.IndexOf(':') + 1)..].Trim());
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".") data.AppendLine(dataLine);
                        lock (Received) Received.Add(new ReceivedMail(from!, [.. recipients], data.ToString()));
                        await writer.WriteLineAsync("250 OK: queued");
                        break;
                    case "RSET":
                        from = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
            {
            }

            _stop.Dispose();
        }
    }
}
