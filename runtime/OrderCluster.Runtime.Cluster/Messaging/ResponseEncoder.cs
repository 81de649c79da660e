using System.Text.Json;
using OrderCluster.Runtime.Cluster.Transport;
using OrderCluster.Runtime.Cluster.Transport.Wire;
using OrderCluster.Runtime.CodeGeneration;

namespace OrderCluster.Runtime.Cluster.Messaging;

/// <summary>The response frame for a request that came from another silo: its result, its exception, or a refusal.</summary>
internal static class ResponseEncoder
{
    public static OutgoingFrame Encode(GrainRequest request, Exception? failure, JsonSerializerOptions json)
    {
        var header = new Envelope { Kind = MessageKind.Response, CorrelationId = request.CorrelationId };
        var error = failure ?? request.OutcomeException;
        if (error is null)
        {
            try
            {
                header.Status = ResponseStatus.Ok;
                return FrameCodec.Encode(header, (request, json), static (writer, s) => s.request.WriteResult(writer, s.json), 0);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
            {
                error = new InvalidOperationException($"The result of {request.Method.DisplayName} could not be serialized: {e.Message}", e);
            }
        }

        // Refused without running (no owner, silo stopping): the caller may send it again safely.
        header.Status = error is SiloUnavailableException ? ResponseStatus.Rejected : ResponseStatus.Error;
        header.Error = ExceptionCodec.Encode(error);
        return FrameCodec.Encode(header);
    }
}
