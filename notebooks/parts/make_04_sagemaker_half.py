"""Writes the SageMaker half of notebooks/04-deployment.ipynb (training job with live status, registry approval,
endpoint with two variants, autoscaling and its simulation, costs) on either backend: every cell from the
"## SageMaker half" markdown cell on is replaced by the cells below, and the half's parameters join the notebook's
parameters cell. Idempotent; the local half (the cells before) is left as it is. Run with /usr/bin/python3."""
import json
import pathlib

cells = []


def md(text):
    cells.append({"cell_type": "markdown", "id": f"sm-{len(cells):02d}", "metadata": {}, "source": text.strip("\n").splitlines(keepends=True)})


def code(text, tags=None, cell_id=None):
    meta = {"tags": tags} if tags else {}
    cells.append({"cell_type": "code", "id": cell_id or f"sm-{len(cells):02d}", "metadata": meta, "execution_count": None, "outputs": [],
                  "source": text.strip("\n").splitlines(keepends=True)})


md("""
## SageMaker half

The same workflow on a SageMaker backend: a training job whose status updates in place while it runs, the model
registered and approved, an endpoint with two production variants, an autoscaling policy and its simulation, and
what it would cost. `backend = "local"` runs everything on this machine through the same SageMaker API
(the training container's entrypoint in a temporary `/opt/ml`, the inference server on 127.0.0.1, the Workbench
registry behind model package groups); `backend = "sagemaker"` sends the same requests to Amazon SageMaker and
needs AWS credentials and a region — without them, the cells below say so and skip.
""")

code("""
#r "nuget: Workbench.SageMaker, 0.1.0"
""")

md("""
### The backend

One setting, `backend` in the parameters cell, picks it. The local backend keeps its jobs under
`artifacts/deployment/sagemaker-local`, maps `s3://` URIs to folders there, and registers models in the same Workbench
registry as the local half.
""")

code("""
using Workbench.Costs;
using Workbench.SageMaker.Api;
using Workbench.SageMaker.AutoScaling;
using Workbench.SageMaker.Aws;
using Workbench.SageMaker.Backends;
using Workbench.SageMaker.Container;
using Workbench.SageMaker.Jobs;
using Workbench.SageMaker.Local;
using Workbench.SageMaker.Runtime;

// Under outputDir, beside the local half's registry (its "cancer" model; this half registers "breast-cancer").
// A rerun starts from scratch: the local backend's jobs, checkpoints and s3:// stand-in are its own to clear.
var localRoot = Path.GetFullPath(Path.Combine(outputDir, "sagemaker-local"));
if (backend == "local" && Directory.Exists(localRoot))
{
    Directory.Delete(localRoot, recursive: true);
}

var (sm, unavailable) = await SageMakerBackends.TryCreateAsync(backend,
    new LocalBackendOptions { Root = localRoot, WorkbenchHome = Path.GetFullPath(Path.Combine(outputDir, "home")) },
    new AwsClientOptions { Region = region });
bool skip = sm is null;
Console.WriteLine(skip
    ? $"The '{backend}' backend is not available, so the SageMaker cells are skipped.\\n{unavailable}"
    : $"Backend: {sm!.Name}");
""", cell_id="sm-backend")

md("""
### Training data in the backend's storage

Breast-cancer biopsies split 80 / 20 with a fixed seed, uploaded as the `train` and `validation` channels.
""")

code("""
string trainUri = "", validationUri = "";
if (!skip)
{
    var lines = File.ReadAllLines(Path.Combine(dataDir, "breast_cancer.csv"));
    var rows = lines.Skip(1).ToArray();
    new Random(42).Shuffle(rows);
    var cut = (int)(rows.Length * 0.8);
    var local = Path.Combine(outputDir, "sagemaker-data");
    Directory.CreateDirectory(Path.Combine(local, "train"));
    Directory.CreateDirectory(Path.Combine(local, "validation"));
    File.WriteAllLines(Path.Combine(local, "train", "part-0.csv"), [lines[0], .. rows[..cut]]);
    File.WriteAllLines(Path.Combine(local, "validation", "part-0.csv"), [lines[0], .. rows[cut..]]);
    trainUri = $"s3://{bucket}/cancer/data/train/";
    validationUri = $"s3://{bucket}/cancer/data/validation/";
    await sm!.Artifacts.UploadDirectoryAsync(Path.Combine(local, "train"), trainUri);
    await sm.Artifacts.UploadDirectoryAsync(Path.Combine(local, "validation"), validationUri);
    Console.WriteLine($"{cut} training rows -> {trainUri}; {rows.Length - cut} validation rows -> {validationUri}");
}
""")

