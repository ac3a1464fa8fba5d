using System.Globalization;
using Workbench.Data.Io;
using Workbench.Registry;
using Workbench.Tracking;

namespace Workbench.Tracking.Stress;

/// <summary>
/// One writer process for the reliability tests. Usage:
/// <c>log HOME NAME METRICS ARTIFACTS GO_FILE</c> · <c>crash HOME READY_FILE</c> · <c>register HOME MODEL RUN_ID COUNT GO_FILE</c> ·
/// <c>linger HOME READY_FILE</c> (waits to be terminated) · <c>abandon HOME</c> (exits without ending its run).
/// Each command prints what it created on stdout; any failure exits non-zero with the error on stderr.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            return args[0] switch
            {
                "log" => Log(args[1], args[2], Int(args[3]), Int(args[4]), args[5]),
                "crash" => Crash(args[1], args[2]),
                "register" => Register(args[1], args[2], args[3], Int(args[4]), args[5]),
                "linger" => Linger(args[1], args[2]),
                "abandon" => Abandon(args[1]),
                _ => throw new ArgumentException($"unknown command '{args[0]}'"),
            };
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            return 1;
        }
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes <paramref name="path"/> whole or not at all: the test polls for the file and reads it at once, and
    /// File.WriteAllText would let it see the file created but still empty.
    /// </summary>
    private static void SignalReady(string path, string content) =>
        AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(content)));

    /// <summary>Says it is ready, then waits for the test to create <paramref name="goFile"/>, so every process starts writing at the same moment.</summary>
    private static void WaitFor(string goFile)
    {
        SignalReady($"{goFile}.{Environment.ProcessId}.ready", string.Empty);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!File.Exists(goFile))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{goFile} never appeared");
            }

            Thread.Sleep(5);
        }
    }

    /// <summary>One run with <paramref name="metrics"/> metric points over 10 keys and <paramref name="artifacts"/> artifacts (some shared by all processes).</summary>
    private static int Log(string home, string name, int metrics, int artifacts, string goFile)
    {
        using var tracker = Tracker.Open(home);
        var scratch = Directory.CreateTempSubdirectory("wb-stress-");
        WaitFor(goFile);
        using var run = tracker.StartRun("stress", name);
        run.LogParams(new { process = name, metrics, artifacts });
        for (var i = 0; i < metrics; i++)
        {
            run.LogMetric($"m{i % 10}", i, i / 10);
        }

        for (var i = 0; i < artifacts; i++)
        {
            var path = Path.Combine(scratch.FullName, $"file_{i}.txt");
            // Every fifth artifact has the same bytes in every process: concurrent writers of one object.
            File.WriteAllText(path, i % 5 == 0 ? $"shared content {i}" : $"{name} artifact {i}");
            run.LogArtifact(path, $"files/file_{i}.txt");
        }

        run.End();
        scratch.Delete(recursive: true);
        Console.WriteLine(run.RunId);
        return 0;
    }

    /// <summary>Logs and flushes 1,000 points, signals ready, then logs without end until it is killed.</summary>
    private static int Crash(string home, string readyFile)
    {
        using var tracker = Tracker.Open(home, new TrackerOptions { MetricBatchSize = 5_000, FlushInterval = TimeSpan.FromMilliseconds(1) });
        var run = tracker.StartRun("crash", "victim");
        run.LogParam("lr", 0.01);
        for (var i = 0; i < 1_000; i++)
        {
            run.LogMetric("loss", 1.0 / (i + 1), i);
        }

        run.Flush();
        Console.WriteLine(run.RunId);
        Console.Out.Flush();
        SignalReady(readyFile, run.RunId);
        for (var step = 1_000L; ; step++)
        {
            run.LogMetric("loss", 1.0 / (step + 1), step);
        }
    }

    private static int Register(string home, string model, string runId, int count, string goFile)
    {
        var registry = ModelRegistry.Open(home);
        WaitFor(goFile);
        for (var i = 0; i < count; i++)
        {
            Console.WriteLine(registry.RegisterModel(model, runId).Version.ToString(CultureInfo.InvariantCulture));
        }

        return 0;
    }

    /// <summary>Starts a run, signals ready and waits: the test terminates it with SIGTERM.</summary>
    private static int Linger(string home, string readyFile)
    {
        using var tracker = Tracker.Open(home);
        var run = tracker.StartRun("linger", "terminated");
        run.LogMetric("loss", 0.5, 0);
        run.Flush();
        SignalReady(readyFile, run.RunId);
        Thread.Sleep(TimeSpan.FromMinutes(5));
        return 0;
    }

    /// <summary>Starts a run, queues 100 points and returns from Main without ending the run or disposing the tracker.</summary>
    private static int Abandon(string home)
    {
        var tracker = Tracker.Open(home, new TrackerOptions { FlushInterval = TimeSpan.FromHours(1) });
        var run = tracker.StartRun("abandon", "forgotten");
        for (var step = 0; step < 100; step++)
        {
            run.LogMetric("loss", step, step);
        }

        Console.WriteLine(run.RunId);
        return 0;
    }
}
