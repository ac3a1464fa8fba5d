"""FastAPI peer, served by uvicorn (one worker process, uvloop/httptools when installed).

uvicorn --host 127.0.0.1 --port PORT --no-access-log fastapi_app:app   (WB_SERVING_MODEL=model.joblib)

The handler is `async def` and predicts inline: a 30-feature logistic regression takes tens of microseconds, less
than handing the work to FastAPI's thread pool would cost.
"""
from fastapi import FastAPI, Request, Response

from peer_model import error_body, predict_csv

app = FastAPI()


@app.get("/ping")
async def ping():
    return Response(status_code=200)


@app.post("/invocations")
async def invocations(request: Request):
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "text/csv":
        return Response(error_body(f"unsupported content type {media_type}"), status_code=415, media_type="application/json")
    try:
        body = predict_csv(await request.body())
    except ValueError as error:
        return Response(error_body(str(error)), status_code=400, media_type="application/json")
    return Response(body, status_code=200, media_type="application/json")
