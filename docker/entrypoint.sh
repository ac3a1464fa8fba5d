#!/bin/sh
# SageMaker starts training containers with the argument "train" and inference containers with "serve".
set -eu
case "${1:-}" in
    train)
        shift
        exec dotnet /app/Workbench.Cli.dll train --root "${WORKBENCH_OPT_ML:-/opt/ml}" "$@"
        ;;
    serve)
        shift
        # The model SageMaker unpacked; the port SageMaker asks for (8080 unless SAGEMAKER_BIND_TO_PORT says otherwise).
        # Containers must listen on all interfaces: SageMaker reaches them from outside the container.
        exec dotnet /app/Workbench.Cli.dll serve --model "${WORKBENCH_OPT_ML:-/opt/ml}/model" --host 0.0.0.0 --port "${SAGEMAKER_BIND_TO_PORT:-8080}" "$@"
        ;;
    *)
        exec dotnet /app/Workbench.Cli.dll "$@"
        ;;
esac
