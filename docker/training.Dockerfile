# The Workbench training image: SageMaker's training-container contract (/opt/ml/input/config/*.json,
# /opt/ml/input/data/<channel>, SM_* variables, /opt/ml/model, /opt/ml/output/failure, /opt/ml/checkpoints) served by
# `workbench train`. The serving image is docker/Dockerfile.
#
# Build from the repository root:   docker build -f docker/training.Dockerfile -t workbench-training .
# Try it locally:                    docker run -v $PWD/opt-ml:/opt/ml workbench-training train
#
# No Docker engine is available on the development machines, so this file is not built in CI; the entrypoint is
# tested as a process with a temporary /opt/ml root (tests/Workbench.Cli.Tests/SageMaker), and the local backend runs
# the same entrypoint for its training jobs.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Workbench.Cli/Workbench.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# libopenblas0: the learning engine's optional GEMM provider.
RUN apt-get update && apt-get install -y --no-install-recommends libopenblas0 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/ml
COPY --from=build /app /app
COPY docker/train /usr/local/bin/train
RUN printf '#!/bin/sh\nexec dotnet /app/Workbench.Cli.dll "$@"\n' > /usr/local/bin/workbench \
    && chmod +x /usr/local/bin/workbench /usr/local/bin/train \
    && mkdir -p /opt/ml/input/config /opt/ml/input/data /opt/ml/model /opt/ml/output/data /opt/ml/checkpoints
ENTRYPOINT ["/usr/local/bin/train"]
CMD ["train"]
