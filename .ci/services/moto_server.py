"""moto_server, except that DynamoDB requests are served one at a time (started by 20-moto.sh).

moto evaluates a DynamoDB ConditionExpression and then writes the item with no lock between the
two, so under load two concurrent conditional puts of the same key can both succeed. DynamoDB
applies each conditional write atomically, and our stores rely on that. Serialising DynamoDB
requests gives the emulator that guarantee; SQS long polls and S3 stay concurrent.
"""
import argparse
import threading

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import run_simple

parser = argparse.ArgumentParser()
parser.add_argument("-H", "--host", default="127.0.0.1")
parser.add_argument("-p", "--port", type=int, required=True)
args = parser.parse_args()

moto = DomainDispatcherApplication(create_backend_app)
dynamodb = threading.Lock()


def app(environ, start_response):
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
        with dynamodb:
            # The whole answer is produced inside the lock, not when the server iterates it later.
            return list(moto(environ, start_response))
    return moto(environ, start_response)


run_simple(args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler)