md("""
### A training job, watched live

`workbench train` is the training image's entrypoint: it reads the hyperparameters and channels as SageMaker passes
them and prints `#metric train:loss=… epoch=N` lines that the job's `MetricDefinitions` parse. The status below is
**one output, updated in place** while the job runs (secondary status, timeline, elapsed and billable time, metric
curves); a saved notebook keeps its final state.
""")

code("""
CreateTrainingJobRequest TrainingRequest(string name, Dictionary<string, string> hyperparameters) => new()
{
    TrainingJobName = name,
    HyperParameters = hyperparameters,
    AlgorithmSpecification = new AlgorithmSpecification
    {
        TrainingImage = trainingImage,
        TrainingInputMode = "File",
        MetricDefinitions = TrainingMetricFormat.Definitions(),
    },
    RoleArn = roleArn,
    InputDataConfig = [Channel.FromS3Prefix("train", trainUri, "text/csv"), Channel.FromS3Prefix("validation", validationUri, "text/csv")],
    OutputDataConfig = new OutputDataConfig { S3OutputPath = $"s3://{bucket}/cancer/models" },
    ResourceConfig = new ResourceConfig { InstanceType = "ml.m5.large", InstanceCount = 1, VolumeSizeInGB = 10 },
    StoppingCondition = new StoppingCondition { MaxRuntimeInSeconds = 3600 },
    CheckpointConfig = new CheckpointConfig { S3Uri = $"s3://{bucket}/cancer/checkpoints/{name}" },
};

// SageMaker wants names unique in the account; the local backend starts empty, so its names stay the same run to run.
var stamp = backend == "local" ? "demo" : DateTime.UtcNow.ToString("yyyyMMdd-HHmmss");
var poll = backend == "local" ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(15);
TrainingJob? challengerJob = null;
if (!skip)
{
    challengerJob = await TrainingJob.StartAsync(sm!, TrainingRequest($"cancer-mlp-{stamp}",
        new() { ["target"] = "diagnosis", ["model"] = "mlp", ["hidden_layer_sizes"] = "32", ["epochs"] = "60", ["model_name"] = "breast-cancer" }));
    var shown = display(challengerJob);
    await challengerJob.WaitAsync(j => shown.Update(j), poll, TimeSpan.FromHours(2));
}
""", cell_id="sm-training")

code("""
TrainingJob? championJob = null;
if (!skip)
{
    championJob = await TrainingJob.StartAsync(sm!, TrainingRequest($"cancer-logistic-{stamp}",
        new() { ["target"] = "diagnosis", ["C"] = "0.5", ["model_name"] = "breast-cancer" }));
    var shown = display(championJob);
    await championJob.WaitAsync(j => shown.Update(j), poll, TimeSpan.FromHours(2));
    foreach (var job in new[] { championJob, challengerJob! })
    {
        Console.WriteLine($"{job.Name}: {job.Status}, validation AUC {job.Metrics["validation:auc"][^1].Value:0.0000}, model {job.ModelArtifacts}");
    }
}
""")

md("""
### Registry approval

A model package group is a registered model; each package is a version with an approval status. A version is
approved only when its validation AUC clears the bar; only approved versions are deployed.
""")

