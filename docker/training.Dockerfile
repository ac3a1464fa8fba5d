# The training image: `workbench train` as the container's entrypoint, the SageMaker training-container contract
# (/opt/ml/input/config/*.json, /opt/ml/input/data/<channel>, SM_* variables, /opt/ml/model, /opt/ml/output/failure,
# /opt/ml/checkpoints). SageMaker runs it as `docker run <image> train`; the entrypoint ignores the word "train".
#
# Build from the repository root:  docker build -f docker/training.Dockerfile -t workbench-training:0.1.0 .
# Not built in CI: these machines have no Docker engine. The entrypoint is tested as a process with a temporary
# /opt/ml root (tests/Workbench.Cli.Tests/SageMaker), and the local backend runs the same entrypoint.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Workbench.Cli/Workbench.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/runtime:10.0
# libopenblas0: the optional GEMM provider of the learning engine.
RUN apt-get update && apt-get install -y --no-install-recommends libopenblas0 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
RUN mkdir -p /opt/ml/input/config /opt/ml/input/data /opt/ml/model /opt/ml/output/data /opt/ml/checkpoints
ENV WORKBENCH_OPT_ML=/opt/ml DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /opt/ml
# SageMaker appends "train"; docker/entrypoint.sh maps it (and "serve") to the CLI's commands.
COPY docker/entrypoint.sh /usr/local/bin/entrypoint.sh
RUN chmod +x /usr/local/bin/entrypoint.sh
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
CMD ["train"]
