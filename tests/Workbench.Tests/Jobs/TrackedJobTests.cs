using Workbench.Jobs;

namespace Workbench.Tests.Jobs;

public sealed class TrackedJobTests
{
    [Fact]
    public async Task Without_a_backend_history_each_observed_change_is_one_transition_in_order()
    {
        var job = new ScriptedJob(
            ScriptedJob.Reported("InProgress", "Starting"),
            ScriptedJob.Reported("InProgress", "Starting"),
            ScriptedJob.Reported("InProgress", "Training"),
            ScriptedJob.Reported("InProgress", "Training"),
            ScriptedJob.Reported("Completed", "Completed", terminal: true));
        var seen = new List<string>();

        await job.WaitAsync(j => seen.Add(j.Describe()), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));

        seen.Should().Equal("InProgress (Starting)", "InProgress (Starting)", "InProgress (Training)", "InProgress (Training)", "Completed");
        job.History.Select(t => t.SecondaryStatus).Should().Equal("Starting", "Training", "Completed");
        job.History[0].Time.Should().Be(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), "the first transition starts when the job was created");
        job.History[0].EndTime.Should().Be(job.History[1].Time);
        job.History[^1].EndTime.Should().BeNull();
        job.Fetches.Should().Be(5);
    }

    [Fact]
    public async Task A_backend_history_is_used_as_reported()
    {
        var start = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
        var reported = new[]
        {
            new JobStatusTransition(start, "InProgress", "Starting", "Preparing the instances for training") { EndTime = start.AddSeconds(40) },
            new JobStatusTransition(start.AddSeconds(40), "InProgress", "Training", "Training in progress.") { EndTime = start.AddSeconds(100) },
            new JobStatusTransition(start.AddSeconds(100), "Failed", "Failed", "Training job failed"),
        };
        var job = new ScriptedJob(ScriptedJob.Reported("Failed", "Failed", terminal: true) with
        {
            Transitions = reported,
            FailureReason = "AlgorithmError: row 7",
            StartedAt = start.AddSeconds(40),
            EndedAt = start.AddSeconds(100),
            BillableSeconds = 60,
        });

        await job.WaitAsync();

        job.History.Should().Equal(reported);
        job.Elapsed.Should().Be(TimeSpan.FromSeconds(60));
        job.BillableTime.Should().Be(TimeSpan.FromSeconds(60));
        job.ToString().Should().Be("Training job readmission-1 [scripted]: Failed, 60 s: AlgorithmError: row 7");
    }

    [Fact]
    public async Task Waiting_past_the_timeout_names_the_job_and_its_last_status()
    {
        var job = new ScriptedJob(ScriptedJob.Reported("InProgress", "Downloading"));

        var wait = () => job.WaitAsync(pollInterval: TimeSpan.FromMilliseconds(5), timeout: TimeSpan.FromMilliseconds(50));

        (await wait.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Be("Training job 'readmission-1' is still InProgress (Downloading) after 0 s.");
    }

    [Fact]
    public async Task Progress_reporters_get_every_refresh()
    {
        var job = new ScriptedJob(ScriptedJob.Reported("Creating"), ScriptedJob.Reported("InService", terminal: true));
        var reports = new List<string>();

        await job.WaitAsync(new SynchronousProgress(j => reports.Add(j.Status)), TimeSpan.FromMilliseconds(1));

        reports.Should().Equal("Creating", "InService");
    }

    private sealed class SynchronousProgress(Action<TrackedJob> report) : IProgress<TrackedJob>
    {
        public void Report(TrackedJob value) => report(value);
    }
}