code("""
const string group = "breast-cancer";
var packages = new Dictionary<string, string>();
if (!skip)
{
    try
    {
        await sm!.SageMaker.CreateModelPackageGroupAsync(new CreateModelPackageGroupRequest { ModelPackageGroupName = group, ModelPackageGroupDescription = "Biopsy classifier (Wisconsin diagnostic)" });
    }
    catch (AwsServiceException e) when (e.Message.Contains("already exists", StringComparison.Ordinal))
    {
        Console.WriteLine($"model package group {group} exists; adding versions to it");
    }

    foreach (var job in new[] { championJob!, challengerJob! })
    {
        var created = await sm.SageMaker.CreateModelPackageAsync(new CreateModelPackageRequest
        {
            ModelPackageGroupName = group,
            ModelPackageDescription = $"{job.Name}: validation AUC {job.Metrics["validation:auc"][^1].Value:0.0000}",
            InferenceSpecification = new InferenceSpecification
            {
                Containers = [new ModelPackageContainerDefinition { Image = servingImage, ModelDataUrl = job.ModelArtifacts }],
                SupportedContentTypes = ["text/csv", "application/json"],
                SupportedResponseMIMETypes = ["application/json", "text/csv"],
            },
            ModelApprovalStatus = ModelApprovalStatus.PendingManualApproval,
        });
        var auc = job.Metrics["validation:auc"][^1].Value;
        await sm.SageMaker.UpdateModelPackageAsync(new UpdateModelPackageRequest
        {
            ModelPackageArn = created.ModelPackageArn,
            ModelApprovalStatus = auc >= 0.95 ? ModelApprovalStatus.Approved : ModelApprovalStatus.Rejected,
            ApprovalDescription = $"validation AUC {auc:0.0000} against the 0.95 bar",
        });
        packages[job.Name] = created.ModelPackageArn;
    }

    var listed = await sm.SageMaker.ListModelPackagesAsync(new ListModelPackagesRequest { ModelPackageGroupName = group, SortOrder = "Descending", MaxResults = 10 });
    foreach (var package in listed.ModelPackageSummaryList.Take(4))
    {
        Console.WriteLine($"{package.ModelPackageArn}  {package.ModelApprovalStatus}  {package.ModelPackageDescription}");
    }
}
""", cell_id="sm-registry")

md("""
### An endpoint with two variants

The logistic regression is the champion, the MLP the challenger; each gets half the traffic, and every request and
response is captured for monitoring. The endpoint's creation is watched live too.
""")

code("""
var endpointName = $"cancer-{stamp}";
EndpointJob? endpoint = null;
if (!skip)
{
    foreach (var (job, variant) in new[] { (championJob!, "champion"), (challengerJob!, "challenger") })
    {
        await sm!.SageMaker.CreateModelAsync(new CreateModelRequest
        {
            ModelName = $"{variant}-{stamp}",
            PrimaryContainer = new ContainerDefinition { ModelPackageName = packages[job.Name] },
            ExecutionRoleArn = roleArn,
        });
    }

    await sm!.SageMaker.CreateEndpointConfigAsync(new CreateEndpointConfigRequest
    {
        EndpointConfigName = $"{endpointName}-ab",
        ProductionVariants =
        [
            new ProductionVariant { VariantName = "champion", ModelName = $"champion-{stamp}", InstanceType = "ml.m5.large", InitialInstanceCount = 1, InitialVariantWeight = 1 },
            new ProductionVariant { VariantName = "challenger", ModelName = $"challenger-{stamp}", InstanceType = "ml.m5.large", InitialInstanceCount = 1, InitialVariantWeight = 1 },
        ],
        DataCaptureConfig = new DataCaptureConfig
        {
            EnableCapture = true,
            InitialSamplingPercentage = 100,
            DestinationS3Uri = $"s3://{bucket}/cancer/capture",
            CaptureOptions = [new CaptureOption { CaptureMode = "Input" }, new CaptureOption { CaptureMode = "Output" }],
        },
    });
    await sm.SageMaker.CreateEndpointAsync(new CreateEndpointRequest { EndpointName = endpointName, EndpointConfigName = $"{endpointName}-ab" });
    endpoint = new EndpointJob(sm, endpointName);
    var shown = display(endpoint);
    await endpoint.WaitAsync(j => shown.Update(j), poll, TimeSpan.FromMinutes(30));
}
""", cell_id="sm-endpoint")

