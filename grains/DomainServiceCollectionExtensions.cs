using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrderCluster.Grains.Notifications;
using OrderCluster.Grains.Notifications.Senders;
using OrderCluster.Grains.Orders;
using OrderCluster.Grains.Orders.Attachments;
using OrderCluster.Grains.Reports;
using OrderCluster.Grains.Search;
using OrderCluster.Grains.Webhooks;

namespace OrderCluster.Grains;

public static class DomainServiceCollectionExtensions
{
    /// <summary>
    /// Adds what the order, customer and tenant-configuration grains need besides the runtime: the order limits
    /// (section <c>Orders</c>), the attachment settings (section <c>Attachments</c>) and the attachment content store
    /// they choose (<c>Attachments:Store</c> = <c>Database</c>, the default, or <c>Directory</c>), and the notification settings
    /// and sender (section <c>Notifications</c>, <c>Sender</c> = <c>File</c>, the default, <c>Log</c> or <c>Smtp</c>). Bad settings fail
    /// start-up with their names. The grains themselves register with the runtime's <c>AddGrains</c>.
    /// </summary>
    public static IServiceCollection AddOrderDomain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrderOptions>().Bind(configuration.GetSection(OrderOptions.SectionName)).ValidateOnStart();
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrderOptions>, OrderOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AttachmentOptions>, AttachmentOptionsValidation>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DatabaseAttachmentContentStore>();
        services.TryAddSingleton<DirectoryAttachmentContentStore>();
        services.TryAddSingleton<IAttachmentContentStore>(sp => sp.GetRequiredService<IOptions<AttachmentOptions>>().Value.Store switch
        {
            AttachmentStoreKind.Directory => sp.GetRequiredService<DirectoryAttachmentContentStore>(),
            _ => sp.GetRequiredService<DatabaseAttachmentContentStore>(),
        });
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidation>());
        services.TryAddSingleton<FileNotificationSender>();
        services.TryAddSingleton<LogNotificationSender>();
        services.TryAddSingleton<SmtpNotificationSender>();
        services.TryAddSingleton<INotificationSender>(sp => sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Sender switch
        {
            NotificationSenderKind.Log => sp.GetRequiredService<LogNotificationSender>(),
            NotificationSenderKind.Smtp => sp.GetRequiredService<SmtpNotificationSender>(),
            _ => sp.GetRequiredService<FileNotificationSender>(),
        });
        services.AddOrderWebhooks(configuration); // section Webhooks, the HTTP client deliveries are sent with
        services.AddOrderReports(configuration); // section Reports, the sender of scheduled report deliveries
        services.AddOrderSearch(); // the search read model, on the storage provider's database
        return services;
    }
}
