using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Evaluation.Web.Tests.Changes;

/// <summary>
/// A department's webhook receiver: a real HTTP server on 127.0.0.1 (Kestrel), on a fixed port so that it can be
/// stopped and started again at the same address. It keeps every request it answered 200 to.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    public WebhookReceiver() => Port = FreePort();

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hooks/ratings";
    public ConcurrentQueue<Received> Requests { get; } = new();

    public sealed record Received(string Body, string? Sequence, string? Timestamp, string? Signature, string? Delivery);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hooks/ratings", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            Requests.Enqueue(new Received(await reader.ReadToEndAsync(), request.Headers["X-Evaluation-Sequence"], request.Headers["X-Evaluation-Timestamp"],
                request.Headers["X-Evaluation-Signature"], request.Headers["X-Evaluation-Delivery"]));
            return Results.Ok();
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