code("""
if (!skip && endpoint!.Status == "InService")
{
    var validationRows = File.ReadAllLines(Path.Combine(dataDir, "breast_cancer.csv")).Skip(1).Take(120).ToList();
    var byVariant = new Dictionary<string, (int Calls, int Correct)>();
    foreach (var line in validationRows)
    {
        var fields = line.Split(',');
        var answer = await sm!.Runtime.InvokeEndpointAsync(new InvokeEndpointRequest
        {
            EndpointName = endpointName,
            Body = System.Text.Encoding.UTF8.GetBytes(string.Join(',', fields[..30])),
            ContentType = "text/csv",
            Accept = "application/json",
            InferenceId = $"biopsy-{byVariant.Values.Sum(v => v.Calls)}",   // routing hashes it: the same id reaches the same variant
        });
        using var json = System.Text.Json.JsonDocument.Parse(answer.Body);
        var right = json.RootElement.GetProperty("predictions")[0].GetString() == fields[30];
        var (calls, correct) = byVariant.GetValueOrDefault(answer.InvokedProductionVariant!);
        byVariant[answer.InvokedProductionVariant!] = (calls + 1, correct + (right ? 1 : 0));
    }

    foreach (var (variant, (calls, correct)) in byVariant.OrderBy(v => v.Key))
    {
        Console.WriteLine($"{variant}: {calls} requests, accuracy {(double)correct / calls:0.000}");
    }

    // The challenger takes all the traffic; the champion stays deployed for a quick rollback.
    await sm!.SageMaker.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest
    {
        EndpointName = endpointName,
        DesiredWeightsAndCapacities = [new DesiredWeightAndCapacity { VariantName = "champion", DesiredWeight = 0 }, new DesiredWeightAndCapacity { VariantName = "challenger", DesiredWeight = 1 }],
    });
    display(endpoint.Refresh());
}
""", cell_id="sm-invoke")

md("""
### Autoscaling: the policy and its simulation

Target tracking on `SageMakerVariantInvocationsPerInstance`: 1 to 5 instances, 100 invocations per instance per
minute, 30 s cooldowns. The policy goes to Application Auto Scaling (locally it is validated and kept); the simulation
replays a 5x spike on 80 requests a minute through the same policy.
""")

code("""
var policy = new TargetTrackingPolicy
{
    MinInstances = 1,
    MaxInstances = 5,
    TargetInvocationsPerInstance = 100,
    ScaleOutCooldown = TimeSpan.FromSeconds(30),
    ScaleInCooldown = TimeSpan.FromSeconds(30),
};
if (!skip)
{
    var applied = await VariantAutoScaling.ApplyAsync(sm!.AutoScaling, endpointName, "challenger", policy);
    Console.WriteLine($"scaling policy: {applied.PolicyARN}");
}

var simulation = TargetTrackingSimulator.Run(policy, TrafficSeries.Spike(80, 5, 10, 30, 90));
simulation
""", cell_id="sm-scaling")

md("""
### What it costs

One million requests a month at 500 ms: Lambda with 2 GB, SageMaker serverless inference with 2 GB, and a real-time
`ml.m5.large` endpoint running all month (prices are dated, editable data).
""")

code("""
DeploymentCosts.Compare(
    new InferenceTraffic { RequestsPerMonth = 1_000_000, AverageDuration = TimeSpan.FromMilliseconds(500) },
    new LambdaDeployment { MemoryMB = 2048, EphemeralStorageMB = 2048 },
    new ServerlessInferenceDeployment { MemoryMB = 2048 },
    new RealTimeDeployment { InstanceType = "ml.m5.large" })
""", cell_id="sm-costs")

code("""
if (!skip)
{
    await sm!.SageMaker.DeleteEndpointAsync(new DeleteEndpointRequest { EndpointName = endpointName });
    Console.WriteLine($"endpoint {endpointName} deleted");
    sm.Dispose();
}
""")

PARAMETERS = """// SageMaker half
string backend = "local";            // "local" runs here; "sagemaker" needs AWS credentials and a region
string region = "eu-west-1";
string bucket = "workbench-demo-models";
string roleArn = "arn:aws:iam::123456789012:role/workbench-sagemaker-execution";
string trainingImage = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/workbench-training:0.1.0";
string servingImage = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/workbench-serving:0.1.0";"""

target = pathlib.Path(__file__).resolve().parent.parent / "04-deployment.ipynb"
notebook = json.loads(target.read_text(encoding="utf-8"))
existing = notebook["cells"]
half = next(i for i, c in enumerate(existing) if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("## SageMaker half"))
parameters = next(c for c in existing if "parameters" in c["metadata"].get("tags", []))
source = "".join(parameters["source"])
if "// SageMaker half" in source:
    source = source[:source.index("// SageMaker half")].rstrip("\n")
parameters["source"] = (source + "\n" + PARAMETERS).splitlines(keepends=True)
notebook["cells"] = existing[:half] + cells
target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(f"wrote {target}: {half} cells of the local half, {len(cells)} of the SageMaker half")
