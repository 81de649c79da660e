using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using OrderCluster.GrainInterfaces.Notifications;

namespace OrderCluster.Grains.Notifications.Senders;

/// <summary>
/// Sends e-mail through an SMTP server (<c>Notifications:Smtp:*</c>) with System.Net.Mail, HTML bodies; SMS and webhook
/// messages go to the file sender (their gateways are not part of this sender).
/// </summary>
internal sealed class SmtpNotificationSender(IOptions<NotificationOptions> options, FileNotificationSender fallback) : INotificationSender
{
    public async Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken)
    {
        if (message.Channel != NotificationChannel.Email)
        {
            await fallback.SendAsync(message, cancellationToken);
            return;
        }

        var smtp = options.Value.Smtp;
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName)) client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        using var mail = new MailMessage(smtp.From, message.Recipient, message.Subject, message.Body) { IsBodyHtml = true };
        mail.Headers.Add("X-OrderCluster-Message-Id", message.MessageId);
        await client.SendMailAsync(mail, cancellationToken);
    }
}
