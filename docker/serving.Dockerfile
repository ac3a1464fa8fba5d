# The inference image: `workbench serve` on 8080 (or SAGEMAKER_BIND_TO_PORT), answering GET /ping and
# POST /invocations, loading the model SageMaker unpacks from model.tar.gz into /opt/ml/model. SageMaker runs it as
# `docker run <image> serve`.
#
# Build from the repository root:  docker build -f docker/serving.Dockerfile -t workbench-serving:0.1.0 .
# Not built in CI: these machines have no Docker engine. The server is tested in-process and over loopback
# (tests/Workbench.Serving.Tests); `workbench serve` takes the same options outside a container.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Workbench.Cli/Workbench.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends libopenblas0 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
RUN mkdir -p /opt/ml/model
ENV WORKBENCH_OPT_ML=/opt/ml DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
COPY docker/entrypoint.sh /usr/local/bin/entrypoint.sh
RUN chmod +x /usr/local/bin/entrypoint.sh
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
CMD ["serve"]
