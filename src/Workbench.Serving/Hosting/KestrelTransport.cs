using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Workbench.Serving.Hosting;

/// <summary>
/// The socket transport settings <c>workbench serve</c> runs Kestrel with, shared with the serving benchmark's
/// constant endpoint so that its ceiling is Kestrel as Workbench runs it.
/// </summary>
public static class KestrelTransport
{
    /// <summary>
    /// Receives into 32 KB blocks (<see cref="ReceiveBufferPool"/>) instead of Kestrel's 4 KB ones: a 100-row CSV body
    /// (about 21 KB) then takes one receive call instead of six. Kestrel still waits for data before renting a
    /// block, so an idle keep-alive connection holds none.
    /// </summary>
    public static void Configure(IWebHostBuilder webHost)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        webHost.ConfigureServices(services => services.AddSingleton<IMemoryPoolFactory<byte>, ReceiveBufferPool.Factory>());
    }
}
