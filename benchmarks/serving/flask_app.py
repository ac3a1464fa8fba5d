"""Flask peer, served by gunicorn sync workers as SageMaker's scikit-learn container serves its Flask app.

gunicorn --workers 2 --bind 127.0.0.1:PORT flask_app:app   (WB_SERVING_MODEL=model.joblib)
"""
from flask import Flask, Response, request

from peer_model import error_body, predict_csv

app = Flask(__name__)


@app.get("/ping")
def ping():
    return Response(status=200)


@app.post("/invocations")
def invocations():
    if request.mimetype != "text/csv":
        return Response(error_body(f"unsupported content type {request.mimetype}"), status=415, mimetype="application/json")
    try:
        body = predict_csv(request.get_data())
    except ValueError as error:
        return Response(error_body(str(error)), status=400, mimetype="application/json")
    return Response(body, status=200, mimetype="application/json")
